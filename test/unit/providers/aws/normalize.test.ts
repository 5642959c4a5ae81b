import {describe, expect, it} from 'vitest'

import {normalizeAws} from '../../../../src/providers/aws/normalize.js'
import {AwsSnapshotSchema, type AwsSnapshot} from '../../../../src/providers/aws/snapshot.js'

function snap(calls: Record<string, unknown>, extra: Record<string, unknown> = {}): AwsSnapshot {
  return AwsSnapshotSchema.parse({
    schemaVersion: 1,
    provider: 'aws',
    bucket: {name: 'my-bucket', calls},
    ...extra,
  })
}
const denied = {error: {name: 'AccessDenied', httpStatus: 403, message: 'Access Denied'}}

describe('normalizeAws: a recorded call becomes a fact, a "not configured" value, or a gap naming the permission', () => {
  it.each([
    {
      name: 'NoSuchBucketPolicy means no policy (a fact, not a gap)',
      calls: {GetBucketPolicy: {error: {name: 'NoSuchBucketPolicy', httpStatus: 404}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.policy,
      expected: {known: true, value: {kind: 'none'}},
    },
    {
      name: 'AccessDenied on GetBucketPolicy is a gap naming s3:GetBucketPolicy, never "no policy"',
      calls: {GetBucketPolicy: denied},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.policy,
      expected: {known: false, gap: {permission: 's3:GetBucketPolicy', call: 'GetBucketPolicy'}},
    },
    {
      name: '405 on GetBucketPolicy says the caller is outside the owner account',
      calls: {GetBucketPolicy: {error: {name: 'MethodNotAllowed', httpStatus: 405}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.policy,
      expected: {known: false, gap: {error: expect.stringContaining('outside the bucket owner account')}},
    },
    {
      name: 'a call the snapshot does not hold is a gap, not a default',
      calls: {},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.bpaBucket,
      expected: {
        known: false,
        gap: {error: 'not recorded in the snapshot', permission: 's3:GetBucketPublicAccessBlock'},
      },
    },
    {
      name: 'NoSuchPublicAccessBlockConfiguration means all four flags off',
      calls: {GetPublicAccessBlock: {error: {name: 'NoSuchPublicAccessBlockConfiguration', httpStatus: 404}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.bpaBucket,
      expected: {
        known: true,
        value: {
          BlockPublicAcls: false,
          IgnorePublicAcls: false,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      },
    },
    {
      name: 'a partial BPA configuration leaves the missing flags off',
      calls: {
        GetPublicAccessBlock: {response: {PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}}},
      },
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.bpaBucket,
      expected: {
        known: true,
        value: expect.objectContaining({RestrictPublicBuckets: true, IgnorePublicAcls: false}),
      },
    },
    {
      name: 'OwnershipControlsNotFoundError means no ownership rule (ACLs enabled)',
      calls: {GetBucketOwnershipControls: {error: {name: 'OwnershipControlsNotFoundError', httpStatus: 404}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.ownership,
      expected: {known: true, value: null},
    },
    {
      name: 'Payer Requester means Requester Pays',
      calls: {GetBucketRequestPayment: {response: {Payer: 'Requester'}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.requesterPays,
      expected: {known: true, value: true},
    },
    {
      name: 'HeadBucket NotFound means the bucket does not exist',
      calls: {HeadBucket: {error: {name: 'NotFound', httpStatus: 404}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.exists,
      expected: {known: true, value: false},
    },
    {
      name: 'a bucket that answered any call exists even without HeadBucket',
      calls: {GetBucketPolicy: {error: {name: 'NoSuchBucketPolicy', httpStatus: 404}}},
      pick: (f: ReturnType<typeof normalizeAws>) => f.bucket.exists,
      expected: {known: true, value: true},
    },
  ])('$name', ({calls, pick, expected}) => {
    expect(pick(normalizeAws(snap(calls)))).toMatchObject(expected)
  })
})

describe('normalizeAws: object facts', () => {
  const listing = {ListObjectsV2: {response: {Prefix: 'site/', Complete: true}}}
  it.each([
    {
      name: 'a listed key exists',
      key: 'site/a.html',
      objects: {'site/a.html': {ListObjectsV2: {Key: 'site/a.html'}}},
      exists: true,
    },
    {
      name: 'an unlisted key under a completely listed prefix does not exist',
      key: 'site/b.html',
      objects: {},
      exists: false,
    },
    {
      name: 'an unlisted key outside the listed prefix is unknown',
      key: 'other/b.html',
      objects: {},
      exists: undefined,
    },
    {
      name: 'HeadObject 404 means missing',
      key: 'x',
      objects: {x: {HeadObject: {error: {name: 'NotFound', httpStatus: 404}}}},
      exists: false,
    },
    {
      name: 'a delete marker reads as missing',
      key: 'x',
      objects: {x: {HeadObject: {response: {DeleteMarker: true}}}},
      exists: false,
    },
  ])('$name', ({key, objects, exists}) => {
    const f = normalizeAws(snap(listing, {objects})).object(key).exists
    expect(f.known ? f.value : undefined).toBe(exists)
  })

  it.each([
    {
      name: 'HeadObject aws:kms is SSE-KMS with its key',
      head: {
        response: {ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k'},
      },
      kind: 'sse-kms',
    },
    {
      name: 'HeadObject 400 with no body is the evidence of SSE-C',
      head: {error: {name: 'BadRequest', httpStatus: 400}},
      kind: 'sse-c',
    },
    {name: 'HeadObject AES256 is SSE-S3', head: {response: {ServerSideEncryption: 'AES256'}}, kind: 'sse-s3'},
  ])('$name', ({head, kind}) => {
    const f = normalizeAws(snap({}, {objects: {k: {HeadObject: head}}})).object('k').encryption
    expect(f.known && f.value.kind).toBe(kind)
  })

  it('without HeadObject, encryption is assumed from the bucket default and says so', () => {
    const s = snap(
      {
        GetBucketEncryption: {
          response: {
            ServerSideEncryptionConfiguration: {
              Rules: [{ApplyServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms'}}],
            },
          },
        },
      },
      {objects: {k: {ListObjectsV2: {Key: 'k'}}}},
    )
    const f = normalizeAws(s).object('k').encryption
    expect(f).toMatchObject({
      known: true,
      value: {kind: 'sse-kms'},
      assumed: expect.stringContaining('bucket default'),
    })
  })

  it.each([
    {name: 'GLACIER without a restore is archived', entry: {StorageClass: 'GLACIER'}, archived: true},
    {
      name: 'GLACIER with a completed restore is readable',
      entry: {
        StorageClass: 'GLACIER',
        RestoreStatus: {IsRestoreInProgress: false, RestoreExpiryDate: '2026-12-01T00:00:00Z'},
      },
      archived: false,
    },
    {name: 'GLACIER_IR is read directly', entry: {StorageClass: 'GLACIER_IR'}, archived: false},
    {
      name: 'DEEP_ARCHIVE with a restore in progress is archived',
      entry: {StorageClass: 'DEEP_ARCHIVE', RestoreStatus: {IsRestoreInProgress: true}},
      archived: true,
    },
  ])('$name', ({entry, archived}) => {
    const f = normalizeAws(snap({}, {objects: {k: {ListObjectsV2: {Key: 'k', ...entry}}}})).object(
      'k',
    ).archive
    expect(f.known && f.value.archived).toBe(archived)
  })
})

describe('normalizeAws: what proves an object exists or not', () => {
  it.each([
    {
      name: 'a HeadObject refused with 403 proves nothing: the key may be missing and unlistable',
      calls: {HeadObject: {error: {name: 'Forbidden', httpStatus: 403}}},
      want: 'unknown: s3:ListBucket (to tell a missing key from a forbidden one) and s3:GetObject',
    },
    {
      name: 'a listing with the key as prefix that did not return it proves it is missing',
      calls: {ListObjectsV2: null, HeadObject: {error: {name: 'Forbidden', httpStatus: 403}}},
      want: 'false',
    },
    {
      name: 'a HeadObject answer proves it exists',
      calls: {HeadObject: {response: {ServerSideEncryption: 'AES256'}}},
      want: 'true',
    },
  ])('$name', ({calls, want}) => {
    const f = normalizeAws(snap({}, {objects: {k: calls}})).object('k').exists
    expect(f.known ? String(f.value) : `unknown: ${f.gap.permission}`).toBe(want)
  })
})
