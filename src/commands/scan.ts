import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base.js'
import {prepareFromSnapshot} from '../cli/prepare.js'
import {requestFlags, requestFromFlags} from '../cli/requestFlags.js'
import {ExitCode, usageError} from '../errors.js'
import {renderScanText} from '../render/text.js'
import {snapshotKeySource} from '../scan/keySource.js'
import {runScan} from '../scan/run.js'
import {parseTarget} from '../target.js'

export default class Scan extends BaseCommand {
  static override summary = 'Decide every key of a bucket or prefix, grouped by cause.'

  static override description = `Evaluates each key the way \`explain\` does and groups keys that get the same answer for the same reasons, with a count and a few example keys per group: unreadable groups first. Policies are compiled once per scan, so large buckets are fast.

With --snapshot, the bucket argument may be left out (the snapshot names its bucket); BUCKET/PREFIX then limits the scan to a prefix.`

  static override examples = [
    {
      description: 'Every key of a bundled example:',
      command: '<%= config.bin %> scan --snapshot examples/website-index-and-error-documents.json',
    },
    {
      description: 'Only keys under assets/, as JSON:',
      command: '<%= config.bin %> scan s3://BUCKET/assets/ --snapshot FILE --json',
    },
  ]

  static override args = {
    target: Args.string({
      required: false,
      description: 's3://BUCKET[/PREFIX] or BUCKET[/PREFIX]; optional with --snapshot',
    }),
  }

  static override flags = {
    ...requestFlags,
    examples: Flags.integer({summary: 'Example keys to show per group.', default: 5, min: 1, max: 1000}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Scan)
    const target = args.target === undefined ? undefined : parseTarget(args.target, {allowBare: true})
    if (flags.snapshot === undefined) {
      throw usageError('scanning a live bucket needs the S3 adapter, which is not there yet', {
        hint: 'pass --snapshot FILE (see examples/)',
      })
    }
    const request = requestFromFlags(flags, target?.endpoint ?? 'rest', target?.accessPoint)
    const {prepared} = await prepareFromSnapshot(flags.snapshot, target, request)
    const prefix = target?.key ?? ''
    const report = await runScan({
      source: snapshotKeySource(prepared, prefix, flags.snapshot),
      decide: (k) => prepared.decide(k.key, k.calls),
      exampleLimit: flags.examples,
    })
    await this.emit(
      {
        text: renderScanText(report),
        json: {source: report.source, groups: report.groups, totals: report.totals},
      },
      flags,
      ExitCode.Ok,
    )
  }
}
