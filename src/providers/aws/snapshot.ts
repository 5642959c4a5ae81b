/**
 * The AWS snapshot: what S3, S3 Control and friends answered, per API call, as the SDK returns it, errors included.
 * A live run writes it (`why403 snapshot`); every command reads it (`--snapshot FILE`); people edit it for what-ifs.
 *
 * Each call is recorded as `{"response": <SDK output without $metadata>}` or `{"error": {name, httpStatus, message}}`.
 * A call that was not made is simply absent. Response bodies are kept loose (the SDK adds fields over time);
 * the envelope is strict so that a typo in a hand-written snapshot is an error, not a silently ignored fact.
 */
import {z} from 'zod'

/** The error an SDK call ended with: `name` is the S3 error code (AccessDenied, NoSuchBucketPolicy, …). */
export const CallErrorSchema = z.strictObject({
  name: z.string().min(1),
  httpStatus: z.number().int().optional(),
  message: z.string().optional(),
})
export type CallError = z.infer<typeof CallErrorSchema>

/** One recorded call: its response or its error, never both. */
function call<T extends z.ZodType>(response: T) {
  return z.union([z.strictObject({response}), z.strictObject({error: CallErrorSchema})])
}
export type CallResult<T> = {readonly response: T} | {readonly error: CallError}

const Owner = z.looseObject({ID: z.string().optional(), DisplayName: z.string().optional()})

const Grant = z.looseObject({
  Grantee: z.looseObject({
    Type: z.enum(['CanonicalUser', 'AmazonCustomerByEmail', 'Group']),
    ID: z.string().optional(),
    URI: z.string().optional(),
    DisplayName: z.string().optional(),
    EmailAddress: z.string().optional(),
  }),
  Permission: z.enum(['FULL_CONTROL', 'READ', 'READ_ACP', 'WRITE', 'WRITE_ACP']),
})
export type AclGrant = z.infer<typeof Grant>

const Acl = z.looseObject({Owner: Owner.optional(), Grants: z.array(Grant).default([])})
export type AclResponse = z.infer<typeof Acl>

const PublicAccessBlock = z.looseObject({
  PublicAccessBlockConfiguration: z.looseObject({
    BlockPublicAcls: z.boolean().optional(),
    IgnorePublicAcls: z.boolean().optional(),
    BlockPublicPolicy: z.boolean().optional(),
    RestrictPublicBuckets: z.boolean().optional(),
  }),
})

