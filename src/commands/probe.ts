import {Args} from '@oclif/core'

import {awsFlags} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {predict} from '../cli/predict.js'
import {requestFlags, requestFromFlags} from '../cli/requestFlags.js'
import {ExitCode, usageError} from '../errors.js'
import {verify} from '../probe/verify.js'
import {headline} from '../render/text.js'
import {parseTarget} from '../target.js'

export default class Probe extends BaseCommand {
  static override summary =
    'Send a real unsigned GET and print the prediction beside what the endpoint answered.'

  static override description = `Predicts the answer as \`explain\` does, then sends the request for real, with no credentials (what a browser or curl sends) and without following redirects, to the REST or website endpoint, and compares the status and error code. Against an emulator, it says which rules the emulator does not enforce, so a disagreement there is labelled, not hidden.

Exit codes: 0 prediction and reality agree, 1 they disagree, 2 the prediction is unknown, 3+ usage or tool errors.`

  static override examples = [
    {
      description: 'Check a public page:',
      command: '<%= config.bin %> probe https://my-bucket.s3.eu-west-1.amazonaws.com/index.html',
    },
    {
      description: 'Against LocalStack:',
      command: '<%= config.bin %> probe s3://my-bucket/index.html --endpoint-url http://127.0.0.1:4566',
    },
  ]

  static override args = {
    target: Args.string({required: true, description: 'the object URL (any form explain takes)'}),
  }

  static override flags = {
    format: formatFlag(['text', 'json'] as const),
    ...requestFlags,
    ...awsFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Probe)
    const target = parseTarget(args.target)
    if (flags.as !== 'anonymous')
      throw usageError('probe sends anonymous requests only', {
        where: '--as',
        hint: 'use explain to predict for CloudFront',
      })
    const request = requestFromFlags(flags, target.endpoint, target.accessPoint)
    const prediction = await predict(target, request, flags)
    const endpointUrl =
      flags['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL
    const d = prediction.decision
    const v = await verify(d, {
      bucket: prediction.bucket,
      key: target.key,
      endpoint: request.endpoint,
      region: prediction.region ?? flags.region ?? 'us-east-1',
      targetUrl: target.url,
      endpointUrl,
      method: request.method,
    })
    const lines = [
      `${v.answer.url}${v.host === undefined ? '' : ` (Host: ${v.host})`}`,
      `  predicted: ${headline(d)}${d.reasons[0] === undefined ? '' : `  (${d.reasons[0].code})`}`,
      `  answered:  ${v.answer.status}${v.answer.errorCode === null ? '' : ` ${v.answer.errorCode}`}${v.answer.location === null ? '' : ` → ${v.answer.location}`}`,
      v.agree === null
        ? '  the prediction is unknown; see `why403 explain` for what could not be read'
        : v.agree
          ? '  agree'
          : '  DISAGREE',
      ...(v.divergence === undefined ? [] : [`  EMULATOR_DIVERGENCE: ${v.divergence.note}`]),
    ]
    const code = v.agree === null ? ExitCode.Unknown : v.agree ? ExitCode.Ok : ExitCode.Denied
    const json = {
      target: {url: target.url, bucket: prediction.bucket, key: target.key, endpoint: request.endpoint},
      prediction: d,
      answer: v.answer,
      agree: v.agree,
      ...(v.divergence === undefined ? {} : {divergence: v.divergence}),
    }
    await this.emit({text: lines.join('\n') + '\n', json}, flags, code)
  }
}
