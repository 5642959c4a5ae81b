/**
 * GitHub Actions workflow commands: one ::error (or ::warning for unknown answers) per violation group, attached to
 * the expectations file. https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import type {CheckReport} from './check.js'
import {headline} from './text.js'

/** Workflow command values escape %, CR and LF; properties also escape : and ,. */
const escapeData = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (s: string) => escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C')

export function renderCheckAnnotations(report: CheckReport, configFile: string): string {
  const out: string[] = []
  for (const t of report.targets) {
    for (const g of t.violations) {
      const cause = g.decision.reasons[0]
      const command = g.verdict === 'violated' ? 'error' : 'warning'
      const title = `why403 ${cause?.code ?? 'GAP'}`
      const text = `${g.count} key(s) of ${t.target} expected ${g.expected}: ${headline(g.decision)}. ${cause?.message ?? ''} e.g. ${g.examples.join(', ')}`
      out.push(
        `::${command} file=${escapeProperty(configFile)},title=${escapeProperty(title)}::${escapeData(text)}`,
      )
    }
  }
  return out.length === 0 ? '' : out.join('\n') + '\n'
}
