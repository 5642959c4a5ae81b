import type {z} from 'zod'

import {badInput, type Why403Error} from '../errors.js'
import {AwsSnapshotSchema, type AwsSnapshot} from '../providers/aws/snapshot.js'

/** Every provider's snapshot; the `provider` field tells them apart. */
export type Snapshot = AwsSnapshot

const SUPPORTED = ['aws'] as const

/** RFC 6901 JSON pointer for a zod issue path, so an error names the exact place in the file. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)'
  return '/' + path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    case 'invalid_union':
      // Call envelopes are the usual unions: say what they accept rather than every branch's complaint.
      return 'expected {"response": …} or {"error": {"name": …}}'
    default:
      return issue.message
  }
}

/**
 * Checks a parsed JSON value against the snapshot schema of its provider.
 * Throws a bad-input error naming the file and every offending JSON pointer.
 */
export function validateSnapshot(value: unknown, file: string): Snapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput('a snapshot must be a JSON object', {where: file, hint: 'see examples/ for the format'})
  }
  const provider = (value as {provider?: unknown}).provider
  if (provider !== 'aws') {
    throw badInput(
      provider === undefined
        ? 'the snapshot has no "provider" field'
        : `provider ${JSON.stringify(provider)} is not supported yet (supported: ${SUPPORTED.join(', ')})`,
      {
        where: `${file} at /provider`,
        hint: 'write "provider": "aws"; GCS and Azure snapshots come with their adapters',
      },
    )
  }
  const parsed = AwsSnapshotSchema.safeParse(value)
  if (parsed.success) return parsed.data
  throw schemaError(parsed.error.issues, file)
}

function schemaError(issues: readonly z.core.$ZodIssue[], file: string): Why403Error {
  const lines = issues.slice(0, 10).map((i) => `${jsonPointer(i.path)}: ${describeIssue(i)}`)
  const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : ''
  const first = issues[0]
  return badInput(`the snapshot does not match the format:\n  ${lines.join('\n  ')}${more}`, {
    where: first === undefined ? file : `${file} at ${jsonPointer(first.path)}`,
    hint: 'compare with schemas/aws-snapshot.schema.json or a file in examples/',
  })
}
