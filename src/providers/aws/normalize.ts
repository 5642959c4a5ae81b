/**
 * Snapshot → facts. Pure. Each recorded call becomes a known fact, a documented "not configured" value, or a gap
 * naming the permission; a call the snapshot does not hold is a gap too ("not recorded"), which matters only if the
 * evaluator needs that fact (shared/research/s3-semantics.md §1).
 */
import type {SourceRef} from '../../model/decision.js'
import {assumed, known, unknownFact, type Fact} from '../../model/fact.js'
import {parsePolicy} from './policy/index.js'
import type {PolicyDocument} from './policy/types.js'
import type {
  AclResponse,
  AwsSnapshot,
  CallError,
  CallResult,
  HeadObjectResponse,
  ObjectCalls,
} from './snapshot.js'
import type {
  ArchiveState,
  AwsFacts,
  BpaFlags,
  BucketFacts,
  Grant,
  KmsKeyFacts,
  ObjectEncryption,
  ObjectFacts,
  ObjectOwnership,
  PolicyState,
  WebsiteConfig,
} from './facts.js'

/** The permission each call needs; a gap names it so the user knows what to grant the checker. */
export const permissionFor = {
  HeadBucket: 's3:ListBucket',
  GetBucketPolicy: 's3:GetBucketPolicy',
  GetBucketPolicyStatus: 's3:GetBucketPolicyStatus',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  GetAccountPublicAccessBlock: 's3:GetAccountPublicAccessBlock',
  GetBucketOwnershipControls: 's3:GetBucketOwnershipControls',
  GetBucketAcl: 's3:GetBucketAcl',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  GetBucketRequestPayment: 's3:GetBucketRequestPayment',
  GetBucketWebsite: 's3:GetBucketWebsite',
  ListObjectsV2: 's3:ListBucket',
  HeadObject: 's3:GetObject',
  GetObjectAcl: 's3:GetObjectAcl',
  GetCallerIdentity: 'sts:GetCallerIdentity (or pass --account-id)',
  ResourceControlPolicies: 'organizations:ListPoliciesForTarget and organizations:DescribePolicy',
  DescribeKey: 'kms:DescribeKey',
  GetKeyPolicy: 'kms:GetKeyPolicy',
  DescribeVpcEndpoints: 'ec2:DescribeVpcEndpoints',
} as const
type CallName = keyof typeof permissionFor

const ALL_FALSE: BpaFlags = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
}

function describeError(error: CallError): string {
  const status = error.httpStatus === undefined ? '' : ` (HTTP ${error.httpStatus})`
  return `${error.name}${status}${error.message === undefined ? '' : `: ${error.message}`}`
}

/**
 * Turns one recorded call into a fact. `absentWhen` lists the error names that mean "not configured" (a fact),
 * with the value to use; any other error, and a call that was never made, is a gap.
 */
function fromCall<R, T>(
  result: CallResult<R> | undefined,
  callName: CallName,
  fact: string,
  source: SourceRef,
  onResponse: (response: R) => T,
  absentWhen: Readonly<Record<string, T>> = {},
): Fact<T> {
  const permission = permissionFor[callName]
  if (result === undefined) {
    return unknownFact({fact, call: source.call, error: 'not recorded in the snapshot', permission})
  }
  if ('error' in result) {
    const name = result.error.name
    if (Object.hasOwn(absentWhen, name)) return known(absentWhen[name] as T, source)
    const hint =
      callName === 'GetBucketPolicy' && result.error.httpStatus === 405
        ? ' (S3 answers 405 to callers outside the bucket owner account)'
        : ''
    return unknownFact({fact, call: source.call, error: describeError(result.error) + hint, permission})
  }
  return known(onResponse(result.response), source)
}

function policyState(text: string): PolicyState {
  const parsed = parsePolicy(text)
  return parsed.ok ? {kind: 'valid', document: parsed.policy} : {kind: 'invalid', problems: parsed.problems}
}

