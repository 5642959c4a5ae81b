/** The CI gate: expectations files, globs, verdicts, and `check` / `scan --expect-*` through the real CLI. */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCommand} from '@oclif/test'
import {describe, expect, it} from 'vitest'

import {parseConfig} from '../../src/check/config.js'
import {compileExpectations} from '../../src/check/expectations.js'

const root = new URL('../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'why403-check-'))
const examples = join(root, 'examples')

describe('expectations', () => {
  const expected = compileExpectations({
    public: ['**/*.html', 'assets/**'],
    private: ['private/**', '**/*.map'],
    ignore: ['drafts/**'],
  })
  it.each([
    {key: 'index.html', want: 'public'},
    {key: 'blog/2026/post/index.html', want: 'public'},
    {key: 'assets/js/app.js', want: 'public'},
    {key: 'assets/js/app.js.map', want: 'private'},
    {key: 'private/index.html', want: 'private'},
    {key: 'drafts/new.html', want: undefined},
    {key: 'README.md', want: undefined},
    {key: '.well-known/security.html', want: 'public'},
  ])('$key is expected $want', ({key, want}) => {
    expect(expected(key)).toBe(want)
  })
})

describe('expectations file', () => {
  it.each([
    {
      name: 'a YAML syntax error names the line',
      text: 'targets:\n  - bucket: s3://a-site\n    public: [**/*.html\n',
      where: /why403\.config\.yml:\d+:\d+/,
      message: /not valid YAML/,
    },
    {
      name: 'an unknown field names its line and path',
      text: 'targets:\n  - bucket: s3://a-site\n    pubic: ["**"]\n',
      where: /why403\.config\.yml:2$/,
      message: /targets\[0\]: unknown field pubic/,
    },
    {
      name: 'a wrong type names its line and path',
      text: 'targets:\n  - bucket: s3://a-site\n    endpoint: ftp\n',
      where: /why403\.config\.yml:3$/,
      message: /targets\[0\]\.endpoint/,
    },
    {
      name: 'no targets is an error',
      text: 'targets: []\n',
      where: /why403\.config\.yml:1$/,
      message: /targets/,
    },
  ])('$name', ({text, where, message}) => {
    const error = (() => {
      try {
        parseConfig(text, 'why403.config.yml')
        return undefined
      } catch (e) {
        return e as {message: string; where: string}
      }
    })()
    expect(error?.message).toMatch(message)
    expect(error?.where).toMatch(where)
  })

  it('reads JSON too', () => {
    expect(
      parseConfig('{"targets": [{"bucket": "s3://a-site", "public": ["**"]}]}', 'why403.config.json')
        .targets[0]?.public,
    ).toEqual(['**'])
  })
})

function config(name: string, body: object): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(body))
  return file
}

