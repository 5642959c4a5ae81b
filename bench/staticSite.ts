/**
 * The benchmark's workload: a typical static-site bucket (public read on everything, deny plain HTTP, deny a
 * private folder), and a stream of realistic keys with their listing entries, as a live scan would see them.
 */
import type {AwsSnapshot, ObjectCalls} from '../src/providers/aws/snapshot.js'

export const BUCKET = 'www-example-site'
export const OWNER_ID = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'

export const policy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    },
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      Condition: {Bool: {'aws:SecureTransport': 'false'}},
    },
    {
      Sid: 'DenyDrafts',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/drafts/*`,
    },
  ],
}

export const snapshot: AwsSnapshot = {
  schemaVersion: 1,
  provider: 'aws',
  source: 'bench',
  account: {
    id: '111122223333',
    GetPublicAccessBlock: {error: {name: 'NoSuchPublicAccessBlockConfiguration', httpStatus: 404}},
  },
  bucket: {
    name: BUCKET,
    region: 'eu-west-1',
    calls: {
      HeadBucket: {response: {BucketRegion: 'eu-west-1'}},
      GetBucketPolicy: {response: {Policy: JSON.stringify(policy)}},
      GetPublicAccessBlock: {error: {name: 'NoSuchPublicAccessBlockConfiguration', httpStatus: 404}},
      GetBucketOwnershipControls: {
        response: {OwnershipControls: {Rules: [{ObjectOwnership: 'BucketOwnerEnforced'}]}},
      },
      GetBucketAcl: {
        response: {
          Owner: {ID: OWNER_ID},
          Grants: [{Grantee: {Type: 'CanonicalUser', ID: OWNER_ID}, Permission: 'FULL_CONTROL'}],
        },
      },
      GetBucketEncryption: {
        response: {
          ServerSideEncryptionConfiguration: {
            Rules: [{ApplyServerSideEncryptionByDefault: {SSEAlgorithm: 'AES256'}}],
          },
        },
      },
      GetBucketRequestPayment: {response: {Payer: 'BucketOwner'}},
      ListObjectsV2: {response: {Prefix: '', Complete: true}},
    },
  },
  objects: {},
  kmsKeys: {},
  vpcEndpoints: {},
}

const folders = [
  'assets/js/',
  'assets/css/',
  'assets/img/',
  'blog/2025/',
  'blog/2026/',
  'docs/',
  'drafts/',
  'Assets/Legacy/',
]
const suffixes = ['.js', '.css', '.png', '/index.html', '.html', '.md', '.html', '.JPG']

/** The i-th key and its listing entry; deterministic, so every run decides the same keys. */
export function keyAt(i: number): {key: string; calls: ObjectCalls} {
  const f = i % folders.length
  const key = `${folders[f]}${(i * 2654435761) % 1_000_003}-${i}${suffixes[f]}`
  return {key, calls: {ListObjectsV2: {Key: key, Size: 1024 + (i % 4096), StorageClass: 'STANDARD'}}}
}