function grantsOf(acl: AclResponse, call: string, key?: string): Grant[] {
  return acl.Grants.map((g, i): Grant => {
    const source: SourceRef = {call, pointer: `/Grants/${i}`, ...(key === undefined ? {} : {key})}
    const grantee = g.Grantee
    const uri = grantee.URI ?? ''
    // Group URIs: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups
    const kind: Grant['grantee'] =
      grantee.Type === 'Group'
        ? uri.endsWith('/global/AllUsers')
          ? {kind: 'all-users'}
          : uri.endsWith('/global/AuthenticatedUsers')
            ? {kind: 'authenticated-users'}
            : {kind: 'log-delivery'}
        : grantee.Type === 'AmazonCustomerByEmail'
          ? {kind: 'email', email: grantee.EmailAddress ?? ''}
          : {kind: 'canonical', id: grantee.ID ?? ''}
    return {grantee: kind, permission: g.Permission, source, raw: g}
  })
}

function bpaFlags(response: {PublicAccessBlockConfiguration: Partial<BpaFlags>}): BpaFlags {
  const c = response.PublicAccessBlockConfiguration
  return {
    BlockPublicAcls: c.BlockPublicAcls ?? false,
    IgnorePublicAcls: c.IgnorePublicAcls ?? false,
    BlockPublicPolicy: c.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  }
}