const ObjectOwnership = z.enum(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'])

const Website = z.looseObject({
  IndexDocument: z.looseObject({Suffix: z.string().min(1)}).optional(),
  ErrorDocument: z.looseObject({Key: z.string().min(1)}).optional(),
  RedirectAllRequestsTo: z
    .looseObject({HostName: z.string(), Protocol: z.enum(['http', 'https']).optional()})
    .optional(),
  RoutingRules: z
    .array(
      z.looseObject({
        Condition: z
          .looseObject({
            KeyPrefixEquals: z.string().optional(),
            HttpErrorCodeReturnedEquals: z.string().optional(),
          })
          .optional(),
        Redirect: z.looseObject({
          HostName: z.string().optional(),
          Protocol: z.enum(['http', 'https']).optional(),
          ReplaceKeyPrefixWith: z.string().optional(),
          ReplaceKeyWith: z.string().optional(),
          HttpRedirectCode: z.string().optional(),
        }),
      }),
    )
    .optional(),
})
export type WebsiteConfiguration = z.infer<typeof Website>

const Encryption = z.looseObject({
  ServerSideEncryptionConfiguration: z.looseObject({
    Rules: z.array(
      z.looseObject({
        ApplyServerSideEncryptionByDefault: z
          .looseObject({SSEAlgorithm: z.string(), KMSMasterKeyID: z.string().optional()})
          .optional(),
        BucketKeyEnabled: z.boolean().optional(),
      }),
    ),
  }),
})

/** Calls about the bucket (S3 API). */
const BucketCalls = z.strictObject({
  HeadBucket: call(z.looseObject({BucketRegion: z.string().optional()})).optional(),
  GetBucketPolicy: call(z.looseObject({Policy: z.string()})).optional(),
  GetBucketPolicyStatus: call(
    z.looseObject({PolicyStatus: z.looseObject({IsPublic: z.boolean().optional()})}),
  ).optional(),
  GetPublicAccessBlock: call(PublicAccessBlock).optional(),
  GetBucketOwnershipControls: call(
    z.looseObject({OwnershipControls: z.looseObject({Rules: z.array(z.looseObject({ObjectOwnership}))})}),
  ).optional(),
  GetBucketAcl: call(Acl).optional(),
  GetBucketEncryption: call(Encryption).optional(),
  GetBucketRequestPayment: call(
    z.looseObject({Payer: z.enum(['Requester', 'BucketOwner']).optional()}),
  ).optional(),
  GetBucketWebsite: call(Website).optional(),
  /**
   * Not a single SDK call: whether the ListObjectsV2 pages under `Prefix` were all read. When they were, a key under
   * that prefix that is not in `objects` does not exist.
   */
  ListObjectsV2: call(z.strictObject({Prefix: z.string(), Complete: z.boolean()})).optional(),
})

/** An entry of a ListObjectsV2 page (FetchOwner=true, OptionalObjectAttributes=["RestoreStatus"]). */
const ListedObject = z.looseObject({
  Key: z.string().optional(),
  Size: z.number().optional(),
  StorageClass: z.string().optional(),
  Owner: Owner.optional(),
  RestoreStatus: z
    .looseObject({IsRestoreInProgress: z.boolean().optional(), RestoreExpiryDate: z.string().optional()})
    .optional(),
})

const HeadObject = z.looseObject({
  ServerSideEncryption: z.string().optional(),
  SSEKMSKeyId: z.string().optional(),
  SSECustomerAlgorithm: z.string().optional(),
  StorageClass: z.string().optional(),
  Restore: z.string().optional(),
  ArchiveStatus: z.string().optional(),
  WebsiteRedirectLocation: z.string().optional(),
  DeleteMarker: z.boolean().optional(),
})
export type HeadObjectResponse = z.infer<typeof HeadObject>

/** What was read about one object key. */
const ObjectCalls = z.strictObject({
  /**
   * The object's entry in the bucket listing: present = the object exists; null = a listing with the key as prefix
   * did not return it, so the object does not exist.
   */
  ListObjectsV2: ListedObject.nullable().optional(),
  HeadObject: call(HeadObject).optional(),
  GetObjectAcl: call(Acl).optional(),
})
export type ObjectCalls = z.infer<typeof ObjectCalls>

const PolicyText = z.looseObject({Policy: z.string()})

export const AwsSnapshotSchema = z.strictObject({
  /** Snapshot format version; bumped on any incompatible change. */
  schemaVersion: z.literal(1),
  provider: z.literal('aws'),
  capturedAt: z.string().optional(),
  /** The tool and version that wrote the file, and anything a reader should know (e.g. "hand-written example"). */
  source: z.string().optional(),
  description: z.string().optional(),
  /** The account that owns the bucket, from STS GetCallerIdentity or --account-id. */
  account: z
    .strictObject({
      id: z
        .string()
        .regex(/^\d{12}$/, 'a 12-digit AWS account id')
        .optional(),
      GetCallerIdentity: call(
        z.looseObject({Account: z.string().optional(), Arn: z.string().optional()}),
      ).optional(),
      /** S3 Control GetPublicAccessBlock for the account: the effective account-level Block Public Access. */
      GetPublicAccessBlock: call(PublicAccessBlock).optional(),
    })
    .default({}),
  /** Organisations resource control policies that apply to the bucket owner's account. */
  organization: z
    .strictObject({
      ResourceControlPolicies: call(
        z.strictObject({Policies: z.array(z.strictObject({Id: z.string(), Content: z.string()}))}),
      ),
    })
    .optional(),
  bucket: z.strictObject({
    name: z.string().min(3).max(63),
    region: z.string().optional(),
    calls: BucketCalls,
  }),
  /** Per-key facts, keyed by the exact object key. */
  objects: z.record(z.string(), ObjectCalls).default({}),
  /** KMS keys the objects use, for named principals such as CloudFront OAC (keyed by key ARN or id). */
  kmsKeys: z
    .record(
      z.string(),
      z.strictObject({
        DescribeKey: call(
          z.looseObject({KeyMetadata: z.looseObject({KeyManager: z.enum(['AWS', 'CUSTOMER']).optional()})}),
        ).optional(),
        GetKeyPolicy: call(PolicyText).optional(),
      }),
    )
    .default({}),
  /** VPC endpoint policies of the requester's endpoints, keyed by vpce id. */
  vpcEndpoints: z
    .record(z.string(), z.strictObject({PolicyDocument: call(z.looseObject({PolicyDocument: z.string()}))}))
    .default({}),
})

export type AwsSnapshot = z.infer<typeof AwsSnapshotSchema>
export type BucketCalls = AwsSnapshot['bucket']['calls']
