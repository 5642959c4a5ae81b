import {relative} from 'node:path'

import {Flags} from '@oclif/core'

import {awsFlags, clientsFromFlags} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {liveSnapshot} from '../cli/live.js'
import {prepareFromSnapshot} from '../cli/prepare.js'
import {parsePrincipal} from '../cli/requestFlags.js'
import {findConfig, loadConfig, type CheckTarget} from '../check/config.js'
import {checkTarget, type TargetResult} from '../check/gate.js'
import {ExitCode} from '../errors.js'
import {listingKeySource} from '../providers/aws/listingSource.js'
import {prepareAws} from '../providers/aws/prepare.js'
import {renderCheckAnnotations} from '../render/annotations.js'
import {renderCheckMarkdown, renderCheckText, type CheckReport} from '../render/check.js'
import {renderCheckJunit} from '../render/junit.js'
import {renderCheckSarif} from '../render/sarif.js'
import {snapshotKeySource} from '../scan/keySource.js'
import {parseTarget} from '../target.js'

export default class Check extends BaseCommand {
  static override summary =
    'CI gate: fail when keys expected public are not readable, or keys expected private are.'

  static override description = `Reads the expectations file (why403.config.json, .yaml or .yml in the working directory, or --config FILE): one or more targets, each a bucket (s3://BUCKET[/PREFIX]), an endpoint (rest|website), a principal (anonymous or cloudfront:DISTRIBUTION_ARN), and glob lists public, private and ignore. Every key of each target that a glob names is decided as \`explain\` would; a key expected public that is not readable, or expected private that is, is a violation, reported with its causes and fix.

Exit codes: 0 pass, 1 violations (and unknowns with --fail-on unknown), 3 usage error, 4 bad expectations or snapshot file, 5 provider unreachable.`

  static override examples = [
    {description: 'Check the buckets named in why403.config.yml:', command: '<%= config.bin %> check'},
    {
      description: 'In GitHub Actions, with a summary:',
      command: '<%= config.bin %> check --format markdown >> "$GITHUB_STEP_SUMMARY"',
    },
  ]

  static override flags = {
    ...awsFlags,
    config: Flags.string({
      summary: 'The expectations file (default: why403.config.json/.yaml/.yml here).',
      helpValue: 'FILE',
    }),
    format: formatFlag(['text', 'json', 'markdown', 'sarif', 'junit'] as const),
    annotations: Flags.boolean({
      summary: 'Also print GitHub Actions ::error annotations (to stderr), one per violation group.',
    }),
    'fail-on': Flags.option({
      options: ['violation', 'unknown'] as const,
      default: 'violation' as const,
      summary: 'Fail on violations only, or on unknown answers too.',
    })(),
    examples: Flags.integer({summary: 'Example keys per group.', default: 5, min: 1}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Check)
    const path = await findConfig(flags.config, process.cwd())
    const config = await loadConfig(path)
    const results: TargetResult[] = []
    for (const t of config.targets) results.push(await this.checkOne(t, flags))
    const failOn = flags['fail-on']
    const passed = results.every((r) => r.violated === 0 && (failOn === 'violation' || r.unknown === 0))
    const report: CheckReport = {targets: results, passed, failOn}
    const configFile = relative(process.cwd(), path) || path
    if (flags.annotations) process.stderr.write(renderCheckAnnotations(report, configFile))
    const text =
      flags.format === 'markdown'
        ? renderCheckMarkdown(report)
        : flags.format === 'sarif'
          ? JSON.stringify(renderCheckSarif(report, {configFile, version: this.config.version}), null, 2) +
            '\n'
          : flags.format === 'junit'
            ? renderCheckJunit(report)
            : renderCheckText(report)
    await this.emit({text, json: report}, flags, passed ? ExitCode.Ok : ExitCode.Denied)
  }

  private async checkOne(
    t: CheckTarget,
    flags: {examples: number; snapshot?: string | undefined} & Parameters<typeof clientsFromFlags>[0] & {
        'account-id'?: string | undefined
      },
  ): Promise<TargetResult> {
    const target = parseTarget(t.bucket.startsWith('s3://') ? t.bucket : `s3://${t.bucket}`)
    const request = {
      principal: parsePrincipal(t.principal),
      method: 'GET',
      endpoint: t.endpoint,
      context: {secureTransport: t.endpoint === 'rest', now: new Date().toISOString()},
    }
    const expectations = {public: t.public, private: t.private, ignore: t.ignore}
    const snapshotFile = t.snapshot ?? flags.snapshot
    if (snapshotFile !== undefined) {
      const {prepared} = await prepareFromSnapshot(snapshotFile, target, request)
      return checkTarget({
        target: t.bucket,
        source: snapshotKeySource(prepared, target.key, snapshotFile),
        decide: (k) => prepared.decide(k.key, k.calls),
        expectations,
        exampleLimit: flags.examples,
      })
    }
    const clients = clientsFromFlags(flags)
    try {
      const facts = await liveSnapshot(clients, target.bucket, {accountId: flags['account-id']})
      const prepared = prepareAws(facts, request)
      return await checkTarget({
        target: t.bucket,
        source: listingKeySource(clients, facts, target.key),
        decide: (k) => prepared.decide(k.key, k.calls),
        expectations,
        exampleLimit: flags.examples,
      })
    } finally {
      clients.destroy()
    }
  }
}
