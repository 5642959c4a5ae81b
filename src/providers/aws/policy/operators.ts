/**
 * Condition operators, with AWS's rules for missing keys and multi-valued keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import ipaddr from 'ipaddr.js'

import {parseOperator} from './grammar.js'
import {compilePattern, substitute} from './patterns.js'
import type {ClauseResult, ConditionClause, ContextLookup, PolicyVersion, Tri} from './types.js'

/** Operators that require the value to match none of the listed values ("cannot match any"). */
const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
])

/** The positive twin of a negated operator: StringNotLike matches when StringLike matches no value. */
const POSITIVE: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
}

function toNumber(s: string): number {
  return s.trim() === '' ? Number.NaN : Number(s)
}

/** Dates are ISO 8601 or epoch seconds ("aws:EpochTime"). */
function toDate(s: string): number {
  return /^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) * 1000 : Date.parse(s)
}

function parseCidr(s: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  try {
    if (!s.includes('/')) {
      const addr = ipaddr.process(s)
      return [addr, addr.kind() === 'ipv4' ? 32 : 128]
    }
    const [addr, bits] = ipaddr.parseCIDR(s)
    // ::ffff:a.b.c.d/120 is an IPv4 range written in IPv6; compare it as IPv4, like the addresses.
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      return [(addr as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
    }
    return [addr, bits]
  } catch {
    return undefined
  }
}

function ipMatches(actual: string, range: string): boolean {
  const cidr = parseCidr(range)
  if (cidr === undefined || !ipaddr.isValid(actual)) return false
  const addr = ipaddr.process(actual)
  if (addr.kind() !== cidr[0].kind()) return false
  return addr.match(cidr)
}

/** ARNs compare component by component, each with wildcards (ArnEquals and ArnLike behave alike). */
function arnMatches(
  actual: string,
  pattern: string,
  version: PolicyVersion | undefined,
  context: ContextLookup,
): Tri {
  const split = (arn: string) => {
    const parts = arn.split(':')
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')]
  }
  const a = split(actual)
  const p = split(pattern)
  if (a === undefined || p === undefined) return 'no-match'
  let result: Tri = 'match'
  for (let i = 0; i < 6; i++) {
    const c = compilePattern(p[i] ?? '', {ignoreCase: false, version, context})
    if (c.kind === 'never') return 'no-match'
    if (c.kind === 'unknown') result = 'unknown'
    else if (!c.regex.test(a[i] ?? '')) return 'no-match'
  }
  return result
}

/** Does one context value satisfy one policy value under a positive base operator? */
function compare(
  base: string,
  actual: string,
  value: string,
  version: PolicyVersion | undefined,
  context: ContextLookup,
): Tri {
  const literal = (): string | Tri => {
    // Variables are substituted in condition values too (not in Null).
    const s = substitute(value, version, context)
    if ('never' in s) return 'no-match'
    if ('unknown' in s) return 'unknown'
    return s.pieces.map((p) => p.text).join('')
  }
  switch (base) {
    case 'StringEquals':
    case 'StringEqualsIgnoreCase':
    case 'BinaryEquals': {
      const v = literal()
      if (v === 'no-match' || v === 'unknown') return v
      const equal =
        base === 'StringEqualsIgnoreCase' ? actual.toLowerCase() === v.toLowerCase() : actual === v
      return equal ? 'match' : 'no-match'
    }
    case 'StringLike': {
      const c = compilePattern(value, {ignoreCase: false, version, context})
      return c.kind === 'regex'
        ? c.regex.test(actual)
          ? 'match'
          : 'no-match'
        : c.kind === 'never'
          ? 'no-match'
          : 'unknown'
    }
    case 'Bool':
      return actual.toLowerCase() === value.toLowerCase() ? 'match' : 'no-match'
    case 'IpAddress':
      return ipMatches(actual, value) ? 'match' : 'no-match'
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatches(actual, value, version, context)
    default: {
      const numeric = base.startsWith('Numeric')
      const a = numeric ? toNumber(actual) : toDate(actual)
      const b = numeric ? toNumber(value) : toDate(value)
      if (Number.isNaN(a) || Number.isNaN(b)) return 'no-match'
      const op = base.replace(/^(Numeric|Date)/, '')
      const ok =
        op === 'Equals'
          ? a === b
          : op === 'LessThan'
            ? a < b
            : op === 'LessThanEquals'
              ? a <= b
              : op === 'GreaterThan'
                ? a > b
                : a >= b
      return ok ? 'match' : 'no-match'
    }
  }
}

const or = (a: Tri, b: Tri): Tri =>
  a === 'match' || b === 'match' ? 'match' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'no-match'
const not = (a: Tri): Tri => (a === 'match' ? 'no-match' : a === 'no-match' ? 'match' : 'unknown')
const fromBool = (b: boolean): Tri => (b ? 'match' : 'no-match')

/** Evaluates one condition clause against the request context. */
export function evaluateClause(
  clause: ConditionClause,
  version: PolicyVersion | undefined,
  context: ContextLookup,
): ClauseResult {
  const op = parseOperator(clause.operator)
  const actual = context(clause.key)
  if (op === null) return {clause, result: 'unknown', actual, note: `unknown operator ${clause.operator}`}
  if (op.base === 'Null') {
    // "true": the key is absent; "false": it is present.
    if (actual.kind === 'unknown') return {clause, result: 'unknown', actual, note: actual.why}
    const absent = actual.kind === 'absent'
    return {
      clause,
      result: fromBool(clause.values.some((v) => (v.toLowerCase() === 'true') === absent)),
      actual,
    }
  }
  if (actual.kind === 'unknown') return {clause, result: 'unknown', actual, note: actual.why}
  const negated = NEGATED.has(op.base)
  if (actual.kind === 'absent' || actual.values.length === 0) {
    // "If the key … is not present in the request context, the values do not match" — except negated operators,
    // …IfExists (true), and ForAllValues (true on an empty set) / ForAnyValue (false).
    if (op.ifExists)
      return {clause, result: 'match', actual, note: `${clause.key} absent: ${clause.operator} is true`}
    if (op.set === 'ForAllValues')
      return {clause, result: 'match', actual, note: `${clause.key} absent: ForAllValues is true`}
    if (op.set === 'ForAnyValue')
      return {clause, result: 'no-match', actual, note: `${clause.key} absent: ForAnyValue is false`}
    return {
      clause,
      result: fromBool(negated),
      actual,
      note: `${clause.key} absent: ${clause.operator} is ${negated ? 'true' : 'false'}`,
    }
  }
  const base = negated ? (POSITIVE[op.base] as string) : op.base
  // One context value against the listed values: OR for positive operators, "matches none" for negated ones.
  const one = (a: string): Tri => {
    let any: Tri = 'no-match'
    for (const v of clause.values) any = or(any, compare(base, a, v, version, context))
    return negated ? not(any) : any
  }
  const results = actual.values.map(one)
  let result: Tri
  if (op.set === 'ForAllValues') {
    result = results.includes('no-match') ? 'no-match' : results.includes('unknown') ? 'unknown' : 'match'
  } else result = results.reduce<Tri>((acc, r) => or(acc, r), 'no-match')
  return {clause, result, actual}
}
