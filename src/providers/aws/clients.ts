/**
 * AWS clients the way AWS users expect them: the default credential chain (or --profile), the region from flags or
 * the environment, a custom endpoint from --endpoint-url / AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (path-style, for
 * emulators), adaptive retries so a scan survives SlowDown and 503s, and the read-only guard on every client.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
import {S3Client} from '@aws-sdk/client-s3'
import {S3ControlClient} from '@aws-sdk/client-s3-control'
import {STSClient} from '@aws-sdk/client-sts'
import {fromNodeProviderChain} from '@aws-sdk/credential-providers'
import type {AwsCredentialIdentity, AwsCredentialIdentityProvider} from '@smithy/types'

import {CallLog, guardAndRecord} from './recorder.js'

export interface AwsClientOptions {
  readonly profile?: string
  readonly region?: string
  /** A custom S3 endpoint (LocalStack, MinIO, …); path-style addressing is used with it. */
  readonly endpointUrl?: string
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
  readonly maxAttempts?: number
  /** Keep every request in the call log (tests), not only counts. */
  readonly recordRequests?: boolean
  /** The environment to read AWS_* variables from (defaults to process.env); a parameter so tests can pass one. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

export interface AwsClients {
  readonly s3: S3Client
  readonly s3control: S3ControlClient
  readonly sts: STSClient
  readonly log: CallLog
  readonly region: string
  readonly endpointUrl: string | undefined
  destroy(): void
}

export function makeAwsClients(options: AwsClientOptions = {}): AwsClients {
  const env = options.env ?? process.env
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1'
  const endpointUrl = options.endpointUrl ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL
  const credentials =
    options.credentials ??
    fromNodeProviderChain(options.profile === undefined ? {} : {profile: options.profile})
  const common = {
    region,
    credentials,
    retryMode: 'adaptive' as const,
    maxAttempts: options.maxAttempts ?? (Number(env.AWS_MAX_ATTEMPTS) || 8),
  }
  const log = new CallLog(options.recordRequests ?? false)
  const s3 = new S3Client({
    ...common,
    // HeadBucket and friends on a bucket of another region answer 301; the SDK retries there.
    followRegionRedirects: true,
    ...(endpointUrl === undefined ? {} : {endpoint: endpointUrl, forcePathStyle: true}),
  })
  const s3control = new S3ControlClient({
    ...common,
    // With a custom endpoint the S3 Control client prefixes the account id to the host ({account}.127.0.0.1), which
    // emulators cannot serve; pin the endpoint instead (shared/research/ecosystem.md §0.5).
    ...(endpointUrl === undefined ? {} : {endpointProvider: () => ({url: new URL(endpointUrl)})}),
  })
  const sts = new STSClient({
    ...common,
    ...(endpointUrl === undefined ? {} : {endpoint: env.AWS_ENDPOINT_URL_STS ?? endpointUrl}),
  })
  guardAndRecord(s3, 's3', log)
  guardAndRecord(s3control, 's3control', log)
  guardAndRecord(sts, 'sts', log)
  return {
    s3,
    s3control,
    sts,
    log,
    region,
    endpointUrl,
    destroy() {
      s3.destroy()
      s3control.destroy()
      sts.destroy()
    },
  }
}
