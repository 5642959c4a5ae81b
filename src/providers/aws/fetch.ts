/**
 * The only network I/O of the S3 adapter: read-only SDK calls, each recorded in the snapshot as its response or its
 * error (shared/research/s3-semantics.md §1). AccessDenied stays an error here; normalize turns it into a gap that
 * names the permission, never into "no policy" or "Block Public Access off".
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketRequestPaymentCommand,
  GetBucketWebsiteCommand,
  GetObjectAclCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type _Object,
} from '@aws-sdk/client-s3'
import {GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand} from '@aws-sdk/client-s3-control'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import pLimit from 'p-limit'

import type {AwsClients} from './clients.js'
import {AwsSnapshotSchema, type AwsSnapshot, type CallError, type ObjectCalls} from './snapshot.js'

type Recorded = {response: unknown} | {error: CallError}

/** JSON-safe copy of an SDK answer: no $metadata, dates as ISO strings, no undefined fields. */
export function cleanResponse(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(cleanResponse)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (k === '$metadata' || v === undefined) continue
    out[k] = cleanResponse(v)
  }
  return out
}

export function errorOf(e: unknown): CallError {
  const err = e as {name?: string; Code?: string; message?: string; $metadata?: {httpStatusCode?: number}}
  const status = err.$metadata?.httpStatusCode
  // HEAD answers have no body, so the SDK names the error after the status (NotFound, Forbidden, BadRequest).
  return {
    name: err.Code ?? err.name ?? 'Error',
    ...(status === undefined ? {} : {httpStatus: status}),
    ...(err.message === undefined || err.message === '' ? {} : {message: err.message}),
  }
}

