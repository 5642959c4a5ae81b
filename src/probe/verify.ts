/**
 * Prediction against reality for one key: send the unsigned request and compare status and error code. Shared by
 * `probe` and the `--verify` flag of explain and scan. Against an emulator, a disagreement it is known to cause is
 * labelled EMULATOR_DIVERGENCE rather than hidden.
 */
import {providerError} from '../errors.js'
import type {Decision} from '../model/decision.js'
import type {Endpoint} from '../model/request.js'
import {unsignedGet, type ProbeAnswer} from './unsignedGet.js'
import {probeTarget} from './url.js'

/** What an emulator is known not to enforce. */
const EMULATOR_GAPS: Record<string, string> = {
  LocalStack:
    'LocalStack does not enforce bucket policies, ACLs, Block Public Access or Requester Pays for anonymous requests: it serves every existing key (it answers as the real service would only for missing keys)',
}

export interface Verification {
  readonly answer: ProbeAnswer
  /** Null when the prediction is unknown: there is nothing to compare. */
  readonly agree: boolean | null
  readonly divergence?: {
    readonly code: 'EMULATOR_DIVERGENCE'
    readonly emulator: string
    readonly note: string
  }
  /** A Host header sent instead of the URL's (emulator website endpoints). */
  readonly host?: string
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

export async function verify(
  decision: Decision,
  where: {
    bucket: string
    key: string
    endpoint: Endpoint
    region: string
    targetUrl: string
    endpointUrl: string | undefined
    method: string
  },
): Promise<Verification> {
  const target = probeTarget(where)
  let answer: ProbeAnswer
  try {
    answer = await unsignedGet(target.url, {
      method: where.method,
      ...(target.host === undefined ? {} : {host: target.host}),
    })
  } catch (error) {
    throw providerError(`the probe got no answer: ${(error as Error).message}`, {
      where: target.url,
      hint: 'check the URL and your network',
    })
  }
  const agree =
    decision.status === null
      ? null
      : decision.status === answer.status &&
        (decision.errorCode === null || answer.errorCode === null || decision.errorCode === answer.errorCode)
  const emulator = agree === false ? await emulatorAt(where.endpointUrl) : undefined
  const note = emulator === undefined ? undefined : EMULATOR_GAPS[emulator]
  return {
    answer,
    agree,
    ...(emulator === undefined || note === undefined
      ? {}
      : {divergence: {code: 'EMULATOR_DIVERGENCE' as const, emulator, note}}),
    ...(target.host === undefined ? {} : {host: target.host}),
  }
}
