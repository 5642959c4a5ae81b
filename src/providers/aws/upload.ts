/**
 * What an object will look like once a deploy writes it, and what S3 would refuse at upload time, from the bucket's
 * facts and the upload options the user names. Pure.
 */
import type {Reason} from '../../model/decision.js'
import {reasons as catalogue} from '../../explain/catalogue.js'
import type {AwsSnapshot, ObjectCalls} from './snapshot.js'

export interface UploadOptions {
  /** The canned ACL the deploy sets (--acl of aws s3 cp/sync), if any. */
  readonly acl?:
    | 'private'
    | 'public-read'
    | 'public-read-write'
    | 'authenticated-read'
    | 'bucket-owner-full-control'
    | 'bucket-owner-read'
  /** The server-side encryption the deploy asks for; without it the bucket default applies. */
  readonly sse?: 'AES256' | 'aws:kms' | 'aws:kms:dsse'
  readonly kmsKeyId?: string
}

const ALL_USERS = {Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers'}
const AUTHENTICATED = {
  Type: 'Group' as const,
  URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
}

function response<T>(call: {response: T} | {error: unknown} | undefined): T | undefined {
  return call !== undefined && 'response' in call ? call.response : undefined
}

function ownership(s: AwsSnapshot): string | undefined {
  return response(s.bucket.calls.GetBucketOwnershipControls)?.OwnershipControls.Rules[0]?.ObjectOwnership
}

/** The facts of an object the deploying account (the bucket owner) is about to write. */
export function uploadedObjectCalls(s: AwsSnapshot, key: string, o: UploadOptions): ObjectCalls {
  const owner = response(s.bucket.calls.GetBucketAcl)?.Owner?.ID ?? 'bucket-owner'
  const defaults = response(s.bucket.calls.GetBucketEncryption)?.ServerSideEncryptionConfiguration.Rules[0]
    ?.ApplyServerSideEncryptionByDefault
  const sse = o.sse ?? defaults?.SSEAlgorithm ?? 'AES256'
  const kmsKeyId = o.kmsKeyId ?? (o.sse === undefined ? defaults?.KMSMasterKeyID : undefined)
  const grants = [
    {Grantee: {Type: 'CanonicalUser' as const, ID: owner}, Permission: 'FULL_CONTROL' as const},
    ...(o.acl === 'public-read' || o.acl === 'public-read-write'
      ? [{Grantee: ALL_USERS, Permission: 'READ' as const}]
      : []),
    ...(o.acl === 'authenticated-read' ? [{Grantee: AUTHENTICATED, Permission: 'READ' as const}] : []),
  ]
  return {
    ListObjectsV2: {Key: key, StorageClass: 'STANDARD', Owner: {ID: owner}},
    HeadObject: {
      response: {
        ServerSideEncryption: sse,
        ...(kmsKeyId === undefined || sse === 'AES256' ? {} : {SSEKMSKeyId: kmsKeyId}),
      },
    },
    // Under BucketOwnerEnforced the ACL is not stored (and the upload fails if it names one, see uploadProblems).
    ...(ownership(s) === 'BucketOwnerEnforced'
      ? {}
      : {GetObjectAcl: {response: {Owner: {ID: owner}, Grants: grants}}}),
  }
}

function reason(
  code: 'BPA_BLOCK_PUBLIC_ACLS' | 'ACLS_DISABLED_BY_OWNERSHIP',
  message: string,
  quote: unknown,
  call: string,
): Reason {
  return {
    code,
    role: 'decisive',
    message,
    evidence: [{source: {call}, quote, label: call}],
    confidence: 'documented',
    doc: catalogue[code].doc,
  }
}

/** Uploads S3 would refuse outright: every key of the deploy fails, before any read is possible. */
export function uploadProblems(s: AwsSnapshot, o: UploadOptions): Reason[] {
  const out: Reason[] = []
  const publicAcl = o.acl === 'public-read' || o.acl === 'public-read-write' || o.acl === 'authenticated-read'
  // "PUT Object calls fail if the request includes a public ACL" while BlockPublicAcls is on (at any level).
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  if (publicAcl) {
    for (const [level, call, pab] of [
      ['account', 'S3Control:GetPublicAccessBlock', response(s.account.GetPublicAccessBlock)],
      ['bucket', 'GetPublicAccessBlock', response(s.bucket.calls.GetPublicAccessBlock)],
    ] as const) {
      if (pab?.PublicAccessBlockConfiguration.BlockPublicAcls === true) {
        out.push({
          ...reason(
            'BPA_BLOCK_PUBLIC_ACLS',
            `Uploads with --acl ${o.acl} fail with 403 AccessDenied: BlockPublicAcls is on at the ${level} level`,
            {BlockPublicAcls: true},
            call,
          ),
          level,
        })
      }
    }
  }
  // With BucketOwnerEnforced, a request that sets an ACL other than bucket-owner-full-control fails with
  // 400 AccessControlListNotSupported. https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
  if (
    ownership(s) === 'BucketOwnerEnforced' &&
    o.acl !== undefined &&
    o.acl !== 'bucket-owner-full-control' &&
    o.acl !== 'private'
  ) {
    out.push(
      reason(
        'ACLS_DISABLED_BY_OWNERSHIP',
        `Uploads with --acl ${o.acl} fail with 400 AccessControlListNotSupported: Object Ownership is BucketOwnerEnforced; drop --acl and grant read in the bucket policy`,
        {ObjectOwnership: 'BucketOwnerEnforced'},
        'GetBucketOwnershipControls',
      ),
    )
  }
  return out
}
