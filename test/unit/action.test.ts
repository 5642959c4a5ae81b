/** The GitHub Action's script, run as the Action runs it: summary, annotations, SARIF file and exit code. */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'why403-action-'))

let runs = 0

function runAction(config: string): {status: number; stderr: string; summary: string; sarif: string} {
  runs++
  const summary = join(dir, `summary-${runs}.md`)
  const sarif = join(dir, `result-${runs}.sarif`)
  writeFileSync(summary, '')
  let status = 0
  let stderr = ''
  try {
    execFileSync('bash', ['scripts/action.sh'], {
      cwd: root,
      env: {
        ...process.env,
        WHY403_CONFIG: config,
        WHY403_FAIL_ON: 'violation',
        WHY403_SARIF: sarif,
        GITHUB_STEP_SUMMARY: summary,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    const e = error as {status: number; stderr: Buffer}
    status = e.status
    stderr = e.stderr.toString()
  }
  return {
    status,
    stderr,
    summary: readFileSync(summary, 'utf8'),
    sarif: existsSync(sarif) ? readFileSync(sarif, 'utf8') : '',
  }
}

describe('action.yml (scripts/action.sh)', () => {
  it('fails the step with annotations, a job summary and a SARIF file when expectations are violated', () => {
    const r = runAction('test/fixtures/check/why403.config.yml')
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(
      /^::error file=test\/fixtures\/check\/why403\.config\.yml,title=why403 BPA_RESTRICT_PUBLIC_BUCKETS::/m,
    )
    expect(r.summary).toMatch(/^## why403 check: ❌ fail$/m)
    expect((JSON.parse(r.sarif) as {version: string}).version).toBe('2.1.0')
  })

  it('passes the step when every expectation holds', () => {
    const config = join(dir, 'ok.yml')
    writeFileSync(
      config,
      `targets:\n  - bucket: s3://docs-example-org\n    public: ['**']\n    snapshot: ${join(root, 'examples/public-site-ok.json')}\n`,
    )
    const r = runAction(config)
    expect(r.status).toBe(0)
    expect(r.summary).toMatch(/✅ pass/)
  })
})