async function record(call: Promise<unknown>): Promise<Recorded> {
  try {
    return {response: cleanResponse(await call)}
  } catch (e) {
    // Only S3's own answers are facts. A failure with no HTTP status (no credentials, connection refused, the
    // read-only guard) is the tool's problem and stops the command instead of becoming a row of gaps.
    if ((e as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode === undefined) throw e
    return {error: errorOf(e)}
  }
}

export interface BucketFetchOptions {
  /** The bucket owner's account id; read from STS GetCallerIdentity when not given. */
  readonly accountId?: string
}

/** Everything about the bucket itself, concurrently. The object map is left empty. */
export async function fetchBucketFacts(
  clients: AwsClients,
  bucket: string,
  options: BucketFetchOptions = {},
): Promise<AwsSnapshot> {
  const s3 = clients.s3
  const B = {Bucket: bucket}
  const head = await record(s3.send(new HeadBucketCommand(B)))
  const region =
    'response' in head
      ? ((head.response as {BucketRegion?: string}).BucketRegion ?? clients.region)
      : clients.region
  const [policy, policyStatus, pab, ownership, acl, encryption, payment, website, identity] =
    await Promise.all([
      record(s3.send(new GetBucketPolicyCommand(B))),
      record(s3.send(new GetBucketPolicyStatusCommand(B))),
      record(s3.send(new GetPublicAccessBlockCommand(B))),
      record(s3.send(new GetBucketOwnershipControlsCommand(B))),
      record(s3.send(new GetBucketAclCommand(B))),
      record(s3.send(new GetBucketEncryptionCommand(B))),
      record(s3.send(new GetBucketRequestPaymentCommand(B))),
      record(s3.send(new GetBucketWebsiteCommand(B))),
      options.accountId === undefined
        ? record(clients.sts.send(new GetCallerIdentityCommand({})))
        : Promise.resolve(undefined),
    ])
  const accountId =
    options.accountId ??
    (identity !== undefined && 'response' in identity
      ? (identity.response as {Account?: string}).Account
      : undefined)
  // The effective account-level Block Public Access (it may be inherited from an organisation policy).
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
  const accountPab =
    accountId === undefined
      ? undefined
      : await record(clients.s3control.send(new GetAccountPublicAccessBlockCommand({AccountId: accountId})))
  const snapshot = {
    schemaVersion: 1,
    provider: 'aws',
    capturedAt: new Date().toISOString(),
    source: `why403 live read${clients.endpointUrl === undefined ? '' : ` of ${clients.endpointUrl}`}`,
    account: {
      ...(options.accountId === undefined ? {} : {id: options.accountId}),
      ...(identity === undefined ? {} : {GetCallerIdentity: identity}),
      ...(accountPab === undefined ? {} : {GetPublicAccessBlock: accountPab}),
    },
    bucket: {
      name: bucket,
      region,
      calls: {
        HeadBucket: head,
        GetBucketPolicy: policy,
        GetBucketPolicyStatus: policyStatus,
        GetPublicAccessBlock: pab,
        GetBucketOwnershipControls: ownership,
        GetBucketAcl: acl,
        GetBucketEncryption: encryption,
        GetBucketRequestPayment: payment,
        GetBucketWebsite: website,
      },
    },
    objects: {},
  }
  return AwsSnapshotSchema.parse(snapshot)
}

/** Whether ACLs can grant anything in this bucket: not under BucketOwnerEnforced (then per-object ACL reads are skipped). */
export function aclsMatter(snapshot: AwsSnapshot): boolean {
  const o = snapshot.bucket.calls.GetBucketOwnershipControls
  return !(
    o !== undefined &&
    'response' in o &&
    o.response.OwnershipControls.Rules[0]?.ObjectOwnership === 'BucketOwnerEnforced'
  )
}

function listedEntry(o: _Object): NonNullable<ObjectCalls['ListObjectsV2']> {
  return cleanResponse(o) as NonNullable<ObjectCalls['ListObjectsV2']>
}

/** One page of a listing: the entries, and whether more pages follow. */
export interface ListingPage {
  readonly entries: readonly NonNullable<ObjectCalls['ListObjectsV2']>[]
  readonly truncated: boolean
}

/**
 * ListObjectsV2 page by page (1,000 keys each), with owners and restore status, for streaming scans of any size.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
export async function* listObjectPages(
  clients: AwsClients,
  bucket: string,
  prefix: string,
): AsyncGenerator<ListingPage> {
  let token: string | undefined
  let restoreStatus = true
  do {
    let page
    try {
      page = await clients.s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          FetchOwner: true,
          ...(restoreStatus ? {OptionalObjectAttributes: ['RestoreStatus' as const]} : {}),
          ...(token === undefined ? {} : {ContinuationToken: token}),
        }),
      )
    } catch (e) {
      // Some S3-compatible endpoints reject OptionalObjectAttributes; the archive state then comes from StorageClass.
      if (restoreStatus && errorOf(e).httpStatus === 400) {
        restoreStatus = false
        continue
      }
      throw e
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined
    yield {entries: (page.Contents ?? []).map(listedEntry), truncated: token !== undefined}
  } while (token !== undefined)
}

/** The per-object facts of a few keys (explain): listing entry, HeadObject, and the ACL where ACLs matter. */
export async function fetchObjects(
  clients: AwsClients,
  snapshot: AwsSnapshot,
  keys: readonly string[],
  concurrency = 8,
): Promise<AwsSnapshot> {
  const bucket = snapshot.bucket.name
  const limit = pLimit(concurrency)
  const withAcl = aclsMatter(snapshot)
  const entries = await Promise.all(
    [...new Set(keys)].map((key) =>
      limit(async (): Promise<[string, ObjectCalls]> => {
        const [listing, head, acl] = await Promise.all([
          // Prefix=key, MaxKeys=1 returns the key itself first when it exists (keys list in UTF-8 order).
          record(
            clients.s3.send(
              new ListObjectsV2Command({Bucket: bucket, Prefix: key, MaxKeys: 1, FetchOwner: true}),
            ),
          ),
          record(clients.s3.send(new HeadObjectCommand({Bucket: bucket, Key: key}))),
          withAcl
            ? record(clients.s3.send(new GetObjectAclCommand({Bucket: bucket, Key: key})))
            : Promise.resolve(undefined),
        ])
        const listed =
          'response' in listing
            ? ((listing.response as {Contents?: {Key?: string}[]}).Contents ?? []).find((o) => o.Key === key)
            : undefined
        const calls: ObjectCalls = {
          ...(listed === undefined
            ? {}
            : {ListObjectsV2: listed as NonNullable<ObjectCalls['ListObjectsV2']>}),
          HeadObject: head as ObjectCalls['HeadObject'],
          ...(acl === undefined ? {} : {GetObjectAcl: acl as ObjectCalls['GetObjectAcl']}),
        }
        return [key, calls]
      }),
    ),
  )
  // A HeadObject 404 in an entry means "no such key" (normalize reads it so), so every key is stored as read.
  return AwsSnapshotSchema.parse({
    ...snapshot,
    objects: {...snapshot.objects, ...Object.fromEntries(entries)},
  })
}

/** A whole-bucket snapshot: bucket facts plus the listing (up to `maxKeys` objects). */
export async function fetchBucketSnapshot(
  clients: AwsClients,
  bucket: string,
  options: BucketFetchOptions & {prefix?: string; maxKeys?: number; objectDetails?: boolean} = {},
): Promise<AwsSnapshot> {
  const snapshot = await fetchBucketFacts(clients, bucket, options)
  const prefix = options.prefix ?? ''
  const max = options.maxKeys ?? 10_000
  const objects: Record<string, ObjectCalls> = {}
  let complete = true
  let listingError: CallError | undefined
  try {
    for await (const page of listObjectPages(clients, bucket, prefix)) {
      for (const entry of page.entries) {
        if (Object.keys(objects).length >= max) {
          complete = false
          break
        }
        if (entry.Key !== undefined) objects[entry.Key] = {ListObjectsV2: entry}
      }
      if (!complete) break
    }
  } catch (e) {
    listingError = errorOf(e)
  }
  const listed = AwsSnapshotSchema.parse({
    ...snapshot,
    bucket: {
      ...snapshot.bucket,
      calls: {
        ...snapshot.bucket.calls,
        ListObjectsV2:
          listingError === undefined
            ? {response: {Prefix: prefix, Complete: complete}}
            : {error: listingError},
      },
    },
    objects,
  })
  // Offline answers need what a scan may assume: each object's own encryption (HeadObject) and, where ACLs can
  // grant, its ACL. One HEAD per key is the price of a snapshot that explains any key faithfully.
  return options.objectDetails === false ? listed : fetchObjects(clients, listed, Object.keys(objects))
}
