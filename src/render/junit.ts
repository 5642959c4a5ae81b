/** JUnit XML for CI systems: one test case per target and expectation, failing with the violations and their causes. */
import junitBuilder, {type Builder} from 'junit-report-builder'

import {fixOf, type CheckReport} from './check.js'
import {headline} from './text.js'

export function renderCheckJunit(report: CheckReport): string {
  // The package is CommonJS whose module.exports is the builder; its types describe an ES default export instead.
  const builder = (junitBuilder as unknown as Builder).newBuilder()
  const suite = builder.testSuite().name('why403 check')
  for (const t of report.targets) {
    if (t.predeploy) {
      const upload = suite.testCase().className(t.target).name('the deploy is accepted by S3')
      const first = t.uploadProblems[0]
      if (first !== undefined) upload.failure(t.uploadProblems.map((p) => p.message).join('\n'), first.code)
    }
    for (const expected of ['public', 'private'] as const) {
      const groups = t.violations.filter((g) => g.expected === expected)
      const failing = groups.filter((g) => g.verdict === 'violated' || report.failOn === 'unknown')
      const testCase = suite
        .testCase()
        .className(t.target)
        .name(`keys expected ${expected} are ${expected === 'public' ? 'readable' : 'not readable'}`)
      if (failing.length === 0) continue
      const lines = failing.map((g) => {
        const cause = g.decision.reasons[0]
        return `${g.count} key(s): ${headline(g.decision)}${cause === undefined ? '' : ` — ${cause.code}: ${cause.message}`}; e.g. ${g.examples.join(', ')}${fixOf(g) === undefined ? '' : `; fix: ${fixOf(g) ?? ''}`}`
      })
      const keys = failing.reduce((n, g) => n + g.count, 0)
      testCase.failure(
        `${keys} key(s) of ${t.target} expected ${expected}:\n${lines.join('\n')}`,
        failing[0]?.decision.reasons[0]?.code ?? 'GAP',
      )
    }
  }
  return builder.build()
}
