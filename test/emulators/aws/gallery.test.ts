/**
 * The live path end to end against LocalStack: for every gallery bucket, `explain` through the read-only adapter
 * gives the decision S3's documented rules give for that configuration, and `snapshot` then `--snapshot` gives the
 * identical decision offline. (LocalStack stores these configurations but enforces none of them for anonymous
 * requests; what is compared here is why403's reading and reasoning, not LocalStack's answers.)
 */
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCommand} from '@oclif/test'
import {beforeAll, describe, expect, inject, it} from 'vitest'

import {BPA_ACCOUNT} from '../../../localstack/seed.js'

const root = new URL('../../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'why403-gallery-'))

interface Row {
  name: string
  target: string
  flags?: string[]
  account?: string
  status: number
  reasons: string[]
}

// Each expectation is the one the offline scenario table (test/cases/aws) pins for the same configuration.
const rows: Row[] = [
  {
    name: 'a public policy grants the object',
    target: 's3://g-public-policy/index.html',
    status: 200,
    reasons: ['ALLOWED_BY_POLICY'],
  },
  {
    name: 'deny-insecure-transport refuses plain HTTP',
    target: 's3://g-deny-insecure/index.html',
    flags: ['--insecure'],
    status: 403,
    reasons: ['EXPLICIT_DENY'],
  },
  {
    name: 'deny-insecure-transport blocks the website endpoint',
    target: 's3://g-deny-insecure/',
    flags: ['--endpoint', 'website'],
    status: 403,
    reasons: ['WEBSITE_HTTP_ONLY', 'EXPLICIT_DENY'],
  },
  {
    name: 'a Referer condition refuses a request without Referer',
    target: 's3://g-referer/img/logo.png',
    status: 403,
    reasons: ['CONDITION_NOT_MET'],
  },
  {
    name: 'a Referer condition allows the site',
    target: 's3://g-referer/img/logo.png',
    flags: ['--referer', 'https://www.example.com/p'],
    status: 200,
    reasons: ['ALLOWED_BY_POLICY'],
  },
  {
    name: 'bucket-level RestrictPublicBuckets ignores the public policy',
    target: 's3://g-bpa-bucket/index.html',
    status: 403,
    reasons: ['BPA_RESTRICT_PUBLIC_BUCKETS@bucket'],
  },
  {
    name: 'account-level RestrictPublicBuckets ignores the public policy',
    target: 's3://g-bpa-account/index.html',
    account: BPA_ACCOUNT,
    status: 403,
    reasons: ['BPA_RESTRICT_PUBLIC_BUCKETS@account'],
  },
  // Live, a BucketOwnerEnforced bucket's ACL is not read (it cannot grant), so the leftover grant is not quoted.
  {
    name: 'a leftover public ACL grants nothing under BucketOwnerEnforced',
    target: 's3://g-leftover-acl/css/main.css',
    status: 403,
    reasons: ['NO_ALLOW'],
  },
  {
    name: 'a public object ACL grants when ACLs are enabled',
    target: 's3://g-public-acl/index.html',
    status: 200,
    reasons: ['ALLOWED_BY_ACL'],
  },
  {
    name: 'an SSE-KMS object answers 400 InvalidArgument',
    target: 's3://g-kms/report.pdf',
    status: 400,
    reasons: ['KMS_ENCRYPTED'],
  },
  {
    name: 'Requester Pays refuses anonymous requests',
    target: 's3://g-requester-pays/data.csv',
    status: 403,
    reasons: ['REQUESTER_PAYS'],
  },
  {
    name: 'a GLACIER object answers 403 InvalidObjectState',
    target: 's3://g-glacier/old.zip',
    status: 403,
    reasons: ['ARCHIVED_STORAGE_CLASS'],
  },
  {
    name: 'a missing key without list permission answers 403',
    target: 's3://g-missing/js/App.js',
    status: 403,
    reasons: ['MISSING_KEY_WITHOUT_LIST'],
  },
  {
    name: 'a missing key with list permission answers 404',
    target: 's3://g-missing-list/js/App.js',
    status: 404,
    reasons: ['MISSING_KEY'],
  },
  {
    name: 'the website root serves the index document',
    target: 's3://g-website/',
    flags: ['--endpoint', 'website'],
    status: 200,
    reasons: ['ALLOWED_BY_POLICY'],
  },
  {
    name: 'a website folder without slash redirects',
    target: 's3://g-website/about',
    flags: ['--endpoint', 'website'],
    status: 302,
    reasons: ['WEBSITE_FOLDER_REDIRECT'],
  },
  {
    name: 'a missing website page answers 404 with the error document',
    target: 's3://g-website/nope.html',
    flags: ['--endpoint', 'website'],
    status: 404,
    reasons: ['MISSING_KEY'],
  },
]

function decisionOf(stdout: string) {
  const d = (
    JSON.parse(stdout) as {
      decision: {status: number; reasons: {code: string; role: string; level?: string}[]}
    }
  ).decision
  return {
    status: d.status,
    reasons: d.reasons
      .filter((r) => r.role !== 'context')
      .map((r) => (r.level === undefined ? r.code : `${r.code}@${r.level}`)),
  }
}

describe('LocalStack gallery', () => {
  let endpoint: string
  beforeAll(() => {
    endpoint = inject('localstackEndpoint')
    process.env.AWS_SECRET_ACCESS_KEY = 'test'
    process.env.AWS_REGION = 'us-east-1'
  })

  it.each(rows)('live: $name', async (row) => {
    process.env.AWS_ACCESS_KEY_ID = row.account ?? 'test'
    const {stdout, stderr} = await runCommand(
      ['explain', row.target, ...(row.flags ?? []), '--endpoint-url', endpoint, '--json'],
      {root},
    )
    expect(stderr).toBe('')
    expect(decisionOf(stdout)).toEqual({status: row.status, reasons: row.reasons})
  })

  it.each(rows)('snapshot, then offline: $name', async (row) => {
    process.env.AWS_ACCESS_KEY_ID = row.account ?? 'test'
    const bucket = new URL(row.target.replace('s3://', 'http://')).hostname
    const file = join(dir, `${bucket}-${row.name.replaceAll(' ', '-')}.json`)
    await runCommand(['snapshot', `s3://${bucket}`, '--endpoint-url', endpoint, '--output', file], {root})
    const live = await runCommand(
      ['explain', row.target, ...(row.flags ?? []), '--endpoint-url', endpoint, '--json'],
      {root},
    )
    const offline = await runCommand(
      ['explain', row.target, ...(row.flags ?? []), '--snapshot', file, '--json'],
      {root},
    )
    expect(decisionOf(offline.stdout)).toEqual(decisionOf(live.stdout))
  })

  it('scan reads the listing once and makes no per-key call under BucketOwnerEnforced', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test'
    const {stdout} = await runCommand(['scan', 's3://g-website', '--endpoint-url', endpoint, '--json'], {
      root,
    })
    const report = JSON.parse(stdout) as {
      totals: {keys: number; readable: number; apiCalls: Record<string, number>}
    }
    expect(report.totals.keys).toBe(3)
    expect(report.totals.readable).toBe(3)
    expect(report.totals.apiCalls.ListObjectsV2).toBe(1)
    expect(report.totals.apiCalls.GetObjectAcl).toBeUndefined()
    expect(report.totals.apiCalls.HeadObject).toBeUndefined()
  })

  it('scan reads each object ACL where ACLs can still grant', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test'
    const {stdout} = await runCommand(['scan', 's3://g-public-acl', '--endpoint-url', endpoint, '--json'], {
      root,
    })
    const report = JSON.parse(stdout) as {
      totals: {keys: number; readable: number; apiCalls: Record<string, number>}
    }
    expect([report.totals.keys, report.totals.readable, report.totals.apiCalls.GetObjectAcl]).toEqual([
      1, 1, 1,
    ])
  })
})
