/**
 * A policy compiled for one principal and one request context: principal and conditions are decided once, resource
 * patterns compiled once; `match(action, resource)` then costs a few regex tests. Built once per scan.
 */
import {evaluateClause} from './operators.js'
import {compilePattern, plainPattern, type CompiledPattern} from './patterns.js'
import {principalMatches} from './principals.js'
import type {
  BoundPolicy,
  ClauseResult,
  ContextLookup,
  IamPrincipal,
  PolicyDocument,
  Statement,
  StatementMatch,
  Tri,
} from './types.js'

const and = (...ts: Tri[]): Tri =>
  ts.includes('no-match') ? 'no-match' : ts.includes('unknown') ? 'unknown' : 'match'

interface CompiledStatement {
  readonly statement: Statement
  readonly principal: Tri
  readonly condition: Tri
  readonly clauses: readonly ClauseResult[]
  readonly actions: readonly RegExp[]
  readonly negateAction: boolean
  readonly resources: readonly CompiledPattern[]
  readonly negateResource: boolean
}

function resourceTri(patterns: readonly CompiledPattern[], negate: boolean, arn: string): Tri {
  let result: Tri = 'no-match'
  for (const p of patterns) {
    if (p.kind === 'regex') {
      if (p.regex.test(arn)) {
        result = 'match'
        break
      }
    } else if (p.kind === 'unknown') result = 'unknown'
  }
  if (!negate) return result
  return result === 'match' ? 'no-match' : result === 'no-match' ? 'match' : 'unknown'
}

export function bindPolicy(
  policy: PolicyDocument,
  principal: IamPrincipal,
  context: ContextLookup,
): BoundPolicy {
  const compiled: CompiledStatement[] = policy.statements.map((s) => {
    const principalTri: Tri =
      s.principal !== undefined
        ? principalMatches(s.principal, principal)
          ? 'match'
          : 'no-match'
        : s.notPrincipal !== undefined && !principalMatches(s.notPrincipal, principal)
          ? 'match'
          : 'no-match'
    const clauses = s.conditions.map((c) => evaluateClause(c, policy.version, context))
    // Operators are AND'ed, and keys within an operator too.
    const condition = and(...clauses.map((c) => c.result))
    return {
      statement: s,
      principal: principalTri,
      condition,
      clauses,
      // "The prefix and the action name are case insensitive" (Action element).
      actions: (s.action ?? s.notAction ?? []).map((a) => plainPattern(a, true)),
      negateAction: s.action === undefined,
      // Resource ARNs are case-sensitive, because object keys are.
      resources: (s.resource ?? s.notResource ?? []).map((r) =>
        compilePattern(r, {ignoreCase: false, version: policy.version, context}),
      ),
      negateResource: s.resource === undefined,
    }
  })
  const actionCache = new Map<string, Tri[]>()
  const actionResults = (action: string): Tri[] => {
    let r = actionCache.get(action)
    if (r === undefined) {
      r = compiled.map((c) => {
        const any = c.actions.some((re) => re.test(action))
        return (c.negateAction ? !any : any) ? 'match' : 'no-match'
      })
      actionCache.set(action, r)
    }
    return r
  }
  const letter: Record<Tri, string> = {match: 'm', 'no-match': 'n', unknown: 'u'}
  return {
    signature(action, resourceArn) {
      const actions = actionResults(action)
      let sig = ''
      for (let i = 0; i < compiled.length; i++) {
        const c = compiled[i] as CompiledStatement
        const act = actions[i] as Tri
        if (c.principal === 'no-match' || act === 'no-match') {
          sig += 'n'
          continue
        }
        const resource = resourceTri(c.resources, c.negateResource, resourceArn)
        // 'c': everything but the condition matches. Kept apart from 'n' because it explains a denial differently
        // (CONDITION_NOT_MET rather than NO_ALLOW).
        sig +=
          resource === 'match' && c.condition === 'no-match'
            ? 'c'
            : letter[and(c.principal, act, resource, c.condition)]
      }
      return sig
    },
    match(action, resourceArn) {
      const actions = actionResults(action)
      const out: StatementMatch[] = new Array(compiled.length)
      for (let i = 0; i < compiled.length; i++) {
        const c = compiled[i] as CompiledStatement
        const act = actions[i] as Tri
        // Skip the regex when the statement cannot apply anyway (principal or action already rule it out).
        const resource =
          c.principal === 'no-match' || act === 'no-match'
            ? 'no-match'
            : resourceTri(c.resources, c.negateResource, resourceArn)
        out[i] = {
          statement: c.statement,
          principal: c.principal,
          action: act,
          resource,
          condition: c.condition,
          clauses: c.clauses,
          result: and(c.principal, act, resource, c.condition),
        }
      }
      return out
    },
  }
}
