/**
 * The CI gate end to end against LocalStack: a sample site (test/fixtures/site/dist) is checked before the deploy
 * (--local-dir), deployed by the test itself, and checked again live, with the exact violations and exit codes.
 */
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative, sep} from 'node:path'

import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import {runCommand} from '@oclif/test'
import {beforeAll, describe, expect, inject, it} from 'vitest'

import {seedingClients} from '../../../localstack/seed.js'

const root = new URL('../../..', import.meta.url).pathname
const site = join(root, 'test/fixtures/site/dist')
const dir = mkdtempSync(join(tmpdir(), 'why403-deploy-'))
const files = (
  readdirSync(site, {recursive: true, withFileTypes: true}) as {
    isFile(): boolean
    parentPath: string
    name: string
  }[]
)
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name))

/** Public read on the site's pages and assets, not on private/. */
const sitePolicy = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: [`arn:aws:s3:::${bucket}/*.html`, `arn:aws:s3:::${bucket}/assets/*`],
      },
    ],
  })

function config(bucket: string): string {
  const file = join(dir, `${bucket}.yml`)
  writeFileSync(
    file,
    `targets:\n  - bucket: s3://${bucket}\n    public: ['*.html', 'assets/**']\n    private: ['private/**']\n`,
  )
  return file
}

interface Report {
  passed: boolean
  targets: {
    checked: number
    violated: number
    violations: {expected: string; examples: string[]; decision: {reasons: {code: string}[]}}[]
    uploadProblems: {code: string}[]
  }[]
}

describe('check before and after a deploy, against LocalStack', () => {
  let endpoint: string
  const check = async (bucket: string, extra: string[] = []) => {
    const {stdout, error} = await runCommand(
      ['check', '--config', config(bucket), '--endpoint-url', endpoint, '--json', ...extra],
      {root},
    )
    return {report: JSON.parse(stdout) as Report, exit: error?.oclif?.exit ?? 0}
  }
  const deploy = async (bucket: string) => {
    const s3 = seedingClients(endpoint).s3
    for (const f of files) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: relative(site, f).split(sep).join('/'),
          Body: readFileSync(f),
        }),
      )
    }
  }

  beforeAll(async () => {
    endpoint = inject('localstackEndpoint')
    process.env.AWS_ACCESS_KEY_ID = 'test'
    process.env.AWS_SECRET_ACCESS_KEY = 'test'
    const s3 = seedingClients(endpoint).s3
    for (const bucket of ['g-deploy-ok', 'g-deploy-bpa']) {
      await s3.send(new CreateBucketCommand({Bucket: bucket})).catch(() => undefined)
      await s3.send(new PutBucketPolicyCommand({Bucket: bucket, Policy: sitePolicy(bucket)}))
    }
    // g-deploy-ok turns Block Public Access off; g-deploy-bpa keeps the defaults of a new bucket (all four on).
    await s3.send(new DeletePublicAccessBlockCommand({Bucket: 'g-deploy-ok'}))
  })

  it('passes before the deploy when the bucket would serve the pages and hide private/', async () => {
    const {report, exit} = await check('g-deploy-ok', ['--local-dir', site])
    expect([report.passed, report.targets[0]?.checked, report.targets[0]?.violated, exit]).toEqual([
      true,
      5,
      0,
      0,
    ])
  })

  it('fails before the deploy when the upload sets a public ACL on a BucketOwnerEnforced bucket', async () => {
    const {report, exit} = await check('g-deploy-ok', ['--local-dir', site, '--upload-acl', 'public-read'])
    expect([report.targets[0]?.uploadProblems.map((p) => p.code), exit]).toEqual([
      ['ACLS_DISABLED_BY_OWNERSHIP'],
      1,
    ])
  })

  it('fails before the deploy on a bucket whose Block Public Access ignores the public policy', async () => {
    const {report, exit} = await check('g-deploy-bpa', ['--local-dir', site])
    const v = report.targets[0]?.violations ?? []
    expect(v.map((g) => [g.expected, g.examples, g.decision.reasons[0]?.code])).toEqual([
      [
        'public',
        ['about.html', 'assets/app.js', 'assets/site.css', 'index.html'],
        'BPA_RESTRICT_PUBLIC_BUCKETS',
      ],
    ])
    expect(exit).toBe(1)
  })

  it('after the deploy, the live bucket gives the same verdicts', async () => {
    await deploy('g-deploy-ok')
    await deploy('g-deploy-bpa')
    const ok = await check('g-deploy-ok')
    const bpa = await check('g-deploy-bpa')
    expect([ok.report.passed, ok.report.targets[0]?.checked, ok.exit]).toEqual([true, 5, 0])
    expect([
      bpa.report.targets[0]?.violated,
      bpa.report.targets[0]?.violations[0]?.decision.reasons[0]?.code,
      bpa.exit,
    ]).toEqual([4, 'BPA_RESTRICT_PUBLIC_BUCKETS', 1])
  })
})
