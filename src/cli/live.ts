/** Reading a live bucket for one command: the bucket's facts once, and the per-object facts the request needs. */
import {providerError, usageError} from '../errors.js'
import type {Endpoint} from '../model/request.js'
import type {AwsClients} from '../providers/aws/clients.js'
import {fetchBucketFacts, fetchObjects} from '../providers/aws/fetch.js'
import type {AwsSnapshot} from '../providers/aws/snapshot.js'

/** Credentials or network failures stop the command: there is nothing to explain without the bucket's answers. */
export function explainProviderFailure(error: unknown, endpoint: string | undefined): never {
  const e = error as {name?: string; message?: string; code?: string}
  if (e.name === 'ReadOnlyViolation') throw error
  const credentials = e.name === 'CredentialsProviderError' || /credential/i.test(e.message ?? '')
  throw providerError(
    credentials
      ? `no AWS credentials: ${e.message ?? e.name}`
      : `cannot reach S3: ${e.message ?? e.name ?? 'unknown error'}`,
    {
      where: endpoint ?? 'AWS',
      hint: credentials
        ? 'set AWS_PROFILE or pass --profile, or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (see the README for the minimum IAM policy)'
        : 'check --endpoint-url / AWS_ENDPOINT_URL and your network',
      cause: error,
    },
  )
}

/** The keys whose facts decide a request: the key, and on the website endpoint its index and error documents. */
export function keysFor(snapshot: AwsSnapshot, key: string, endpoint: Endpoint): string[] {
  if (endpoint !== 'website') return [key]
  const w = snapshot.bucket.calls.GetBucketWebsite
  if (w === undefined || !('response' in w)) return [key]
  const suffix = w.response.IndexDocument?.Suffix
  const keys = [key]
  if (suffix !== undefined) {
    if (key === '' || key.endsWith('/')) keys.push(key + suffix)
    else keys.push(`${key}/${suffix}`)
  }
  if (w.response.ErrorDocument?.Key !== undefined) keys.push(w.response.ErrorDocument.Key)
  return keys.filter((k) => k !== '' && !k.endsWith('/'))
}

export async function liveSnapshot(
  clients: AwsClients,
  bucket: string,
  options: {accountId?: string | undefined; keys?: (s: AwsSnapshot) => string[]},
): Promise<AwsSnapshot> {
  if (bucket === '')
    throw usageError('an access point ARN names no bucket; use the bucket URL to explain live', {
      hint: 'why403 explain s3://BUCKET/KEY',
    })
  try {
    const facts = await fetchBucketFacts(
      clients,
      bucket,
      options.accountId === undefined ? {} : {accountId: options.accountId},
    )
    return options.keys === undefined ? facts : await fetchObjects(clients, facts, options.keys(facts))
  } catch (error) {
    explainProviderFailure(error, clients.endpointUrl)
  }
}
