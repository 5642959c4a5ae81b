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
