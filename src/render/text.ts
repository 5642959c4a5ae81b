/** Plain-text renderings for people: an explanation for one key, a grouped summary for a scan. Pure. */
import type {Decision, Evidence, Reason} from '../model/decision.js'
import type {ScanReport} from '../scan/run.js'
import type {Verification} from '../probe/verify.js'

export interface Style {
  bold(s: string): string
  dim(s: string): string
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
}

export const plain: Style = {bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s}

/** What was asked, in one line, so an explanation can be read on its own. */
export interface RequestSummary {
  readonly target: string
  readonly endpoint: string
  readonly principal: string
  readonly transport: string
}

function compact(value: unknown, max = 200): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value)
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

function where(e: Evidence): string {
  const parts = [e.source.call]
  if (e.source.pointer !== undefined) parts.push(e.source.pointer)
  if (e.source.key !== undefined) parts.push(`"${e.source.key}"`)
  return parts.join(' ')
}

export function headline(d: Decision): string {
  if (d.outcome === 'unknown') {
    const could =
      d.possibleStatuses === undefined || d.possibleStatuses.length === 0
        ? ''
        : ` (could be ${d.possibleStatuses.join(' or ')})`
    return `unknown${could}`
  }
  const code = d.errorCode === null ? '' : ` ${d.errorCode}`
  const what = d.readable ? 'readable' : d.outcome === 'redirect' ? 'redirect' : 'not readable'
  return `${d.status}${code} — ${what}`
}

function reasonLines(r: Reason, n: number, style: Style): string[] {
  const level = r.level === undefined ? '' : ` (${r.level})`
  const inferred = r.confidence === 'inferred' ? style.dim(' [inferred]') : ''
  const lines = [`  ${n}. ${style.bold(r.code)}${level}${inferred}  ${r.message}`]
  for (const e of r.evidence)
    lines.push(`       ${e.label ?? 'evidence'}: ${compact(e.quote)}  ${style.dim(`[${where(e)}]`)}`)
  lines.push(style.dim(`       docs: ${r.doc}`))
  return lines
}

export function renderExplainText(summary: RequestSummary, d: Decision, style: Style = plain): string {
  const color = d.readable ? style.green : d.outcome === 'unknown' ? style.yellow : style.red
  const out: string[] = [
    `${summary.target}`,
    style.dim(`  ${summary.endpoint} endpoint, ${summary.principal}, ${summary.transport}`),
    '',
    color(style.bold(headline(d))),
  ]
  if (d.evaluatedKey !== undefined) out.push(`  evaluated key: ${d.evaluatedKey}`)
  if (d.location !== undefined) out.push(`  location: ${d.location}`)
  const decisive = d.reasons.filter((r) => r.role === 'decisive')
  const latent = d.reasons.filter((r) => r.role === 'latent')
  const context = d.reasons.filter((r) => r.role === 'context')
  let n = 0
  if (decisive.length > 0) {
    out.push('', 'Why')
    for (const r of decisive) out.push(...reasonLines(r, ++n, style))
  }
  if (latent.length > 0) {
    out.push('', 'Then also (fixing the cause above reveals these)')
    for (const r of latent) out.push(...reasonLines(r, ++n, style))
  }
  if (context.length > 0) {
    out.push('', 'Notes')
    for (const r of context) out.push(`  - ${r.code}: ${r.message}`)
  }
  if (d.gaps.length > 0) {
    out.push('', 'Not read')
    for (const g of d.gaps) {
      out.push(
        `  - ${g.fact}: ${g.call} — ${g.error}; needs ${g.permission}${g.decisive ? '' : style.dim(' (did not change the answer)')}`,
      )
    }
  }
  if (d.assumptions !== undefined && d.assumptions.length > 0) {
    out.push('', 'Assumed')
    for (const a of d.assumptions) out.push(`  - ${a}`)
  }
  if (d.fixes.length > 0) {
    out.push('', 'Fix')
    for (const f of d.fixes) {
      out.push(`  ${f.kind === 'smallest' ? '→' : 'or, safer:'} ${f.summary}`)
      if (f.snippet !== undefined) out.push(...f.snippet.split('\n').map((l) => `      ${l}`))
    }
  }
  return out.join('\n') + '\n'
}

export function renderScanText(report: ScanReport, style: Style = plain): string {
  const t = report.totals
  const out = [
    style.bold(`${t.keys} keys: ${t.readable} readable, ${t.notReadable} not readable, ${t.unknown} unknown`),
    style.dim(`source: ${report.source}`),
    '',
  ]
  const width = Math.max(5, ...report.groups.map((g) => String(g.count).length))
  for (const g of report.groups) {
    const d = g.decision
    const first = d.reasons[0]
    const color = d.readable ? style.green : d.outcome === 'unknown' ? style.yellow : style.red
    out.push(
      `${String(g.count).padStart(width)}  ${color(headline(d))}  ${first === undefined ? '' : `${first.code}${first.level === undefined ? '' : ` (${first.level})`}`}`,
    )
    const latent = d.reasons.filter((r) => r.role === 'latent').map((r) => r.code)
    if (latent.length > 0) out.push(`${' '.repeat(width)}  then also: ${latent.join(', ')}`)
    out.push(`${' '.repeat(width)}  e.g. ${g.examples.join(', ')}`)
    const fix = d.fixes[0]
    if (fix !== undefined) out.push(style.dim(`${' '.repeat(width)}  fix: ${fix.summary}`))
    if (g.verification !== undefined) out.push(`${' '.repeat(width)}  ${verificationLine(g.verification)}`)
  }
  const calls = Object.entries(t.apiCalls)
  if (calls.length > 0) out.push('', `API calls: ${calls.map(([k, v]) => `${k} ${v}`).join(', ')}`)
  return out.join('\n') + '\n'
}

/** One line for people: what came back and whether it agrees. */
export function verificationLine(v: Verification): string {
  const answered = `${v.answer.status}${v.answer.errorCode === null ? '' : ` ${v.answer.errorCode}`}${v.answer.location === null ? '' : ` → ${v.answer.location}`}`
  const verdict =
    v.agree === null ? 'nothing to compare (prediction unknown)' : v.agree ? 'agrees' : 'DISAGREES'
  return `verified: ${v.answer.url} answered ${answered}: ${verdict}${v.divergence === undefined ? '' : ` (EMULATOR_DIVERGENCE: ${v.divergence.note})`}`
}
