import {Args, Flags} from '@oclif/core'

import {awsFlags} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {predict} from '../cli/predict.js'
import {describePrincipal, requestFlags, requestFromFlags} from '../cli/requestFlags.js'
import {ExitCode, usageError} from '../errors.js'
import {verify} from '../probe/verify.js'
import type {Decision} from '../model/decision.js'
import {renderExplainText, verificationLine} from '../render/text.js'
import {parseTarget} from '../target.js'

/** Exit code of an explanation: 0 readable (or a redirect), 1 not readable, 2 unknown (shared/DESIGN.md). */
export function explainExitCode(d: Decision): ExitCode {
  if (d.outcome === 'unknown') return ExitCode.Unknown
  return d.readable || d.outcome === 'redirect' ? ExitCode.Ok : ExitCode.Denied
}

export default class Explain extends BaseCommand {
  static override summary = 'Explain what the cloud answers for one object, why, and what fixes it.'

  static override description = `Simulates the request (anonymous by default) the way Amazon S3 decides it: bucket policy, Block Public Access at account and bucket level, Object Ownership, ACLs, encryption, Requester Pays, archive storage classes, and the website endpoint's own rules. Prints the status S3 would answer, the causes in order (the decisive one first, then the ones fixing it would reveal), the evidence for each, and the smallest fix.

Without --snapshot it reads the live bucket with read-only calls (Get/List/Head only), using the default AWS credential chain, --profile, --region and --endpoint-url. A fact the snapshot could not read makes the answer "unknown" unless the other facts settle it; the output names the permission that would let why403 read it.

Exit codes: 0 readable (or a redirect), 1 not readable, 2 unknown, 3 usage error, 4 bad input file.`

  static override examples = [
    {
      description: 'Explain an object from a bundled example snapshot (no AWS account needed):',
      command:
        '<%= config.bin %> explain s3://www-example-com/index.html --snapshot examples/kms-encrypted-object.json',
    },
    {
      description: 'The same object through the static website endpoint:',
      command:
        '<%= config.bin %> explain http://www-example-com.s3-website-eu-west-1.amazonaws.com/ --snapshot FILE',
    },
    {
      description: 'As CloudFront with Origin Access Control:',
      command:
        '<%= config.bin %> explain s3://BUCKET/KEY --snapshot FILE --as cloudfront:arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE',
    },
    {
      description: 'A request from a page that sends a Referer, as JSON:',
      command:
        '<%= config.bin %> explain s3://BUCKET/img/logo.png --snapshot FILE --referer https://www.example.com/ --json',
    },
  ]

  static override args = {
    target: Args.string({
      required: true,
      description:
        's3://BUCKET/KEY, an https:// S3 URL (virtual-hosted or path-style), a website endpoint URL, or an access point ARN',
    }),
  }

  static override flags = {
    verify: Flags.boolean({
      summary:
        'Also send the real unsigned request and say whether the answer agrees with the prediction (anonymous only).',
    }),
    format: formatFlag(['text', 'json'] as const),
    ...requestFlags,
    ...awsFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Explain)
    const target = parseTarget(args.target)
    const request = requestFromFlags(flags, target.endpoint, target.accessPoint)
    if (flags.verify && request.principal.kind !== 'anonymous') {
      throw usageError('--verify sends anonymous requests only', {
        where: '--as',
        hint: 'drop --verify, or explain as anonymous',
      })
    }
    const {decision, bucket, region} = await predict(target, request, flags)
    const verification = flags.verify
      ? await verify(decision, {
          bucket,
          key: target.key,
          endpoint: request.endpoint,
          region: region ?? flags.region ?? 'us-east-1',
          targetUrl: target.url,
          endpointUrl:
            flags['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL,
          method: request.method,
        })
      : undefined
    const summary = {
      target: target.bucket === '' ? `${target.url} (bucket ${bucket})` : target.url,
      endpoint: request.endpoint === 'website' ? 'website' : 'REST',
      principal: describePrincipal(request.principal),
      transport: request.context.secureTransport ? 'HTTPS' : 'plain HTTP',
    }
    const json = {
      target: {url: target.url, bucket, key: target.key, endpoint: request.endpoint},
      request: {principal: request.principal, method: request.method, context: request.context},
      decision,
      ...(verification === undefined ? {} : {verification}),
    }
    const text =
      renderExplainText(summary, decision) +
      (verification === undefined ? '' : `\n${verificationLine(verification)}\n`)
    await this.emit({text, json}, flags, explainExitCode(decision))
  }
}
