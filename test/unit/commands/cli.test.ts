/** Bad input gets a one-line error that says what, where and what to do, the documented exit code, and no stack. */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCommand} from '@oclif/test'
import {describe, expect, it} from 'vitest'

const root = new URL('../../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'why403-'))
const broken = join(dir, 'broken.json')
writeFileSync(broken, '{"schemaVersion": 1,\n "provider": "aws",\n "bucket": {"name": "b",}\n}')
const wrongShape = join(dir, 'wrong.json')
writeFileSync(
  wrongShape,
  JSON.stringify({
    schemaVersion: 1,
    provider: 'aws',
    bucket: {name: 'bucket-x', calls: {GetBucketPolicy: {Policy: '{}'}}, extra: 1},
  }),
)
const ok = 'examples/public-site-ok.json'

describe('errors', () => {
  // Live calls in these tests go to a closed port on loopback, with dummy credentials and no retries.
  process.env.AWS_ACCESS_KEY_ID = 'test'
  process.env.AWS_SECRET_ACCESS_KEY = 'test'
  process.env.AWS_MAX_ATTEMPTS = '1'

  it.each([
    {
      name: 'a missing snapshot file',
      args: ['explain', 's3://b/k', '--snapshot', join(dir, 'nope.json')],
      exit: 4,
      stderr: [/no such snapshot file/, /at: .*nope\.json/, /hint:/],
    },
    {
      name: 'a snapshot that is not JSON names line and column',
      args: ['explain', 's3://b/k', '--snapshot', broken],
      exit: 4,
      stderr: [/not valid JSON/, /broken\.json:3:/],
    },
    {
      name: 'a snapshot of the wrong shape names each JSON pointer',
      args: ['explain', 's3://bucket-x/k', '--snapshot', wrongShape],
      exit: 4,
      stderr: [/\/bucket: unknown field "extra"/, /\/bucket\/calls\/GetBucketPolicy: expected \{"response"/],
    },
    {
      name: 'a target that is not a bucket URL lists the accepted forms',
      args: ['explain', 'ftp://x/y', '--snapshot', ok],
      exit: 3,
      stderr: [/unknown scheme "ftp/, /hint: use one of: s3:\/\/BUCKET\/KEY/],
    },
    {
      name: 'a target for another bucket than the snapshot names both',
      args: ['explain', 's3://other/index.html', '--snapshot', ok],
      exit: 3,
      stderr: [/names bucket "other" but the snapshot holds bucket "docs-example-org"/],
    },
    {
      name: 'an unknown option value is a usage error',
      args: ['explain', 's3://docs-example-org/index.html', '--snapshot', ok, '--endpoint', 'ftp'],
      exit: 3,
      stderr: [/Expected --endpoint=ftp to be one of/],
    },
    {
      name: 'a bad --source-ip is a usage error',
      args: ['explain', 's3://docs-example-org/index.html', '--snapshot', ok, '--source-ip', '300.1.1.1'],
      exit: 3,
      stderr: [/is not an IP address/],
    },
    {
      name: 'an unreachable S3 endpoint is a provider error that says what to check',
      args: ['explain', 's3://docs-example-org/index.html', '--endpoint-url', 'http://127.0.0.1:9'],
      exit: 5,
      stderr: [/cannot reach S3/, /at: http:\/\/127\.0\.0\.1:9/, /hint: check --endpoint-url/],
    },
  ])('$name', async ({args, exit, stderr}) => {
    const result = await runCommand(args, {root})
    expect(result.error?.oclif?.exit).toBe(exit)
    for (const re of stderr) expect(result.stderr).toMatch(re)
    expect(result.stderr).not.toMatch(/\n\s+at .*\.(js|ts):\d+/)
  })
})

describe('output', () => {
  it('explain prints the status, the causes in order and the fix as text', async () => {
    const {stdout} = await runCommand(
      ['explain', 's3://www-example-com/index.html', '--snapshot', 'examples/kms-encrypted-object.json'],
      {root},
    )
    expect(stdout).toMatch(/^403 AccessDenied — not readable$/m)
    expect(stdout.indexOf('BPA_RESTRICT_PUBLIC_BUCKETS (account)')).toBeLessThan(
      stdout.indexOf('KMS_ENCRYPTED'),
    )
    expect(stdout).toMatch(/^Fix$/m)
  })

  it('scan groups keys by decision, unreadable first, with counts and examples', async () => {
    const {stdout} = await runCommand(
      ['scan', '--snapshot', 'examples/kms-encrypted-object.json', '--json'],
      {root},
    )
    const report = JSON.parse(stdout) as {
      groups: {count: number; examples: string[]; decision: {readable: boolean}}[]
      totals: {keys: number}
    }
    expect(report.totals.keys).toBe(2)
    expect(report.groups.map((g) => [g.count, g.examples, g.decision.readable])).toEqual([
      [1, ['assets/site.css'], false],
      [1, ['index.html'], false],
    ])
  })

  it('--output writes the answer to a file', async () => {
    const file = join(dir, 'out.json')
    await runCommand(
      ['explain', 's3://docs-example-org/index.html', '--snapshot', ok, '--json', '--output', file],
      {root},
    )
    const {readFileSync} = await import('node:fs')
    expect(JSON.parse(readFileSync(file, 'utf8')).decision.status).toBe(200)
  })
})
