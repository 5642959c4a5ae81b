/** Renderings of a check: plain text for logs, Markdown for $GITHUB_STEP_SUMMARY. Pure. */
import type {TargetResult} from '../check/gate.js'
import {headline} from './text.js'

export interface CheckReport {
  readonly targets: readonly TargetResult[]
  readonly passed: boolean
  readonly failOn: 'violation' | 'unknown'
}

/**
 * The fix for a violation group. A key that should be private but is readable has no failing check to fix, so the
 * fix points at the grant that lets it through.
 */
export function fixOf(g: TargetResult['violations'][number]): string | undefined {
  const fix = g.decision.fixes[0]?.summary
  if (fix !== undefined || g.expected !== 'private' || !g.decision.readable) return fix
  const grant = g.decision.reasons.find((r) => r.role === 'decisive')
  const what =
    grant?.code === 'ALLOWED_BY_ACL'
      ? 'remove the public ACL grant from these objects'
      : 'narrow the Resource of the statement that grants them'
  return `These keys should not be public: ${what}, or add a Deny statement for their prefix (\`why403 explain\` on an example quotes the grant)`
}

function what(g: TargetResult['violations'][number]): string {
  if (g.verdict === 'unknown') return `expected ${g.expected}, unknown`
  return g.expected === 'public' ? 'expected public, not readable' : 'expected private, readable'
}

export function renderCheckText(r: CheckReport): string {
  const out: string[] = []
  for (const t of r.targets) {
    out.push(
      `${t.target}: ${t.checked} keys checked, ${t.met} as expected, ${t.violated} violations, ${t.unknown} unknown`,
    )
    for (const p of t.uploadProblems) {
      out.push(`  upload refused: ${p.code}${p.level === undefined ? '' : ` (${p.level})`}: ${p.message}`)
    }
    for (const g of t.violations) {
      const cause = g.decision.reasons[0]
      out.push(
        `  ${String(g.count).padStart(6)}  ${what(g)}: ${headline(g.decision)}${cause === undefined ? '' : ` — ${cause.code}: ${cause.message}`}`,
      )
      const latent = g.decision.reasons.filter((x) => x.role === 'latent').map((x) => x.code)
      if (latent.length > 0) out.push(`          then also: ${latent.join(', ')}`)
      out.push(`          e.g. ${g.examples.join(', ')}`)
      const fix = fixOf(g)
      if (fix !== undefined) out.push(`          fix: ${fix}`)
    }
  }
  out.push(
    '',
    r.passed
      ? 'PASS'
      : `FAIL (failing on ${r.failOn === 'unknown' ? 'violations and unknowns' : 'violations'})`,
  )
  return out.join('\n') + '\n'
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ')

export function renderCheckMarkdown(r: CheckReport): string {
  const out: string[] = [`## why403 check: ${r.passed ? '✅ pass' : '❌ fail'}`, '']
  for (const t of r.targets) {
    out.push(
      `### \`${t.target}\``,
      '',
      `${t.checked} keys checked: ${t.met} as expected, **${t.violated} violations**, ${t.unknown} unknown.`,
      '',
    )
    for (const p of t.uploadProblems) out.push(`- ❌ upload refused: \`${p.code}\` ${cell(p.message)}`, '')
    if (t.violations.length === 0) continue
    out.push(
      '| keys | expectation | answer | cause | examples | fix |',
      '| ---: | --- | --- | --- | --- | --- |',
    )
    for (const g of t.violations) {
      const cause = g.decision.reasons[0]
      out.push(
        `| ${g.count} | ${what(g)} | ${headline(g.decision)} | ${cause === undefined ? '' : `\`${cause.code}\` ${cell(cause.message)}`} | ${g.examples.map((e) => `\`${cell(e)}\``).join(', ')} | ${cell(fixOf(g) ?? '')} |`,
      )
    }
    out.push('')
  }
  return out.join('\n')
}
