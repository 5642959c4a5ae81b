/**
 * The facts the S3 evaluator decides from, normalised from a snapshot. Every fact is known, assumed from a
 * documented default, or a gap naming the call and the permission (src/model/fact.ts).
 */
import type {SourceRef} from '../../model/decision.js'
import type {Fact} from '../../model/fact.js'
import type {PolicyDocument, PolicyProblem} from './policy/types.js'
import type {ObjectCalls} from './snapshot.js'

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter'

/** The four Block Public Access flags at one level. Absent configuration = all false. */
export interface BpaFlags {
  readonly BlockPublicAcls: boolean
  readonly IgnorePublicAcls: boolean
  readonly BlockPublicPolicy: boolean
  readonly RestrictPublicBuckets: boolean
}

/** The bucket policy: none, one S3 would accept, or one it would reject (only possible in hand-edited snapshots). */
export type PolicyState =
  | {readonly kind: 'none'}
  | {readonly kind: 'valid'; readonly document: PolicyDocument}
  | {readonly kind: 'invalid'; readonly problems: readonly PolicyProblem[]}

/** An ACL grant, reduced to who and what, with its place in the ACL for quoting. */
export interface Grant {
  readonly grantee:
    | {readonly kind: 'all-users'}
    | {readonly kind: 'authenticated-users'}
    | {readonly kind: 'log-delivery'}
    | {readonly kind: 'canonical'; readonly id: string}
    | {readonly kind: 'email'; readonly email: string}
  readonly permission: 'FULL_CONTROL' | 'READ' | 'READ_ACP' | 'WRITE' | 'WRITE_ACP'
  readonly source: SourceRef
  readonly raw: unknown
}

export interface WebsiteRoutingRule {
  readonly keyPrefixEquals?: string
  readonly httpErrorCodeReturnedEquals?: string
  readonly redirect: {
    readonly hostName?: string
    readonly protocol?: 'http' | 'https'
    readonly replaceKeyPrefixWith?: string
    readonly replaceKeyWith?: string
    readonly httpRedirectCode?: string
  }
  readonly index: number
}

export interface WebsiteConfig {
  readonly indexSuffix?: string
  readonly errorDocumentKey?: string
  readonly redirectAllRequestsTo?: {readonly hostName: string; readonly protocol?: 'http' | 'https'}
  readonly routingRules: readonly WebsiteRoutingRule[]
}

/** How an object is encrypted at rest, as HeadObject reports it. */
export type ObjectEncryption =
  | {readonly kind: 'none'}
  | {readonly kind: 'sse-s3'}
  | {readonly kind: 'sse-kms' | 'dsse-kms'; readonly kmsKeyId?: string}
  | {readonly kind: 'sse-c'}

/** Whether the object's bytes are in an archive tier that GetObject cannot read without a restore. */
export type ArchiveState =
  | {readonly archived: false; readonly storageClass: string; readonly restored?: boolean}
  | {readonly archived: true; readonly storageClass: string; readonly detail: string}

/** What the snapshot says about the KMS key of an SSE-KMS object (named principals only). */
export interface KmsKeyFacts {
  readonly managedByAws: Fact<boolean>
  readonly policy: Fact<PolicyState>
}

export interface ObjectFacts {
  readonly key: string
  readonly exists: Fact<boolean>
  /** Canonical user id of the object owner. */
  readonly ownerId: Fact<string>
  readonly acl: Fact<readonly Grant[]>
  readonly archive: Fact<ArchiveState>
  readonly encryption: Fact<ObjectEncryption>
  /** x-amz-website-redirect-location, which the website endpoint turns into a 301. */
  readonly websiteRedirect: Fact<string | null>
}

export interface BucketFacts {
  readonly name: string
  readonly region: string | undefined
  readonly exists: Fact<boolean>
  /** 12-digit account id of the bucket owner (for `arn:aws:iam::ACCOUNT:root` principals). */
  readonly accountId: Fact<string>
  /** Canonical user id of the bucket owner (to compare with object owners). */
  readonly ownerId: Fact<string>
  readonly policy: Fact<PolicyState>
  /** AWS's own verdict (GetBucketPolicyStatus.IsPublic), held against why403's classifier. */
  readonly policyIsPublicByAws: Fact<boolean | null>
  readonly bpaBucket: Fact<BpaFlags>
  readonly bpaAccount: Fact<BpaFlags>
  readonly ownership: Fact<ObjectOwnership | null>
  readonly acl: Fact<readonly Grant[]>
  readonly requesterPays: Fact<boolean>
  readonly website: Fact<WebsiteConfig | null>
  /** Resource control policies of the owner's organisation; `null` when the snapshot did not try to read them. */
  readonly rcps: Fact<readonly PolicyDocument[]> | null
}

/** All facts of one snapshot, with per-object facts looked up on demand (a scan never builds them all at once). */
export interface AwsFacts {
  readonly bucket: BucketFacts
  object(key: string): ObjectFacts
  kmsKey(keyId: string): KmsKeyFacts
  /** The VPC endpoint's policy; a gap when the snapshot has none for that endpoint. */
  vpcEndpointPolicy(vpce: string): Fact<PolicyState>
  /** Object keys the snapshot knows, sorted. */
  readonly keys: readonly string[]
  /** The same facts, with one object's facts read elsewhere (a scan's listing entry). Cheap: nothing is re-parsed. */
  withObjectCalls(key: string, calls: ObjectCalls): AwsFacts
}