describe('why403 check', () => {
  it('passes when every key meets its expectation', async () => {
    const file = config('pass.json', {
      targets: [
        {
          bucket: 's3://private-origin-example',
          principal: 'cloudfront:arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE',
          public: ['**'],
          snapshot: join(examples, 'cloudfront-oac.json'),
        },
      ],
    })
    const {stdout, error} = await runCommand(['check', '--config', file], {root})
    expect(stdout).toMatch(/3 keys checked, 3 as expected, 0 violations/)
    expect(stdout).toMatch(/^PASS$/m)
    expect(error?.oclif?.exit ?? 0).toBe(0)
  })

  it('fails with each violation, its cause and its fix, and exit code 1', async () => {
    const file = config('fail.json', {
      targets: [
        {
          bucket: 's3://www-example-com',
          public: ['**'],
          snapshot: join(examples, 'kms-encrypted-object.json'),
        },
        {
          bucket: 's3://private-origin-example',
          private: ['**'],
          snapshot: join(examples, 'cloudfront-oac.json'),
        },
      ],
    })
    const {stdout, error} = await runCommand(['check', '--config', file, '--json'], {root})
    const report = JSON.parse(stdout) as {
      passed: boolean
      targets: {
        violated: number
        violations: {expected: string; examples: string[]; decision: {reasons: {code: string}[]}}[]
      }[]
    }
    expect(report.passed).toBe(false)
    expect(report.targets.map((t) => t.violated)).toEqual([2, 0])
    expect(report.targets[0]?.violations.flatMap((v) => v.examples).sort()).toEqual([
      'assets/site.css',
      'index.html',
    ])
    expect(report.targets[0]?.violations[0]?.decision.reasons[0]?.code).toBe('BPA_RESTRICT_PUBLIC_BUCKETS')
    expect(error?.oclif?.exit).toBe(1)
  })

  it('reports a private key that is readable', async () => {
    const file = config('leak.json', {
      targets: [
        {
          bucket: 's3://docs-example-org',
          private: ['assets/**'],
          public: ['*.html'],
          snapshot: join(examples, 'public-site-ok.json'),
        },
      ],
    })
    const {stdout, error} = await runCommand(['check', '--config', file], {root})
    expect(stdout).toMatch(/2 violations/)
    expect(stdout).toMatch(/expected private, readable: 200 — readable — ALLOWED_BY_POLICY/)
    expect(error?.oclif?.exit).toBe(1)
  })

  it('treats unknown answers as passing unless --fail-on unknown', async () => {
    const file = config('unknown.json', {
      targets: [
        {
          bucket: 's3://audit-example-com',
          public: ['**'],
          snapshot: join(examples, 'unreadable-policy-gap.json'),
        },
      ],
    })
    const lenient = await runCommand(['check', '--config', file], {root})
    const strict = await runCommand(['check', '--config', file, '--fail-on', 'unknown'], {root})
    expect([lenient.error?.oclif?.exit ?? 0, strict.error?.oclif?.exit]).toEqual([0, 1])
    expect(lenient.stdout).toMatch(/3 unknown/)
  })

  it('writes a Markdown summary for $GITHUB_STEP_SUMMARY', async () => {
    const file = config('md.json', {
      targets: [
        {
          bucket: 's3://www-example-com',
          public: ['**'],
          snapshot: join(examples, 'kms-encrypted-object.json'),
        },
      ],
    })
    const {stdout} = await runCommand(['check', '--config', file, '--format', 'markdown'], {root})
    expect(stdout).toMatch(/^## why403 check: ❌ fail$/m)
    expect(stdout).toMatch(/^\| keys \| expectation \| answer \| cause \| examples \| fix \|$/m)
    expect(stdout).toMatch(
      /\| 1 \| expected public, not readable \| 403 AccessDenied — not readable \| `BPA_RESTRICT_PUBLIC_BUCKETS`/,
    )
  })

  it('names the missing expectations file and what to do', async () => {
    const {stderr, error} = await runCommand(['check', '--config', join(dir, 'nope.yml')], {root})
    expect(stderr).toMatch(/cannot read the expectations file/)
    expect(error?.oclif?.exit).toBe(4)
  })
})

describe('why403 scan --expect-*', () => {
  it('turns a scan into a gate', async () => {
    const bad = await runCommand(
      ['scan', '--snapshot', 'examples/kms-encrypted-object.json', '--expect-public', '**'],
      {root},
    )
    const good = await runCommand(
      ['scan', '--snapshot', 'examples/cloudfront-oac.json', '--expect-private', '**'],
      {root},
    )
    expect([bad.error?.oclif?.exit, good.error?.oclif?.exit ?? 0]).toEqual([1, 0])
  })
})

describe('why403 check --local-dir (pre-deploy)', () => {
  const site = join(root, 'test/fixtures/site/dist')
  const target = (snapshot: string, bucket: string) =>
    config(`pre-${snapshot}`, {
      targets: [
        {
          bucket: `s3://${bucket}`,
          public: ['*.html', 'assets/**'],
          private: ['private/**'],
          snapshot: join(examples, snapshot),
        },
      ],
    })

  it('evaluates the files about to be uploaded: a public-read bucket would expose private/', async () => {
    const {stdout, error} = await runCommand(
      ['check', '--config', target('public-site-ok.json', 'docs-example-org'), '--local-dir', site, '--json'],
      {root},
    )
    const report = JSON.parse(stdout) as {
      targets: {checked: number; violated: number; violations: {expected: string; examples: string[]}[]}[]
    }
    expect(report.targets[0]?.checked).toBe(5)
    expect(report.targets[0]?.violations.map((v) => [v.expected, v.examples])).toEqual([
      ['private', ['private/notes.txt']],
    ])
    expect(error?.oclif?.exit).toBe(1)
  })

  it('keys uploaded with SSE-KMS would answer 400 to the public', async () => {
    const {stdout} = await runCommand(
      [
        'check',
        '--config',
        target('public-site-ok.json', 'docs-example-org'),
        '--local-dir',
        site,
        '--upload-sse',
        'aws:kms',
        '--json',
      ],
      {root},
    )
    const report = JSON.parse(stdout) as {
      targets: {
        violations: {expected: string; count: number; decision: {status: number; reasons: {code: string}[]}}[]
      }[]
    }
    const pub = report.targets[0]?.violations.find((v) => v.expected === 'public')
    expect([pub?.count, pub?.decision.status, pub?.decision.reasons[0]?.code]).toEqual([
      4,
      400,
      'KMS_ENCRYPTED',
    ])
  })

  it('an upload with --acl public-read is refused under BucketOwnerEnforced', async () => {
    const {stdout, error} = await runCommand(
      [
        'check',
        '--config',
        target('public-site-ok.json', 'docs-example-org'),
        '--local-dir',
        site,
        '--upload-acl',
        'public-read',
      ],
      {root},
    )
    expect(stdout).toMatch(
      /upload refused: ACLS_DISABLED_BY_OWNERSHIP: Uploads with --acl public-read fail with 400 AccessControlListNotSupported/,
    )
    expect(error?.oclif?.exit).toBe(1)
  })

  it('an upload with --acl public-read is refused by BlockPublicAcls, at each level where it is on', async () => {
    const {stdout} = await runCommand(
      [
        'check',
        '--config',
        target('cloudfront-oac.json', 'private-origin-example'),
        '--local-dir',
        site,
        '--upload-acl',
        'public-read',
      ],
      {root},
    )
    expect(stdout).toMatch(/upload refused: BPA_BLOCK_PUBLIC_ACLS \(account\)/)
    expect(stdout).toMatch(/upload refused: BPA_BLOCK_PUBLIC_ACLS \(bucket\)/)
  })

  it('a missing folder is a clear error', async () => {
    const {stderr, error} = await runCommand(
      [
        'check',
        '--config',
        target('public-site-ok.json', 'docs-example-org'),
        '--local-dir',
        join(dir, 'no-dist'),
      ],
      {root},
    )
    expect(stderr).toMatch(/cannot read the directory to deploy/)
    expect(error?.oclif?.exit).toBe(4)
  })
})
