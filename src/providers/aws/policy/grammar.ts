/**
 * Parsing and validating a bucket policy the way S3 accepts or rejects it (PutBucketPolicy → MalformedPolicy).
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type {
  ConditionClause,
  PolicyDocument,
  PolicyParseResult,
  PolicyProblem,
  PrincipalSpec,
  Statement,
} from './types.js'

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement'])
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'CanonicalUser', 'Federated'])

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html */
export const BASE_OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
])

export interface ParsedOperator {
  readonly set: 'ForAnyValue' | 'ForAllValues' | null
  readonly base: string
  readonly ifExists: boolean
}

/** Splits "ForAnyValue:StringLikeIfExists" into its parts; null when it is not an IAM operator. */
export function parseOperator(operator: string): ParsedOperator | null {
  let rest = operator
  let set: ParsedOperator['set'] = null
  for (const prefix of ['ForAnyValue', 'ForAllValues'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      set = prefix
      rest = rest.slice(prefix.length + 1)
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists'
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest
  if (!BASE_OPERATORS.has(base)) return null
  // "You can use any condition operator except the Null condition with ...IfExists" (condition operators page).
  if (base === 'Null' && (ifExists || set !== null)) return null
  return {set, base, ifExists}
}

const esc = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')

function stringList(
  value: unknown,
  pointer: string,
  problems: PolicyProblem[],
  what: string,
): string[] | undefined {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
    return value as string[]
  problems.push({pointer, message: `${what} must be a string or a non-empty array of strings`, quote: value})
  return undefined
}

function principalSpec(
  value: unknown,
  pointer: string,
  problems: PolicyProblem[],
): PrincipalSpec | undefined {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  if (value === '*') return {any: true}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({
      pointer,
      message: 'a principal must be "*" or an object such as {"AWS": …} or {"Service": …}',
      quote: value,
    })
    return undefined
  }
  const lists: Record<string, string[]> = {AWS: [], Service: [], CanonicalUser: [], Federated: []}
  for (const [type, v] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) {
      problems.push({
        pointer: `${pointer}/${esc(type)}`,
        message: `unknown principal type "${type}" (expected AWS, Service, CanonicalUser or Federated)`,
        quote: {[type]: v},
      })
      continue
    }
    const list = stringList(v, `${pointer}/${esc(type)}`, problems, `Principal ${type}`)
    if (list !== undefined) lists[type] = list
  }
  return {
    any: false,
    aws: lists.AWS ?? [],
    service: lists.Service ?? [],
    canonicalUser: lists.CanonicalUser ?? [],
    federated: lists.Federated ?? [],
  }
}

function conditions(value: unknown, pointer: string, problems: PolicyProblem[]): ConditionClause[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({pointer, message: 'Condition must be an object of operators', quote: value})
    return []
  }
  const out: ConditionClause[] = []
  for (const [operator, block] of Object.entries(value)) {
    const opPointer = `${pointer}/${esc(operator)}`
    if (parseOperator(operator) === null) {
      problems.push({
        pointer: opPointer,
        message: `"${operator}" is not an IAM condition operator`,
        quote: operator,
      })
      continue
    }
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      problems.push({
        pointer: opPointer,
        message: `the ${operator} block must map condition keys to values`,
        quote: block,
      })
      continue
    }
    for (const [key, raw] of Object.entries(block)) {
      const list = Array.isArray(raw) ? raw : [raw]
      // JSON booleans and numbers are accepted and compared as their text (e.g. "aws:SecureTransport": false).
      if (
        list.length === 0 ||
        !list.every((v) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number')
      ) {
        problems.push({
          pointer: `${opPointer}/${esc(key)}`,
          message: `values of ${key} must be strings, numbers or booleans`,
          quote: raw,
        })
        continue
      }
      out.push({operator, key, values: list.map(String), pointer: `${opPointer}/${esc(key)}`})
    }
  }
  return out
}

