/** The prediction behind explain and probe: a target and flags in, a decision out (offline or live). */
import {usageError} from '../errors.js'
import type {Decision} from '../model/decision.js'
import type {AccessRequest} from '../model/request.js'
import {prepareAws} from '../providers/aws/prepare.js'
import type {Target} from '../target.js'
import {clientsFromFlags, type AwsFlagValues} from './awsFlags.js'
import {keysFor, liveSnapshot} from './live.js'
import {prepareFromSnapshot} from './prepare.js'

export interface Prediction {
  readonly decision: Decision
  readonly bucket: string
  readonly region: string | undefined
}

export async function predict(
  target: Target,
  request: Omit<AccessRequest, 'key'>,
  flags: AwsFlagValues & {snapshot?: string | undefined},
): Promise<Prediction> {
  if (flags.snapshot !== undefined) {
    const {prepared, bucket, region} = await prepareFromSnapshot(flags.snapshot, target, request)
    return {decision: prepared.decide(target.key), bucket, region}
  }
  if (target.provider !== 'aws')
    throw usageError(`${target.provider} is not supported yet`, {where: target.url})
  const clients = clientsFromFlags(flags)
  try {
    const snapshot = await liveSnapshot(clients, target.bucket, {
      accountId: flags['account-id'],
      keys: (s) => keysFor(s, target.key, request.endpoint),
    })
    return {
      decision: prepareAws(snapshot, request).decide(target.key),
      bucket: target.bucket,
      region: snapshot.bucket.region,
    }
  } finally {
    clients.destroy()
  }
}
