/**
 * The JSON Schemas published in schemas/, generated from the zod schemas the code validates with, so the two cannot
 * drift: `npm run docs` writes them, test/unit/schemas.test.ts fails when they are stale.
 */
import {writeFileSync} from 'node:fs'

import {z} from 'zod'

import {AwsSnapshotSchema} from '../src/providers/aws/snapshot.js'

export function snapshotJsonSchema(): string {
  const schema = z.toJSONSchema(AwsSnapshotSchema, {io: 'input', target: 'draft-2020-12'})
  return JSON.stringify({title: 'why403 AWS snapshot', ...schema}, null, 2) + '\n'
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('schemas/aws-snapshot.schema.json', snapshotJsonSchema())
}
