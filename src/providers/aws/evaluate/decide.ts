/**
 * From procedure runs to a Decision: roles, statuses, fixes, and the one combining rule for unknown facts
 * (src/evaluator/branch.ts): the same status and decisive reason in every run settles the answer; otherwise it is
 * unknown and names what could not be read.
 */
import type {Decision, Gap, Reason, ReasonRole} from '../../../model/decision.js'
import {reasons as catalogue} from '../../../explain/catalogue.js'
import type {Run} from '../../../evaluator/branch.js'
import {errorCodeOf, statusOf, type Finding, type ProcedureResult} from './finding.js'
import {fixesFor} from './fixes.js'
import type {Env} from './env.js'

function toReason(f: Finding, role: ReasonRole): Reason {
  return {
    code: f.code,
    role,
    message: f.message,
    evidence: f.evidence,
    ...(f.level === undefined ? {} : {level: f.level}),
    confidence: f.confidence,
    doc: catalogue[f.code].doc,
  }
}

/** Status and decisive reason: what must agree across runs for missing facts not to matter. */
function signature(r: ProcedureResult): string {
  const first = r.stops[0]
  if (first !== undefined) return `${statusOf(first)}:${first.code}:${first.level ?? ''}`
  return `${r.successStatus ?? 200}:${r.granted?.code ?? ''}:${r.bodyIsObject === false ? 'other-body' : ''}`
}

const findingId = (f: Finding) => `${f.code}:${f.level ?? ''}`

/** What a reader of the answer sees: status, error code, and whether the body is the object. */
function answerOf(r: ProcedureResult): string {
  const first = r.stops[0]
  if (first !== undefined) return `${statusOf(first)}:${errorCodeOf(first) ?? ''}`
  return `${r.successStatus ?? 200}:${r.bodyIsObject === false ? 'other-body' : ''}`
}

/**
 * One cause found on two paths (RestrictPublicBuckets dropping both the policy grant and an ACL grant) is one reason
 * with the evidence of both.
 */
function mergeSameCause(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = []
  for (const f of findings) {
    const i = out.findIndex((o) => findingId(o) === findingId(f))
    if (i < 0) out.push(f)
    else {
      const merged = out[i] as Finding
      const seen = new Set(merged.evidence.map((e) => JSON.stringify(e)))
      out[i] = {
        ...merged,
        evidence: [...merged.evidence, ...f.evidence.filter((e) => !seen.has(JSON.stringify(e)))],
      }
    }
  }
  return out
}

function decisionOf(
  env: Env,
  key: string,
  r: ProcedureResult,
  gaps: Gap[],
  assumptions: readonly string[],
  commonLatent?: Set<string>,
): Decision {
  const [first, ...rest] = mergeSameCause(r.stops)
  const latent = commonLatent === undefined ? rest : rest.filter((f) => commonLatent.has(findingId(f)))
  const reasons: Reason[] = []
  let status: number
  let errorCode: string | null = null
  if (first !== undefined) {
    status = statusOf(first)
    errorCode = errorCodeOf(first)
    reasons.push(toReason(first, 'decisive'), ...latent.map((f) => toReason(f, 'latent')))
    if (r.granted !== null) reasons.push(toReason(r.granted, 'context'))
  } else {
    status = r.successStatus ?? 200
    if (r.granted !== null) reasons.push(toReason(r.granted, 'decisive'))
  }
  reasons.push(...r.context.map((f) => toReason(f, 'context')))
  const outcome =
    status >= 300 && status < 400
      ? 'redirect'
      : status === 404
        ? 'not-found'
        : status < 300
          ? 'allowed'
          : 'denied'
  const fixes = r.stops.flatMap((f) => fixesFor(f, env.bucket, r.evaluatedKey ?? key, env.request, env.facts))
  return {
    status,
    errorCode,
    readable: outcome === 'allowed' && r.bodyIsObject !== false,
    outcome,
    reasons,
    fixes: dedupeFixes(fixes),
    gaps,
    ...(r.evaluatedKey !== undefined && r.evaluatedKey !== key ? {evaluatedKey: r.evaluatedKey} : {}),
    ...(r.location === undefined ? {} : {location: r.location}),
    ...(assumptions.length === 0 ? {} : {assumptions}),
  }
}

