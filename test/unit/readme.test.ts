import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {generatedReadme} from '../../scripts/readme.js'

describe('README.md', () => {
  it('has an up-to-date reason catalogue and examples table (run `npm run docs` after changing them)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const rows = JSON.parse(
      readFileSync(new URL('../../examples/catalogue.json', import.meta.url), 'utf8'),
    ).examples
    expect(generatedReadme(readme, rows)).toBe(readme)
  })

  it('shows the test command', () => {
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain('npm test')
  })
})