function statement(
  raw: unknown,
  pointer: string,
  index: number,
  problems: PolicyProblem[],
): Statement | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({pointer, message: 'a statement must be an object', quote: raw})
    return undefined
  }
  const s = raw as Record<string, unknown>
  const before = problems.length
  for (const k of Object.keys(s)) {
    if (!STATEMENT_ELEMENTS.has(k))
      problems.push({
        pointer: `${pointer}/${esc(k)}`,
        message: `unknown statement element "${k}"`,
        quote: {[k]: s[k]},
      })
  }
  // Effect is case-sensitive: "allow" is rejected.
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    problems.push({
      pointer: `${pointer}/Effect`,
      message: 'Effect must be exactly "Allow" or "Deny"',
      quote: s.Effect ?? null,
    })
  }
  const pair = (a: string, b: string, required: string) => {
    if (a in s && b in s)
      problems.push({
        pointer,
        message: `a statement cannot have both ${a} and ${b}`,
        quote: {[a]: s[a], [b]: s[b]},
      })
    else if (!(a in s) && !(b in s)) problems.push({pointer, message: required, quote: raw})
  }
  // Resource-based policies must name who they apply to.
  pair('Principal', 'NotPrincipal', 'a bucket policy statement needs a Principal or NotPrincipal')
  pair('Action', 'NotAction', 'a statement needs an Action or NotAction')
  pair('Resource', 'NotResource', 'a statement needs a Resource or NotResource')
  if ('Sid' in s && typeof s.Sid !== 'string')
    problems.push({pointer: `${pointer}/Sid`, message: 'Sid must be a string', quote: s.Sid})
  const principal =
    'Principal' in s ? principalSpec(s.Principal, `${pointer}/Principal`, problems) : undefined
  const notPrincipal =
    'NotPrincipal' in s ? principalSpec(s.NotPrincipal, `${pointer}/NotPrincipal`, problems) : undefined
  const list = (k: string) => (k in s ? stringList(s[k], `${pointer}/${k}`, problems, k) : undefined)
  const action = list('Action')
  const notAction = list('NotAction')
  const resource = list('Resource')
  const notResource = list('NotResource')
  const conds = 'Condition' in s ? conditions(s.Condition, `${pointer}/Condition`, problems) : []
  if (problems.length > before) return undefined
  return {
    index,
    ...(typeof s.Sid === 'string' ? {sid: s.Sid} : {}),
    effect: s.Effect as 'Allow' | 'Deny',
    ...(principal === undefined ? {} : {principal}),
    ...(notPrincipal === undefined ? {} : {notPrincipal}),
    ...(action === undefined ? {} : {action}),
    ...(notAction === undefined ? {} : {notAction}),
    ...(resource === undefined ? {} : {resource}),
    ...(notResource === undefined ? {} : {notResource}),
    conditions: conds,
    pointer,
    raw,
  }
}

/** Parses the policy text GetBucketPolicy returns (or an already-parsed object), collecting every problem. */
export function parsePolicy(input: unknown): PolicyParseResult {
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (error) {
      return {
        ok: false,
        problems: [
          {
            pointer: '',
            message: `the policy is not JSON: ${(error as Error).message}`,
            quote: input.slice(0, 120),
          },
        ],
      }
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {ok: false, problems: [{pointer: '', message: 'a policy must be a JSON object', quote: value}]}
  }
  const doc = value as Record<string, unknown>
  const problems: PolicyProblem[] = []
  for (const k of Object.keys(doc)) {
    if (!TOP_LEVEL.has(k))
      problems.push({pointer: `/${esc(k)}`, message: `unknown policy element "${k}"`, quote: {[k]: doc[k]}})
  }
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
  if ('Version' in doc && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    problems.push({
      pointer: '/Version',
      message: 'Version must be "2012-10-17" or "2008-10-17"',
      quote: doc.Version,
    })
  }
  if ('Id' in doc && typeof doc.Id !== 'string')
    problems.push({pointer: '/Id', message: 'Id must be a string', quote: doc.Id})
  const raw = doc.Statement
  const statements: Statement[] = []
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    problems.push({pointer: '/Statement', message: 'the policy has no statement', quote: raw ?? null})
  } else if (Array.isArray(raw)) {
    raw.forEach((r, i) => {
      const s = statement(r, `/Statement/${i}`, i + 1, problems)
      if (s !== undefined) statements.push(s)
    })
  } else {
    const s = statement(raw, '/Statement', 1, problems)
    if (s !== undefined) statements.push(s)
  }
  if (problems.length > 0) return {ok: false, problems}
  const policy: PolicyDocument = {
    version: doc.Version as PolicyDocument['version'],
    ...(typeof doc.Id === 'string' ? {id: doc.Id} : {}),
    statements,
  }
  return {ok: true, policy}
}