function dedupeFixes<T extends {summary: string}>(fixes: T[]): T[] {
  const seen = new Set<string>()
  return fixes.filter((f) => (seen.has(f.summary) ? false : (seen.add(f.summary), true)))
}

function uniqueGaps(runs: readonly Run<ProcedureResult>[], decisive: boolean): Gap[] {
  const out: Gap[] = []
  for (const run of runs) {
    for (const g of run.gaps) {
      if (!out.some((o) => o.call === g.call && o.fact === g.fact)) out.push({...g, decisive})
    }
  }
  return out
}

export function combineRuns(
  env: Env,
  key: string,
  runs: readonly Run<ProcedureResult>[],
  complete: boolean,
): Decision {
  const first = runs[0]
  if (first === undefined) throw new Error('internal: no run')
  const signatures = new Set(runs.map((r) => signature(r.result)))
  const assumptions = [...new Set(runs.flatMap((r) => r.assumed))]
  if (signatures.size === 1 && complete) {
    if (runs.length === 1) return decisionOf(env, key, first.result, [], assumptions)
    // Settled without the missing facts: keep only the latent reasons every run agrees on.
    const common = runs
      .map((r) => new Set(r.result.stops.slice(1).map(findingId)))
      .reduce((a, b) => new Set([...a].filter((x) => b.has(x))))
    return decisionOf(env, key, first.result, uniqueGaps(runs, false), assumptions, common)
  }
  // Every run answers the same status but for different reasons: the status is settled, the cause is not.
  const answers = new Set(runs.map((r) => answerOf(r.result)))
  if (answers.size === 1 && complete) {
    const base = decisionOf(env, key, first.result, uniqueGaps(runs, false), assumptions, new Set())
    const causes = mergeSameCause(runs.flatMap((r) => r.result.stops.slice(0, 1)))
    const gapReason: Reason = {
      code: 'GAP',
      role: 'decisive',
      message: `The answer is ${base.status ?? ''} whatever ${[...new Set(runs.flatMap((r) => r.gaps.map((g) => g.fact)))].join(', ')} is, but which cause decides it depends on that`,
      evidence: [],
      confidence: 'documented',
      doc: catalogue.GAP.doc,
    }
    return {
      ...base,
      reasons: [
        gapReason,
        ...causes.map((f) => ({...toReason(f, 'context'), message: `possibly: ${f.message}`})),
      ],
      fixes: [...base.fixes],
    }
  }
  const gaps = uniqueGaps(runs, true)
  const statuses = [
    ...new Set(
      runs.map((r) =>
        r.result.stops[0] === undefined ? (r.result.successStatus ?? 200) : statusOf(r.result.stops[0]),
      ),
    ),
  ].sort()
  // Reasons every run shares still explain something (e.g. KMS encryption whatever the policy says).
  const everywhere = runs
    .map((r) => new Set(r.result.stops.map(findingId)))
    .reduce((a, b) => new Set([...a].filter((x) => b.has(x))))
  const shared = first.result.stops.filter((f) => everywhere.has(findingId(f)))
  const gapReason: Reason = {
    code: 'GAP',
    role: 'decisive',
    message: complete
      ? `The answer depends on ${gaps.map((g) => g.fact).join(', ')}, which could not be read`
      : `Too many facts could not be read to enumerate their combinations (${gaps.map((g) => g.fact).join(', ')})`,
    evidence: gaps.map((g) => ({source: {call: g.call}, quote: g.error, label: g.fact})),
    confidence: 'documented',
    doc: catalogue.GAP.doc,
  }
  return {
    status: null,
    errorCode: null,
    readable: false,
    outcome: 'unknown',
    reasons: [gapReason, ...shared.map((f) => toReason(f, 'latent'))],
    fixes: gaps.map((g) => ({
      reason: 'GAP',
      kind: 'smallest',
      summary: `Let the checker read ${g.fact}: grant ${g.permission} (${g.call} failed: ${g.error})`,
    })),
    gaps,
    possibleStatuses: statuses,
    ...(assumptions.length === 0 ? {} : {assumptions}),
  }
}
