import {Args} from '@oclif/core'

import {awsFlags} from '../cli/awsFlags.js'
import {BaseCommand, formatFlag} from '../cli/base.js'
import {predict} from '../cli/predict.js'
import {requestFlags, requestFromFlags} from '../cli/requestFlags.js'
import {ExitCode, providerError, usageError} from '../errors.js'
import {unsignedGet, type ProbeAnswer} from '../probe/unsignedGet.js'
import {probeTarget} from '../probe/url.js'
import {headline} from '../render/text.js'
import {parseTarget} from '../target.js'

/** What an emulator is known not to enforce, so a disagreement with it is labelled rather than hidden. */
const EMULATOR_GAPS: Record<string, string> = {
  LocalStack:
    'LocalStack does not enforce bucket policies, ACLs, Block Public Access or Requester Pays for anonymous requests: it serves every existing key (it answers as the real service would only for missing keys)',
}

async function emulatorAt(endpointUrl: string | undefined): Promise<string | undefined> {
  if (endpointUrl === undefined) return undefined
  try {
    const health = await unsignedGet(`${endpointUrl.replace(/\/$/, '')}/_localstack/health`, {
      timeoutMs: 3000,
    })
    return health.status === 200 ? 'LocalStack' : undefined
  } catch {
    return undefined
  }
}

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
    const where = probeTarget({
      bucket: prediction.bucket,
      key: target.key,
      endpoint: request.endpoint,
      region: prediction.region ?? flags.region ?? 'us-east-1',
      targetUrl: target.url,
      endpointUrl,
    })
    let answer: ProbeAnswer
    try {
      answer = await unsignedGet(where.url, {
        method: request.method,
        ...(where.host === undefined ? {} : {host: where.host}),
      })
    } catch (error) {
      throw providerError(`the probe got no answer: ${(error as Error).message}`, {
        where: where.url,
        hint: 'check the URL and your network',
      })
    }
    const d = prediction.decision
    const agree =
      d.status !== null &&
      d.status === answer.status &&
      (d.errorCode === null || answer.errorCode === null || d.errorCode === answer.errorCode)
    const emulator = agree ? undefined : await emulatorAt(endpointUrl)
    const divergence =
      emulator === undefined
        ? undefined
        : {code: 'EMULATOR_DIVERGENCE', emulator, note: EMULATOR_GAPS[emulator]}
    const lines = [
      `${answer.url}${where.host === undefined ? '' : ` (Host: ${where.host})`}`,
      `  predicted: ${headline(d)}${d.reasons[0] === undefined ? '' : `  (${d.reasons[0].code})`}`,
      `  answered:  ${answer.status}${answer.errorCode === null ? '' : ` ${answer.errorCode}`}${answer.location === null ? '' : ` → ${answer.location}`}`,
      d.status === null
        ? '  the prediction is unknown; see `why403 explain` for what could not be read'
        : agree
          ? '  agree'
          : '  DISAGREE',
      ...(divergence === undefined ? [] : [`  EMULATOR_DIVERGENCE: ${divergence.note}`]),
    ]
    const code = d.status === null ? ExitCode.Unknown : agree ? ExitCode.Ok : ExitCode.Denied
    await this.emit(
      {
        text: lines.join('\n') + '\n',
        json: {
          target: {url: target.url, bucket: prediction.bucket, key: target.key, endpoint: request.endpoint},
          prediction: d,
          answer,
          agree,
          ...(divergence === undefined ? {} : {divergence}),
        },
      },
      flags,
      code,
    )
  }
}
