/**
 * Golden files for every output format of `check`, reviewed for readability when they change. The files are
 * rewritten only by an explicit `UPDATE_GOLDEN=1 npx vitest run test/unit/golden.test.ts`.
 */
import {readFileSync, writeFileSync} from 'node:fs'

import {runCommand} from '@oclif/test'
import {describe, expect, it} from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const config = 'test/fixtures/check/why403.config.yml'

describe('check output, against golden files', () => {
  it.each([
    {format: 'text', file: 'check.txt'},
    {format: 'markdown', file: 'check.md'},
    {format: 'sarif', file: 'check.sarif.json'},
    {format: 'junit', file: 'check.junit.xml'},
  ])('--format $format matches test/golden/$file', async ({format, file}) => {
    const {stdout} = await runCommand(['check', '--config', config, '--format', format], {root})
    const golden = new URL(`../golden/${file}`, import.meta.url)
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, stdout)
    expect(stdout).toBe(readFileSync(golden, 'utf8'))
  })
})
