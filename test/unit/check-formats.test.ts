/** check's CI formats: SARIF valid against the official 2.1.0 schema, JUnit read back by a JUnit parser, annotations. */
import {createRequire} from 'node:module'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCommand} from '@oclif/test'
import AjvModule from 'ajv-draft-04'
import {parse as parseJunit} from 'junit2json'
import {describe, expect, it} from 'vitest'

const require = createRequire(import.meta.url)
// ajv-draft-04 is CommonJS; under Node16 module resolution its class is the module's `default` property.
const Ajv = AjvModule.default
// The OASIS SARIF 2.1.0 schema (final, rtm.5), as shipped by Microsoft's @microsoft/jest-sarif. One of its patterns
// is not a valid Unicode-mode RegExp, hence unicodeRegExp: false below.
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object

const root = new URL('../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'why403-formats-'))
const config = join(dir, 'why403.config.json')
writeFileSync(
  config,
  JSON.stringify({
    targets: [
      {
        bucket: 's3://www-example-com',
        public: ['**'],
        snapshot: join(root, 'examples/kms-encrypted-object.json'),
      },
      {
        bucket: 's3://docs-example-org',
        public: ['*.html'],
        private: ['assets/**'],
        snapshot: join(root, 'examples/public-site-ok.json'),
      },
    ],
  }),
)

describe('check --format sarif', () => {
  it('is valid SARIF 2.1.0 with one rule per reason code and one result per violation group', async () => {
    const {stdout, error} = await runCommand(['check', '--config', config, '--format', 'sarif'], {root})
    const log = JSON.parse(stdout) as {
      runs: {
        tool: {driver: {rules: {id: string; helpUri?: string}[]}}
        results: {ruleId: string; level: string}[]
      }[]
    }
    const validate = new Ajv({strict: false, unicodeRegExp: false}).compile(sarifSchema)
    expect({valid: validate(log), errors: validate.errors ?? null}).toEqual({valid: true, errors: null})
    // The validator is not a rubber stamp: a log without its version is refused.
    expect(validate({runs: log.runs})).toBe(false)
    const run = log.runs[0]
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual([
      'ALLOWED_BY_POLICY',
      'BPA_RESTRICT_PUBLIC_BUCKETS',
    ])
    expect(run?.tool.driver.rules.every((r) => r.helpUri?.startsWith('https://docs.aws.amazon.com/'))).toBe(
      true,
    )
    expect(run?.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['BPA_RESTRICT_PUBLIC_BUCKETS', 'error'],
      ['BPA_RESTRICT_PUBLIC_BUCKETS', 'error'],
      ['ALLOWED_BY_POLICY', 'error'],
    ])
    expect(error?.oclif?.exit).toBe(1)
  })
})

describe('check --format junit', () => {
  it('gives one test case per target and expectation, failing ones carrying the causes', async () => {
    const {stdout} = await runCommand(['check', '--config', config, '--format', 'junit'], {root})
    const parsed = (await parseJunit(stdout)) as {
      testsuite?: {
        testcase?: {name?: string; classname?: string; failure?: {message?: string; type?: string}[]}[]
      }[]
    }
    const cases = parsed.testsuite?.[0]?.testcase ?? []
    expect(cases.map((c) => [c.classname, c.name, c.failure?.[0]?.type ?? 'pass'])).toEqual([
      ['s3://www-example-com', 'keys expected public are readable', 'BPA_RESTRICT_PUBLIC_BUCKETS'],
      ['s3://www-example-com', 'keys expected private are not readable', 'pass'],
      ['s3://docs-example-org', 'keys expected public are readable', 'pass'],
      ['s3://docs-example-org', 'keys expected private are not readable', 'ALLOWED_BY_POLICY'],
    ])
    expect(cases[0]?.failure?.[0]?.message).toMatch(
      /2 key\(s\) of s3:\/\/www-example-com expected public:\n.*BPA_RESTRICT_PUBLIC_BUCKETS/,
    )
  })
})

describe('check --annotations', () => {
  it('prints one GitHub Actions ::error per violation group, on the expectations file', async () => {
    const {stderr} = await runCommand(['check', '--config', config, '--annotations'], {root})
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^::error file=[^,]*why403\.config\.json,title=why403 BPA_RESTRICT_PUBLIC_BUCKETS::1 key\(s\) of s3:\/\/www-example-com expected public: 403 AccessDenied/,
    )
  })
})
