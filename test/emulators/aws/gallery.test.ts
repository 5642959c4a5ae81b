/**
 * The live path end to end against LocalStack: for every gallery bucket, `explain` through the read-only adapter
 * gives the decision S3's documented rules give for that configuration, and `snapshot` then `--snapshot` gives the
 * identical decision offline. (LocalStack stores these configurations but enforces none of them for anonymous
 * requests; what is compared here is why403's reading and reasoning, not LocalStack's answers.)
 */
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCommand} from '@oclif/test'
import {beforeAll, describe, expect, inject, it} from 'vitest'

import {CaseFileSchema} from '../../cases/schema.js'

const root = new URL('../../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'why403-gallery-'))

interface Row {
  name: string
  target: string
  flags: string[]
  account?: string
  status: number
  reasons: string[]
}

// The expectations are those of the hand-written snapshots in test/cases/aws/localstack-gallery.json (checked offline
// by the scenario suite): live reading and hand-written snapshot must reach the same answer.
const caseFile = CaseFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../cases/aws/localstack-gallery.json', import.meta.url), 'utf8')),
)
const rows: Row[] = caseFile.cases.flatMap((c) =>
  c.gallery === undefined || c.expect.status === 'unknown'
    ? []
    : [
        {
          name: c.name.replace(/^Gallery: /, ''),
          target: c.gallery.target,
          flags: c.gallery.flags,
          ...(c.gallery.account === undefined ? {} : {account: c.gallery.account}),
          status: c.expect.status,
          reasons: c.expect.reasons,
        },
      ],
)

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

  it('covers every gallery bucket', () => {
    expect(rows.length).toBeGreaterThanOrEqual(17)
  })

  it.each(rows)('live: $name', async (row) => {
    process.env.AWS_ACCESS_KEY_ID = row.account ?? 'test'
    const {stdout, stderr} = await runCommand(
      ['explain', row.target, ...row.flags, '--endpoint-url', endpoint, '--json'],
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
      ['explain', row.target, ...row.flags, '--endpoint-url', endpoint, '--json'],
      {root},
    )
    const offline = await runCommand(['explain', row.target, ...row.flags, '--snapshot', file, '--json'], {
      root,
    })
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
