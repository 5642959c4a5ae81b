/**
 * npm run bench:live — a live scan against LocalStack: keys per second and API calls per key for a bucket of
 * BENCH_LIVE_KEYS keys (default 100,000), once with ACLs disabled (BucketOwnerEnforced: no per-key call) and once
 * with ACLs enabled (one GetObjectAcl per key). Seeds the two buckets on first use. Needs a running LocalStack
 * (scripts/emulators/localstack.sh start); never part of npm test.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {performance} from 'node:perf_hooks'

import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  HeadObjectCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import pLimit from 'p-limit'

import {seedingClients} from '../localstack/seed.js'
import {makeAwsClients} from '../src/providers/aws/clients.js'
import {fetchBucketFacts} from '../src/providers/aws/fetch.js'
import {listingKeySource} from '../src/providers/aws/listingSource.js'
import {prepareAws} from '../src/providers/aws/prepare.js'
import {runScan} from '../src/scan/run.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const endpoint = process.env.LOCALSTACK_ENDPOINT ?? 'http://127.0.0.1:4566'
const N = Number(process.env.BENCH_LIVE_KEYS ?? 100_000)
const seed = seedingClients(endpoint).s3

async function ensureBucket(
  bucket: string,
  ownership: 'BucketOwnerEnforced' | 'ObjectWriter',
): Promise<void> {
  const marker = `zz-marker-${N}`
  const exists = await seed.send(new HeadObjectCommand({Bucket: bucket, Key: marker})).then(
    () => true,
    () => false,
  )
  if (exists) return
  await seed.send(new CreateBucketCommand({Bucket: bucket})).catch(() => undefined)
  await seed.send(new DeletePublicAccessBlockCommand({Bucket: bucket}))
  await seed.send(
    new PutBucketOwnershipControlsCommand({
      Bucket: bucket,
      OwnershipControls: {Rules: [{ObjectOwnership: ownership}]},
    }),
  )
  await seed.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`},
        ],
      }),
    }),
  )
  const limit = pLimit(32)
  const start = performance.now()
  await Promise.all(
    Array.from({length: N}, (_, i) =>
      limit(() =>
        seed.send(new PutObjectCommand({Bucket: bucket, Key: `site/${i % 100}/page-${i}.html`, Body: 'x'})),
      ),
    ),
  )
  await seed.send(new PutObjectCommand({Bucket: bucket, Key: marker, Body: 'x'}))
  console.log(`seeded ${bucket} with ${N} keys in ${((performance.now() - start) / 1000).toFixed(1)} s`)
}

async function scan(bucket: string) {
  const clients = makeAwsClients({
    endpointUrl: endpoint,
    credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
    region: 'us-east-1',
  })
  const start = performance.now()
  const facts = await fetchBucketFacts(clients, bucket)
  const prepared = prepareAws(facts, {
    principal: {kind: 'anonymous'},
    method: 'GET',
    endpoint: 'rest',
    context: {secureTransport: true},
  })
  const report = await runScan({
    source: listingKeySource(clients, facts, 'site/'),
    decide: (k) => prepared.decide(k.key, k.calls),
    apiCalls: () => clients.log.perCommand(),
  })
  const seconds = (performance.now() - start) / 1000
  clients.destroy()
  const calls = Object.values(report.totals.apiCalls).reduce((a, b) => a + b, 0)
  return {
    keys: report.totals.keys,
    seconds: Number(seconds.toFixed(1)),
    keysPerSecond: Math.round(report.totals.keys / seconds),
    apiCalls: report.totals.apiCalls,
    apiCallsPerKey: Number((calls / report.totals.keys).toFixed(4)),
    heapMiB: Number((process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)),
  }
}

await ensureBucket('bench-acls-disabled', 'BucketOwnerEnforced')
await ensureBucket('bench-acls-enabled', 'ObjectWriter')
const results = {
  date: new Date().toISOString(),
  endpoint,
  keys: N,
  aclsDisabled: await scan('bench-acls-disabled'),
  aclsEnabled: await scan('bench-acls-enabled'),
}
for (const [name, r] of [
  ['ACLs disabled', results.aclsDisabled],
  ['ACLs enabled', results.aclsEnabled],
] as const) {
  console.log(
    `${name.padEnd(14)} ${r.keys.toLocaleString('en')} keys in ${r.seconds} s: ${r.keysPerSecond.toLocaleString('en')} keys/s, ${r.apiCallsPerKey} API calls per key ${JSON.stringify(r.apiCalls)}`,
  )
}
await mkdir(new URL('./results/', import.meta.url), {recursive: true})
await writeFile(new URL('./results/live.json', import.meta.url), JSON.stringify(results, null, 2) + '\n')
