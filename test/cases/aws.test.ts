/**
 * The S3 scenario table: every file under test/cases/aws/ is a describe, every case an it. Expectations come from
 * the AWS documentation page each case cites, not from what the code happens to print.
 */
/* eslint-disable vitest/valid-title -- titles are the file and case names read from the data files */
import {readdirSync, readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {prepareAws} from '../../src/providers/aws/prepare.js'
import {caseRequest, caseSnapshot, observed} from './harness.js'
import {CaseFileSchema, type Case} from './schema.js'

const dir = new URL('./aws/', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()

function check(c: Case, base: string): void {
  const snapshot = caseSnapshot(c, base)
  const decision = prepareAws(snapshot, caseRequest(c)).decide(c.request.key)
  const got = observed(decision)
  const want = c.expect
  expect(
    {status: got.status, reasons: got.reasons},
    `decision: ${JSON.stringify(decision.reasons.map((r) => r.message))}`,
  ).toEqual({status: want.status, reasons: want.reasons})
  if (want.errorCode !== undefined) expect(got.errorCode).toBe(want.errorCode)
  if (want.readable !== undefined) expect(got.readable).toBe(want.readable)
  if (want.gaps !== undefined) expect(got.gaps).toEqual(expect.arrayContaining(want.gaps))
  if (want.evaluatedKey !== undefined) expect(got.evaluatedKey).toBe(want.evaluatedKey)
  if (want.location !== undefined) expect(got.location).toBe(want.location)
  if (want.context !== undefined) expect(got.context).toEqual(expect.arrayContaining(want.context))
}

it('has case files, and at least 80 cases in all', () => {
  const total = files.reduce(
    (n, f) => n + CaseFileSchema.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))).cases.length,
    0,
  )
  expect(files.length).toBeGreaterThan(0)
  expect(total).toBeGreaterThanOrEqual(80)
})

for (const file of files) {
  const parsed = CaseFileSchema.safeParse(JSON.parse(readFileSync(new URL(file, dir), 'utf8')))
  describe(file.replace(/\.json$/, ''), () => {
    it('is a valid case file', () => {
      expect(parsed.error?.issues ?? []).toEqual([])
    })
    for (const c of parsed.data?.cases ?? []) {
      it(c.name, () => check(c, parsed.data?.base ?? ''))
    }
  })
}
