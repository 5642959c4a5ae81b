import {Args, Flags} from '@oclif/core'

import {awsFlags, clientsFromFlags} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {liveSnapshot} from '../cli/live.js'
import {prepareFromSnapshot} from '../cli/prepare.js'
import {progressBar} from '../cli/progress.js'
import {requestFlags, requestFromFlags} from '../cli/requestFlags.js'
import {ExitCode, usageError} from '../errors.js'
import {listingKeySource} from '../providers/aws/listingSource.js'
import type {AwsClients} from '../providers/aws/clients.js'
import {prepareAws, type PreparedBucket} from '../providers/aws/prepare.js'
import {checkTarget} from '../check/gate.js'
import {renderCheckText} from '../render/check.js'
import {renderScanText} from '../render/text.js'
import {snapshotKeySource, type KeySource} from '../scan/keySource.js'
import type {ScanGroup} from '../scan/group.js'
import {runScan} from '../scan/run.js'
import type {AccessRequest} from '../model/request.js'
import {verify} from '../probe/verify.js'
import {parseTarget} from '../target.js'

export default class Scan extends BaseCommand {
  static override summary = 'Decide every key of a bucket or prefix, grouped by cause.'

  static override description = `Evaluates each key the way \`explain\` does and groups keys that get the same answer for the same reasons, with a count and a few example keys per group: unreadable groups first. Policies are compiled once per scan, so large buckets are fast.

Live, keys are streamed from ListObjectsV2 page by page (1,000 keys a page, with owners and storage classes); the only per-key call is GetObjectAcl, and only when Object Ownership still lets ACLs grant. Encryption is taken from the bucket's default encryption (said so in the output) since reading it would cost a HeadObject per key. The API calls made are counted per kind.

With --snapshot, the bucket argument may be left out (the snapshot names its bucket); BUCKET/PREFIX then limits the scan to a prefix.`

  static override examples = [
    {
      description: 'Every key of a live bucket under a prefix:',
      command: '<%= config.bin %> scan s3://my-bucket/assets/',
    },
    {
      description: 'Every key of a bundled example:',
      command: '<%= config.bin %> scan --snapshot examples/kms-encrypted-object.json',
    },
    {
      description: 'As JSON, against LocalStack:',
      command: '<%= config.bin %> scan s3://my-bucket --endpoint-url http://127.0.0.1:4566 --json',
    },
  ]

  static override args = {
    target: Args.string({
      required: false,
      description: 's3://BUCKET[/PREFIX] or BUCKET[/PREFIX]; optional with --snapshot',
    }),
  }

  static override flags = {
    format: formatFlag(['text', 'json'] as const),
    ...requestFlags,
    ...awsFlags,
    'expect-public': Flags.string({
      multiple: true,
      summary: 'Keys (glob) that must be readable; the scan then exits 1 when one is not.',
      helpValue: 'GLOB',
    }),
    'expect-private': Flags.string({
      multiple: true,
      summary: 'Keys (glob) that must not be readable; the scan then exits 1 when one is.',
      helpValue: 'GLOB',
    }),
    verify: Flags.integer({
      summary:
        'Send the real unsigned request for the first example key of up to N groups, and say whether each agrees.',
      helpValue: 'N',
      min: 1,
    }),
    examples: Flags.integer({summary: 'Example keys to show per group.', default: 5, min: 1, max: 1000}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Scan)
    const target = args.target === undefined ? undefined : parseTarget(args.target, {allowBare: true})
    const request = requestFromFlags(flags, target?.endpoint ?? 'rest', target?.accessPoint)
    const prefix = target?.key ?? ''
    let source: KeySource
    let region: string | undefined
    let prepared: PreparedBucket
    let clients: AwsClients | undefined
    if (flags.snapshot !== undefined) {
      ;({prepared, region} = await prepareFromSnapshot(flags.snapshot, target, request))
      source = snapshotKeySource(prepared, prefix, flags.snapshot)
    } else {
      if (target === undefined)
        throw usageError('name the bucket to scan, or pass --snapshot FILE', {
          hint: 'why403 scan s3://BUCKET[/PREFIX]',
        })
      clients = clientsFromFlags(flags)
      const facts = await liveSnapshot(clients, target.bucket, {accountId: flags['account-id']})
      prepared = prepareAws(facts, request)
      region = facts.bucket.region
      source = listingKeySource(clients, facts, prefix)
    }
    if (flags['expect-public'] !== undefined || flags['expect-private'] !== undefined) {
      // Expectations turn the scan into a gate, exactly as `check` runs one target.
      const pb = prepared
      try {
        const result = await checkTarget({
          target: target?.url ?? source.description,
          source,
          decide: (k) => pb.decide(k.key, k.calls),
          expectations: {
            public: flags['expect-public'] ?? [],
            private: flags['expect-private'] ?? [],
            ignore: [],
          },
          exampleLimit: flags.examples,
        })
        const report = {targets: [result], passed: result.violated === 0, failOn: 'violation' as const}
        await this.emit(
          {text: renderCheckText(report), json: report},
          flags,
          report.passed ? ExitCode.Ok : ExitCode.Denied,
        )
        return
      } finally {
        clients?.destroy()
      }
    }
    const bar = progressBar(!this.jsonEnabled() && flags.format === 'text')
    const p = prepared
    const live = clients
    try {
      const report = await runScan({
        source,
        decide: (k) => p.decide(k.key, k.calls),
        exampleLimit: flags.examples,
        onProgress: (progress) => bar.update(progress),
        ...(live === undefined ? {} : {apiCalls: () => live.log.perCommand()}),
      })
      bar.stop()
      const verified =
        flags.verify === undefined
          ? report
          : {
              ...report,
              groups: await this.verifyGroups(report.groups, flags.verify, {
                bucket: p.bucket,
                region,
                endpointUrl: flags['endpoint-url'],
                request,
              }),
            }
      await this.emit(
        {
          text: renderScanText(verified),
          json: {source: verified.source, groups: verified.groups, totals: verified.totals},
        },
        flags,
        ExitCode.Ok,
      )
    } finally {
      bar.stop()
      clients?.destroy()
    }
  }

  /** --verify N: the real answer for the first example key of the first N groups (unreadable groups come first). */
  private async verifyGroups(
    groups: readonly ScanGroup[],
    n: number,
    where: {
      bucket: string
      region: string | undefined
      endpointUrl: string | undefined
      request: Omit<AccessRequest, 'key'>
    },
  ): Promise<ScanGroup[]> {
    if (where.request.principal.kind !== 'anonymous')
      throw usageError('--verify sends anonymous requests only', {where: '--as'})
    const out: ScanGroup[] = []
    for (const [i, g] of groups.entries()) {
      const key = g.examples[0]
      if (i >= n || key === undefined) {
        out.push(g)
        continue
      }
      const verification = await verify(g.decision, {
        bucket: where.bucket,
        key,
        endpoint: where.request.endpoint,
        region: where.region ?? 'us-east-1',
        targetUrl: `s3://${where.bucket}/${key}`,
        endpointUrl: where.endpointUrl ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL,
        method: where.request.method,
      })
      out.push({...g, verification})
    }
    return out
  }
}
