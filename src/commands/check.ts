import {relative} from 'node:path'

import {Flags} from '@oclif/core'

import {awsFlags, clientsFromFlags, type AwsFlagValues} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {liveSnapshot} from '../cli/live.js'
import {parsePrincipal} from '../cli/requestFlags.js'
import {findConfig, loadConfig, type CheckTarget} from '../check/config.js'
import {checkTarget, type TargetResult} from '../check/gate.js'
import {ExitCode, usageError} from '../errors.js'
import type {AwsClients} from '../providers/aws/clients.js'
import {uploadedObjectCalls, uploadProblems, type UploadOptions} from '../providers/aws/upload.js'
import {localDirKeySource} from '../scan/localDirSource.js'
import {readSnapshotFile} from '../snapshot/read.js'
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
    'local-dir': Flags.string({
      summary:
        'Pre-deploy: check the files of this folder as the keys the deploy will create, before uploading.',
      helpValue: 'DIR',
    }),
    prefix: Flags.string({
      summary: 'With --local-dir: the key prefix the folder is uploaded under (default: the target prefix).',
    }),
    'upload-acl': Flags.option({
      options: [
        'private',
        'public-read',
        'public-read-write',
        'authenticated-read',
        'bucket-owner-full-control',
        'bucket-owner-read',
      ] as const,
      summary: 'With --local-dir: the canned ACL the deploy sets (aws s3 sync --acl).',
    })(),
    'upload-sse': Flags.option({
      options: ['AES256', 'aws:kms', 'aws:kms:dsse'] as const,
      summary: 'With --local-dir: the encryption the deploy asks for (default: the bucket default).',
    })(),
    'upload-kms-key-id': Flags.string({summary: 'With --local-dir and --upload-sse aws:kms: the KMS key.'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Check)
    const path = await findConfig(flags.config, process.cwd())
    const config = await loadConfig(path)
    const results: TargetResult[] = []
    for (const t of config.targets) results.push(await this.checkOne(t, flags))
    const failOn = flags['fail-on']
    const passed = results.every(
      (r) => r.violated === 0 && r.uploadProblems.length === 0 && (failOn === 'violation' || r.unknown === 0),
    )
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

  private async checkOne(t: CheckTarget, flags: CheckFlags): Promise<TargetResult> {
    const target = parseTarget(t.bucket.startsWith('s3://') ? t.bucket : `s3://${t.bucket}`)
    const request = {
      principal: parsePrincipal(t.principal),
      method: 'GET',
      endpoint: t.endpoint,
      context: {secureTransport: t.endpoint === 'rest', now: new Date().toISOString()},
    }
    const expectations = {public: t.public, private: t.private, ignore: t.ignore}
    const snapshotFile = t.snapshot ?? flags.snapshot
    const clients = snapshotFile === undefined ? clientsFromFlags(flags) : undefined
    try {
      const facts =
        snapshotFile !== undefined
          ? await readSnapshotFile(snapshotFile)
          : await liveSnapshot(clients as AwsClients, target.bucket, {accountId: flags['account-id']})
      if (facts.bucket.name !== target.bucket) {
        throw usageError(`target ${t.bucket} is checked against a snapshot of bucket ${facts.bucket.name}`, {
          where: snapshotFile ?? t.bucket,
          hint: 'point the target at the snapshot of its own bucket',
        })
      }
      const prepared = prepareAws(facts, request)
      const upload: UploadOptions = {
        ...(flags['upload-acl'] === undefined ? {} : {acl: flags['upload-acl']}),
        ...(flags['upload-sse'] === undefined ? {} : {sse: flags['upload-sse']}),
        ...(flags['upload-kms-key-id'] === undefined ? {} : {kmsKeyId: flags['upload-kms-key-id']}),
      }
      // Pre-deploy: the keys come from the folder about to be uploaded, each with the facts the upload will give it.
      const source =
        flags['local-dir'] !== undefined
          ? localDirKeySource(flags['local-dir'], flags.prefix ?? target.key, (key) =>
              uploadedObjectCalls(facts, key, upload),
            )
          : snapshotFile !== undefined
            ? snapshotKeySource(prepared, target.key, snapshotFile)
            : listingKeySource(clients as AwsClients, facts, target.key)
      return await checkTarget({
        target: t.bucket,
        source,
        decide: (k) => prepared.decide(k.key, k.calls),
        expectations,
        exampleLimit: flags.examples,
        ...(flags['local-dir'] === undefined ? {} : {uploadProblems: uploadProblems(facts, upload)}),
      })
    } finally {
      clients?.destroy()
    }
  }
}

interface CheckFlags extends AwsFlagValues {
  examples: number
  snapshot?: string | undefined
  'local-dir'?: string | undefined
  prefix?: string | undefined
  'upload-acl'?: UploadOptions['acl'] | undefined
  'upload-sse'?: UploadOptions['sse'] | undefined
  'upload-kms-key-id'?: string | undefined
}
