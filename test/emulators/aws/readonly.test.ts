/** The adapter only reads: every request it sends is recorded, and anything but a read is refused before it leaves. */
import {PutObjectCommand} from '@aws-sdk/client-s3'
import {describe, expect, inject, it} from 'vitest'

import {makeAwsClients} from '../../../src/providers/aws/clients.js'
import {fetchBucketSnapshot, fetchObjects} from '../../../src/providers/aws/fetch.js'
import {listingKeySource} from '../../../src/providers/aws/listingSource.js'
import {AwsSnapshotSchema} from '../../../src/providers/aws/snapshot.js'

const credentials = {accessKeyId: 'test', secretAccessKey: 'test'}

describe('read-only adapter against LocalStack', () => {
  it('sends only GET and HEAD to S3 (and the STS read) while reading every fact', async () => {
    const clients = makeAwsClients({
      endpointUrl: inject('localstackEndpoint'),
      credentials,
      recordRequests: true,
      region: 'us-east-1',
    })
    const snapshot = await fetchBucketSnapshot(clients, 'g-public-acl')
    await fetchObjects(clients, snapshot, ['index.html', 'missing.html'])
    for await (const k of listingKeySource(clients, snapshot, '').keys()) expect(k.key).toBe('index.html')
    clients.destroy()
    const requests = clients.log.requests
    expect(requests.length).toBeGreaterThan(10)
    const writes = requests.filter(
      (r) =>
        !(
          r.method === 'GET' ||
          r.method === 'HEAD' ||
          (r.service === 'sts' && r.command === 'GetCallerIdentity')
        ),
    )
    expect(writes).toEqual([])
    expect(AwsSnapshotSchema.safeParse(snapshot).success).toBe(true)
  })

  it('records AccessDenied-style and not-configured answers as errors, not as facts', async () => {
    const clients = makeAwsClients({
      endpointUrl: inject('localstackEndpoint'),
      credentials,
      region: 'us-east-1',
    })
    const snapshot = await fetchBucketSnapshot(clients, 'g-missing')
    clients.destroy()
    expect(snapshot.bucket.calls.GetBucketWebsite).toMatchObject({
      error: {name: 'NoSuchWebsiteConfiguration', httpStatus: 404},
    })
    // LocalStack does not implement GetBucketPolicyStatus: recorded as the error it is, a gap if ever needed.
    expect(snapshot.bucket.calls.GetBucketPolicyStatus).toMatchObject({error: {httpStatus: 501}})
  })

  it('refuses a write before it is sent', async () => {
    const clients = makeAwsClients({
      endpointUrl: inject('localstackEndpoint'),
      credentials,
      recordRequests: true,
      region: 'us-east-1',
    })
    await expect(
      clients.s3.send(new PutObjectCommand({Bucket: 'g-missing', Key: 'x', Body: 'x'})),
    ).rejects.toThrow(/refused to send PutObject/)
    expect(clients.log.requests).toEqual([])
    clients.destroy()
  })
})
