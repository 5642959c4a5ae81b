import {Args, Flags} from '@oclif/core'

import {awsFlags, clientsFromFlags} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {explainProviderFailure} from '../cli/live.js'
import {ExitCode, usageError} from '../errors.js'
import {fetchBucketSnapshot} from '../providers/aws/fetch.js'
import {parseTarget} from '../target.js'

export default class Snapshot extends BaseCommand {
  static override summary =
    'Record what S3 answers about a bucket, for offline use, bug reports and what-if edits.'

  static override description = `Reads the bucket with read-only calls (HeadBucket, GetBucketPolicy, GetBucketPolicyStatus, GetPublicAccessBlock, GetBucketOwnershipControls, GetBucketAcl, GetBucketEncryption, GetBucketRequestPayment, GetBucketWebsite, S3 Control GetPublicAccessBlock for the account, STS GetCallerIdentity, ListObjectsV2) and writes every answer, errors included, as a snapshot file. Any command takes it back with --snapshot FILE.`

  static override examples = [
    {
      description: 'Record a bucket and explain from the file:',
      command:
        '<%= config.bin %> snapshot s3://my-bucket -o my-bucket.json\n<%= config.bin %> explain s3://my-bucket/index.html --snapshot my-bucket.json',
    },
  ]

  static override args = {target: Args.string({required: true, description: 's3://BUCKET[/PREFIX]'})}

  static override flags = {
    format: formatFlag(['json'] as const),
    ...awsFlags,
    'max-keys': Flags.integer({
      summary: 'List at most this many objects into the snapshot.',
      default: 10_000,
      min: 0,
    }),
    'listing-only': Flags.boolean({
      summary:
        'Record only the listing of each object, not its HeadObject and ACL (faster; encryption is then assumed from the bucket default).',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Snapshot)
    const target = parseTarget(args.target, {allowBare: true})
    if (target.provider !== 'aws' || target.bucket === '')
      throw usageError('snapshot takes an S3 bucket', {
        where: args.target,
        hint: 'why403 snapshot s3://BUCKET',
      })
    const clients = clientsFromFlags(flags)
    try {
      const snapshot = await fetchBucketSnapshot(clients, target.bucket, {
        prefix: target.key,
        maxKeys: flags['max-keys'],
        objectDetails: !flags['listing-only'],
        ...(flags['account-id'] === undefined ? {} : {accountId: flags['account-id']}),
      }).catch((e: unknown) => explainProviderFailure(e, clients.endpointUrl))
      const text = JSON.stringify(snapshot, null, 2) + '\n'
      await this.emit({text, json: snapshot}, flags, ExitCode.Ok)
    } finally {
      clients.destroy()
    }
  }
}
