/**
 * Every bundled example, through the real CLI: the status, the ordered causes and the exit code that
 * examples/catalogue.json (and so the README) promise.
 */
import {readFileSync} from 'node:fs'

import {runCommand} from '@oclif/test'
import {describe, expect, it} from 'vitest'

import type {ExampleRow as Row} from '../../scripts/readme.js'
import {validateSnapshot} from '../../src/snapshot/validate.js'

const catalogue = JSON.parse(
  readFileSync(new URL('../../examples/catalogue.json', import.meta.url), 'utf8'),
) as {examples: Row[]}
const root = new URL('../..', import.meta.url).pathname

describe('examples/', () => {
  it('holds at least 12 examples, each a valid snapshot with a description', () => {
    const files = [...new Set(catalogue.examples.map((r) => r.snapshot))]
    expect(files.length).toBeGreaterThanOrEqual(12)
    for (const f of files) {
      const s = validateSnapshot(JSON.parse(readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8')), f)
      expect(`${f}: ${s.description ?? ''}`).toMatch(/Run: why403 /)
    }
  })

  it.each(catalogue.examples.map((r) => ({...r, title: `${r.snapshot} ${r.args.slice(1).join(' ')}`})))(
    '$title answers $status with $reasons',
    async (row) => {
      const {stdout, error} = await runCommand([...row.args, '--snapshot', row.snapshot, '--json'], {root})
      const out = JSON.parse(stdout) as {
        decision: {status: number | null; reasons: {code: string; role: string; level?: string}[]}
      }
      const d = out.decision
      expect({
        status: d.status ?? 'unknown',
        reasons: d.reasons
          .filter((r) => r.role !== 'context')
          .map((r) => (r.level === undefined ? r.code : `${r.code}@${r.level}`)),
        exitCode: error?.oclif?.exit ?? 0,
      }).toEqual({status: row.status, reasons: row.reasons, exitCode: row.exitCode})
    },
  )
})