function websiteConfig(
  w: NonNullable<AwsSnapshot['bucket']['calls']['GetBucketWebsite']>,
): WebsiteConfig | null {
  if ('error' in w) return null
  const r = w.response
  return {
    ...(r.IndexDocument === undefined ? {} : {indexSuffix: r.IndexDocument.Suffix}),
    ...(r.ErrorDocument === undefined ? {} : {errorDocumentKey: r.ErrorDocument.Key}),
    ...(r.RedirectAllRequestsTo === undefined
      ? {}
      : {
          redirectAllRequestsTo: {
            hostName: r.RedirectAllRequestsTo.HostName,
            ...(r.RedirectAllRequestsTo.Protocol === undefined
              ? {}
              : {protocol: r.RedirectAllRequestsTo.Protocol}),
          },
        }),
    routingRules: (r.RoutingRules ?? []).map((rule, index) => ({
      index: index + 1,
      ...(rule.Condition?.KeyPrefixEquals === undefined
        ? {}
        : {keyPrefixEquals: rule.Condition.KeyPrefixEquals}),
      ...(rule.Condition?.HttpErrorCodeReturnedEquals === undefined
        ? {}
        : {httpErrorCodeReturnedEquals: rule.Condition.HttpErrorCodeReturnedEquals}),
      redirect: stripUndefined({
        hostName: rule.Redirect.HostName,
        protocol: rule.Redirect.Protocol,
        replaceKeyPrefixWith: rule.Redirect.ReplaceKeyPrefixWith,
        replaceKeyWith: rule.Redirect.ReplaceKeyWith,
        httpRedirectCode: rule.Redirect.HttpRedirectCode,
      }),
    })),
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

function bucketFacts(s: AwsSnapshot): BucketFacts {
  const c = s.bucket.calls
  const src = (call: string): SourceRef => ({call})
  const accountFromSts =
    s.account.GetCallerIdentity !== undefined && 'response' in s.account.GetCallerIdentity
      ? s.account.GetCallerIdentity.response.Account
      : undefined
  const accountId = s.account.id ?? accountFromSts
  const ownerFromAcl = fromCall(
    c.GetBucketAcl,
    'GetBucketAcl',
    'bucket owner',
    src('GetBucketAcl'),
    (r) => r.Owner?.ID,
  )
  const rcps = s.organization?.ResourceControlPolicies
  return {
    name: s.bucket.name,
    region: s.bucket.region,
    // HeadBucket answers 404 NotFound for a missing bucket; an absent HeadBucket with other calls answering means
    // the bucket exists (S3 answers NoSuchBucket to every bucket call otherwise).
    exists: bucketExists(s),
    accountId:
      accountId === undefined
        ? unknownFact({
            fact: 'bucket owner account id',
            call: 'GetCallerIdentity',
            error:
              s.account.GetCallerIdentity !== undefined && 'error' in s.account.GetCallerIdentity
                ? describeError(s.account.GetCallerIdentity.error)
                : 'not recorded in the snapshot',
            permission: permissionFor.GetCallerIdentity,
          })
        : known(accountId, {call: s.account.id === undefined ? 'GetCallerIdentity' : 'account.id'}),
    ownerId:
      ownerFromAcl.known && ownerFromAcl.value === undefined
        ? unknownFact({
            fact: 'bucket owner',
            call: 'GetBucketAcl',
            error: 'no Owner in the answer',
            permission: permissionFor.GetBucketAcl,
          })
        : (ownerFromAcl as Fact<string>),
    policy: fromCall(
      c.GetBucketPolicy,
      'GetBucketPolicy',
      'bucket policy',
      src('GetBucketPolicy'),
      (r) => policyState(r.Policy),
      {
        NoSuchBucketPolicy: {kind: 'none'},
      },
    ),
    policyIsPublicByAws: fromCall(
      c.GetBucketPolicyStatus,
      'GetBucketPolicyStatus',
      "AWS's policy status",
      src('GetBucketPolicyStatus'),
      (r) => r.PolicyStatus.IsPublic ?? false,
      {NoSuchBucketPolicy: null},
    ),
    bpaBucket: fromCall(
      c.GetPublicAccessBlock,
      'GetPublicAccessBlock',
      'bucket Block Public Access',
      src('GetPublicAccessBlock'),
      bpaFlags,
      {
        NoSuchPublicAccessBlockConfiguration: ALL_FALSE,
      },
    ),
    bpaAccount: fromCall(
      s.account.GetPublicAccessBlock,
      'GetAccountPublicAccessBlock',
      'account Block Public Access',
      src('S3Control:GetPublicAccessBlock'),
      bpaFlags,
      {NoSuchPublicAccessBlockConfiguration: ALL_FALSE},
    ),
    ownership: fromCall(
      c.GetBucketOwnershipControls,
      'GetBucketOwnershipControls',
      'Object Ownership',
      src('GetBucketOwnershipControls'),
      (r): ObjectOwnership | null => r.OwnershipControls.Rules[0]?.ObjectOwnership ?? null,
      // No rule: ACLs enabled and the writer owns the object, the behaviour before ownership controls existed
      // (shared/research/s3-semantics.md §9 item 9).
      {OwnershipControlsNotFoundError: null},
    ),
    acl: fromCall(c.GetBucketAcl, 'GetBucketAcl', 'bucket ACL', src('GetBucketAcl'), (r) =>
      grantsOf(r, 'GetBucketAcl'),
    ),
    requesterPays: fromCall(
      c.GetBucketRequestPayment,
      'GetBucketRequestPayment',
      'Requester Pays',
      src('GetBucketRequestPayment'),
      (r) => r.Payer === 'Requester',
    ),
    website: fromCall(
      c.GetBucketWebsite,
      'GetBucketWebsite',
      'website configuration',
      src('GetBucketWebsite'),
      (r) => websiteConfig({response: r}),
      {NoSuchWebsiteConfiguration: null},
    ),
    rcps:
      rcps === undefined
        ? null
        : fromCall(
            rcps,
            'ResourceControlPolicies',
            'resource control policies',
            src('Organizations:ListPoliciesForTarget'),
            (r) =>
              r.Policies.flatMap((p) => {
                const parsed = parsePolicy(p.Content)
                return parsed.ok ? [parsed.policy] : []
              }),
          ),
  }
}

function bucketExists(s: AwsSnapshot): Fact<boolean> {
  const head = s.bucket.calls.HeadBucket
  if (head !== undefined) {
    if ('response' in head) return known(true, {call: 'HeadBucket'})
    if (head.error.name === 'NotFound' || head.error.name === 'NoSuchBucket')
      return known(false, {call: 'HeadBucket'})
  }
  const answered = Object.entries(s.bucket.calls).find(
    ([, r]) => r !== undefined && ('response' in r || r.error.name !== 'AccessDenied'),
  )
  if (answered !== undefined) {
    const [call, r] = answered
    const missing = r !== undefined && 'error' in r && r.error.name === 'NoSuchBucket'
    return known(!missing, {call})
  }
  return unknownFact({
    fact: 'bucket exists',
    call: 'HeadBucket',
    error: head !== undefined && 'error' in head ? describeError(head.error) : 'not recorded in the snapshot',
    permission: permissionFor.HeadBucket,
  })
}

/** Whether the snapshot's listing covers `key`, so that its absence from `objects` means it does not exist. */
function listingCovers(s: AwsSnapshot, key: string): Fact<boolean> {
  const listing = s.bucket.calls.ListObjectsV2
  const gap = (error: string) =>
    unknownFact<boolean>({
      fact: `whether "${key}" exists`,
      call: 'ListObjectsV2',
      error,
      permission: permissionFor.ListObjectsV2,
    })
  if (listing === undefined) return gap('not recorded in the snapshot')
  if ('error' in listing) return gap(describeError(listing.error))
  if (listing.response.Complete && key.startsWith(listing.response.Prefix))
    return known(true, {call: 'ListObjectsV2'})
  return gap(
    `the listing read covers prefix "${listing.response.Prefix}" only${listing.response.Complete ? '' : ', and was not complete'}`,
  )
}

function encryptionOf(head: HeadObjectResponse): ObjectEncryption {
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html#API_HeadObject_ResponseSyntax
  if (head.SSECustomerAlgorithm !== undefined) return {kind: 'sse-c'}
  switch (head.ServerSideEncryption) {
    case 'aws:kms':
      return {kind: 'sse-kms', ...(head.SSEKMSKeyId === undefined ? {} : {kmsKeyId: head.SSEKMSKeyId})}
    case 'aws:kms:dsse':
      return {kind: 'dsse-kms', ...(head.SSEKMSKeyId === undefined ? {} : {kmsKeyId: head.SSEKMSKeyId})}
    case 'AES256':
      return {kind: 'sse-s3'}
    default:
      return {kind: 'none'}
  }
}

const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE'])

/**
 * GLACIER and DEEP_ARCHIVE objects, and Intelligent-Tiering objects in an archive access tier, need a restore before
 * GetObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (GLACIER_IR is read directly).
 */
function archiveOf(
  storageClass: string | undefined,
  restored: boolean | undefined,
  archiveStatus: string | undefined,
): ArchiveState {
  const cls = storageClass ?? 'STANDARD'
  if (ARCHIVE_CLASSES.has(cls) && restored !== true) {
    return {
      archived: true,
      storageClass: cls,
      detail:
        restored === undefined ? `${cls}, no completed restore` : `${cls}, restore in progress or expired`,
    }
  }
  if (
    cls === 'INTELLIGENT_TIERING' &&
    (archiveStatus === 'ARCHIVE_ACCESS' || archiveStatus === 'DEEP_ARCHIVE_ACCESS') &&
    restored !== true
  ) {
    return {archived: true, storageClass: cls, detail: `Intelligent-Tiering ${archiveStatus}`}
  }
  return {archived: false, storageClass: cls, ...(restored === undefined ? {} : {restored})}
}

/** `Restore: ongoing-request="false", expiry-date="…"` means a completed restore (HeadObject). */
function restoredFromHeader(restore: string | undefined): boolean | undefined {
  if (restore === undefined) return undefined
  return /ongoing-request="false"/.test(restore)
}

function objectFacts(s: AwsSnapshot, key: string, defaultEncryption: Fact<ObjectEncryption>): ObjectFacts {
  const calls: ObjectCalls | undefined = Object.hasOwn(s.objects, key) ? s.objects[key] : undefined
  const head = calls?.HeadObject
  const listed = calls?.ListObjectsV2
  const headSrc: SourceRef = {call: 'HeadObject', key}
  const listSrc: SourceRef = {call: 'ListObjectsV2', key}
  const headGap = (fact: string) =>
    unknownFact<never>({
      fact,
      call: 'HeadObject',
      error:
        head !== undefined && 'error' in head ? describeError(head.error) : 'not recorded in the snapshot',
      permission: permissionFor.HeadObject,
    })

  // HeadObject on an SSE-C object without the key headers fails with 400 and no body: that 400 is the evidence.
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
  const headIsSseC =
    head !== undefined &&
    'error' in head &&
    (head.error.httpStatus === 400 || head.error.name === 'BadRequest')
  const headMissing =
    head !== undefined &&
    (('error' in head &&
      (head.error.httpStatus === 404 || head.error.name === 'NotFound' || head.error.name === 'NoSuchKey')) ||
      ('response' in head && head.response.DeleteMarker === true))

  // A HeadObject refused with 403 proves nothing: S3 answers 403 for a missing key too when the caller may not list.
  const headRefused = head !== undefined && 'error' in head && !headMissing && !headIsSseC
  let exists: Fact<boolean>
  if (headMissing || listed === null) exists = known(false, headMissing ? headSrc : listSrc)
  else if (listed !== undefined) exists = known(true, listSrc)
  else if (calls !== undefined && !headRefused) exists = known(true, headSrc)
  else {
    const covered = listingCovers(s, key)
    exists = covered.known
      ? known(false, {call: 'ListObjectsV2'})
      : headRefused
        ? unknownFact({
            fact: `whether "${key}" exists`,
            call: 'HeadObject',
            error: describeError((head as {error: CallError}).error),
            permission: `${permissionFor.ListObjectsV2} (to tell a missing key from a forbidden one) and ${permissionFor.HeadObject}`,
          })
        : covered
  }

  const acl = calls?.GetObjectAcl
  const ownerFromAcl = acl !== undefined && 'response' in acl ? acl.response.Owner?.ID : undefined
  const ownerId: Fact<string> =
    listed !== null && listed?.Owner?.ID !== undefined
      ? known(listed.Owner.ID, listSrc)
      : ownerFromAcl !== undefined
        ? known(ownerFromAcl, {call: 'GetObjectAcl', key})
        : unknownFact({
            fact: `owner of "${key}"`,
            call: 'ListObjectsV2 (FetchOwner) or GetObjectAcl',
            error:
              acl !== undefined && 'error' in acl ? describeError(acl.error) : 'not recorded in the snapshot',
            permission: `${permissionFor.ListObjectsV2} or ${permissionFor.GetObjectAcl}`,
          })

  let archive: Fact<ArchiveState>
  if (head !== undefined && 'response' in head) {
    const h = head.response
    archive = known(archiveOf(h.StorageClass, restoredFromHeader(h.Restore), h.ArchiveStatus), headSrc)
  } else if (listed !== undefined && listed !== null) {
    const rs = listed.RestoreStatus
    const restored =
      rs === undefined ? undefined : rs.IsRestoreInProgress === false && rs.RestoreExpiryDate !== undefined
    // The listing does not report Intelligent-Tiering archive tiers; only HeadObject's ArchiveStatus does.
    archive =
      listed.StorageClass === 'INTELLIGENT_TIERING'
        ? headGap(`archive tier of "${key}"`)
        : known(archiveOf(listed.StorageClass, restored, undefined), listSrc)
  } else archive = headGap(`storage class of "${key}"`)

  let encryption: Fact<ObjectEncryption>
  if (headIsSseC) encryption = known({kind: 'sse-c'}, headSrc)
  else if (head !== undefined && 'response' in head) encryption = known(encryptionOf(head.response), headSrc)
  else if (defaultEncryption.known) {
    encryption = assumed(
      defaultEncryption.value,
      defaultEncryption.source,
      'HeadObject was not read for this object; its encryption is assumed to be the bucket default, which applies to uploads that do not choose another',
    )
  } else encryption = headGap(`encryption of "${key}"`)

  const websiteRedirect: Fact<string | null> =
    head !== undefined && 'response' in head
      ? known(head.response.WebsiteRedirectLocation ?? null, headSrc)
      : assumed(
          null,
          headSrc,
          'HeadObject was not read for this object; no x-amz-website-redirect-location assumed',
        )

  return {
    key,
    exists,
    ownerId,
    acl:
      acl === undefined
        ? unknownFact({
            fact: `ACL of "${key}"`,
            call: 'GetObjectAcl',
            error: 'not recorded in the snapshot',
            permission: permissionFor.GetObjectAcl,
          })
        : fromCall(acl, 'GetObjectAcl', `ACL of "${key}"`, {call: 'GetObjectAcl', key}, (r) =>
            grantsOf(r, 'GetObjectAcl', key),
          ),
    archive,
    encryption,
    websiteRedirect,
  }
}

function defaultEncryptionOf(s: AwsSnapshot): Fact<ObjectEncryption> {
  // Since January 2023 every bucket has default encryption (SSE-S3 at least):
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
  return fromCall(
    s.bucket.calls.GetBucketEncryption,
    'GetBucketEncryption',
    'default encryption',
    {call: 'GetBucketEncryption'},
    (r): ObjectEncryption => {
      const d = r.ServerSideEncryptionConfiguration.Rules[0]?.ApplyServerSideEncryptionByDefault
      if (d === undefined) return {kind: 'sse-s3'}
      if (d.SSEAlgorithm === 'aws:kms')
        return {kind: 'sse-kms', ...(d.KMSMasterKeyID === undefined ? {} : {kmsKeyId: d.KMSMasterKeyID})}
      if (d.SSEAlgorithm === 'aws:kms:dsse')
        return {kind: 'dsse-kms', ...(d.KMSMasterKeyID === undefined ? {} : {kmsKeyId: d.KMSMasterKeyID})}
      return {kind: 'sse-s3'}
    },
    {ServerSideEncryptionConfigurationNotFoundError: {kind: 'sse-s3'}},
  )
}

function kmsKeyFacts(s: AwsSnapshot, keyId: string): KmsKeyFacts {
  const entry = Object.hasOwn(s.kmsKeys, keyId) ? s.kmsKeys[keyId] : undefined
  return {
    managedByAws: fromCall(
      entry?.DescribeKey,
      'DescribeKey',
      `KMS key ${keyId}`,
      {call: 'KMS:DescribeKey', key: keyId},
      (r) => r.KeyMetadata.KeyManager === 'AWS',
    ),
    policy: fromCall(
      entry?.GetKeyPolicy,
      'GetKeyPolicy',
      `key policy of ${keyId}`,
      {call: 'KMS:GetKeyPolicy', key: keyId},
      (r) => policyState(r.Policy),
    ),
  }
}

/** Normalises a snapshot. Object facts are built per key on demand and cached only for keys the snapshot holds. */
export function normalizeAws(snapshot: AwsSnapshot): AwsFacts {
  const bucket = bucketFacts(snapshot)
  const defaultEncryption = defaultEncryptionOf(snapshot)
  const keys = Object.keys(snapshot.objects).sort()
  const base: Omit<AwsFacts, 'withObjectCalls'> = {
    bucket,
    keys,
    object: (key) => objectFacts(snapshot, key, defaultEncryption),
    kmsKey: (keyId) => kmsKeyFacts(snapshot, keyId),
    vpcEndpointPolicy: (vpce) => {
      const entry = Object.hasOwn(snapshot.vpcEndpoints, vpce) ? snapshot.vpcEndpoints[vpce] : undefined
      return fromCall(
        entry?.PolicyDocument,
        'DescribeVpcEndpoints',
        `policy of VPC endpoint ${vpce}`,
        {call: 'EC2:DescribeVpcEndpoints', key: vpce},
        (r) => policyState(r.PolicyDocument),
      )
    },
  }
  const withObjectCalls = (
    from: Omit<AwsFacts, 'withObjectCalls'>,
    key: string,
    calls: ObjectCalls,
  ): AwsFacts => {
    const overlaid = {
      ...from,
      object: (k: string) =>
        k === key
          ? objectFacts({...snapshot, objects: {[key]: calls}}, key, defaultEncryption)
          : from.object(k),
    }
    return {...overlaid, withObjectCalls: (k, c) => withObjectCalls(overlaid, k, c)}
  }
  return {...base, withObjectCalls: (key, calls) => withObjectCalls(base, key, calls)}
}

export type {PolicyDocument}
