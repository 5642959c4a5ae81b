import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {snapshotJsonSchema} from '../../scripts/schemas.js'

describe('schemas/', () => {
  it('aws-snapshot.schema.json matches the schema the code validates with (run `npm run docs` after changing it)', () => {
    expect(readFileSync(new URL('../../schemas/aws-snapshot.schema.json', import.meta.url), 'utf8')).toBe(
      snapshotJsonSchema(),
    )
  })
})
