/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per reason code (its title, help and documentation URL come from
 * the reason catalogue), one result per group of keys that share a violation. Results point at the expectations
 * file, since that is the file in the repository the finding is about.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type {Log, ReportingDescriptor, Result} from 'sarif'

import {reasons, type ReasonCode} from '../explain/catalogue.js'
import {fixOf, type CheckReport} from './check.js'
import {headline} from './text.js'

export function renderCheckSarif(report: CheckReport, options: {configFile: string; version: string}): Log {
  const used = new Set<ReasonCode>()
  const results: Result[] = []
  for (const t of report.targets) {
    for (const p of t.uploadProblems) {
      used.add(p.code)
      results.push({
        ruleId: p.code,
        level: 'error',
        message: {text: `Deploying to ${t.target}: ${p.message}`},
        locations: [
          {physicalLocation: {artifactLocation: {uri: options.configFile}, region: {startLine: 1}}},
        ],
        partialFingerprints: {'why403/v1': `${t.target}|upload|${p.code}|${p.level ?? ''}`},
      })
    }
    for (const g of t.violations) {
      const cause = g.decision.reasons[0]
      const code = (cause?.code ?? 'GAP') as ReasonCode
      used.add(code)
      const what =
        g.expected === 'public' ? 'expected public but not readable' : 'expected private but readable'
      const fix = fixOf(g)
      results.push({
        ruleId: code,
        level: g.verdict === 'violated' ? 'error' : 'warning',
        message: {
          text: `${g.count} key${g.count === 1 ? '' : 's'} of ${t.target} ${g.verdict === 'violated' ? what : `expected ${g.expected}, answer unknown`}: ${headline(g.decision)}. ${cause?.message ?? ''} Examples: ${g.examples.join(', ')}.${fix === undefined ? '' : ` Fix: ${fix}`}`,
        },
        locations: [
          {
            physicalLocation: {artifactLocation: {uri: options.configFile}, region: {startLine: 1}},
            logicalLocations: g.examples.map((key) => ({
              fullyQualifiedName: `${t.target.replace(/\/$/, '')}/${key}`,
              kind: 'resource',
            })),
          },
        ],
        partialFingerprints: {'why403/v1': `${t.target}|${g.expected}|${code}|${cause?.level ?? ''}`},
        properties: {
          target: t.target,
          expected: g.expected,
          keys: g.count,
          status: g.decision.status,
          errorCode: g.decision.errorCode,
        },
      })
    }
  }
  const rules: ReportingDescriptor[] = [...used].sort().map((code) => {
    const r = reasons[code]
    return {
      id: code,
      name: code
        .toLowerCase()
        .split('_')
        .map((w) => (w[0]?.toUpperCase() ?? '') + w.slice(1))
        .join(''),
      shortDescription: {text: r.title},
      fullDescription: {
        text: `${r.title}${r.status === null ? '' : ` (HTTP ${r.status}${r.errorCode === null ? '' : ` ${r.errorCode}`})`}.`,
      },
      ...(r.doc.startsWith('http') ? {helpUri: r.doc} : {}),
      help: {
        text: `${r.title}. See ${r.doc} and \`why403 explain\` on an example key for the evidence and the fix.`,
      },
      defaultConfiguration: {level: 'error'},
    }
  })
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'why403',
            version: options.version,
            rules,
          },
        },
        results,
      },
    ],
  }
}
