/**
 * The expectations file of `why403 check`: which keys of which buckets must be public and which private. Found the
 * usual way (why403.config.json, .yaml or .yml in the working directory, or --config FILE) and validated strictly:
 * an error names the file, the line and the field.
 */
import {access, readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {LineCounter, parseDocument} from 'yaml'
import {z} from 'zod'

import {badInput} from '../errors.js'

const Globs = z.array(z.string().min(1)).default([])

export const TargetSchema = z.strictObject({
  /** s3://BUCKET[/PREFIX] */
  bucket: z
    .string()
    .regex(
      /^(s3:\/\/)?[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
      'an S3 bucket such as s3://my-site or s3://my-site/prefix',
    ),
  endpoint: z.enum(['rest', 'website']).default('rest'),
  /** anonymous, or cloudfront:DISTRIBUTION_ARN for CloudFront Origin Access Control */
  principal: z.string().default('anonymous'),
  /** Keys (globs, relative to the bucket) that anyone must be able to read. */
  public: Globs,
  /** Keys that must not be readable. */
  private: Globs,
  /** Keys left out of the check. */
  ignore: Globs,
  /** Check against this snapshot file instead of the live bucket. */
  snapshot: z.string().optional(),
})

export const ConfigSchema = z.strictObject({targets: z.array(TargetSchema).min(1)})
export type CheckConfig = z.infer<typeof ConfigSchema>
export type CheckTarget = z.infer<typeof TargetSchema>

export const CONFIG_FILES = ['why403.config.json', 'why403.config.yaml', 'why403.config.yml']

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/** The config file to use: --config, or the first of CONFIG_FILES in `dir`. */
export async function findConfig(explicit: string | undefined, dir: string): Promise<string> {
  if (explicit !== undefined) return explicit
  for (const name of CONFIG_FILES) {
    const path = join(dir, name)
    if (await exists(path)) return path
  }
  throw badInput('no expectations file', {
    where: dir,
    hint: `create ${CONFIG_FILES.join(', ')} (see the README's "CI gate" section), pass --config FILE, or use scan --expect-public/--expect-private`,
  })
}

/** Parses and validates a config file; YAML and JSON both, since JSON is YAML. */
export async function loadConfig(path: string): Promise<CheckConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw badInput('cannot read the expectations file', {
      where: path,
      hint: 'check the path given to --config',
    })
  }
  return parseConfig(text, path)
}

export function parseConfig(text: string, path: string): CheckConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, prettyErrors: false})
  const syntax = doc.errors[0]
  if (syntax !== undefined) {
    const pos = lines.linePos(syntax.pos[0])
    throw badInput(
      `the expectations file is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${syntax.message.split('\n')[0]}`,
      {
        where: `${path}:${pos.line}:${pos.col}`,
        hint: 'fix the syntax at that line',
      },
    )
  }
  const parsed = ConfigSchema.safeParse(doc.toJS())
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0] as z.core.$ZodIssue
  const node = doc.getIn(issue.path, true) as {range?: [number, number, number]} | undefined
  const line = node?.range === undefined ? '' : `:${lines.linePos(node.range[0]).line}`
  const field = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '')
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : issue.message
  throw badInput(`${field === '' ? 'the file' : field}: ${message}`, {
    where: `${path}${line}`,
    hint: 'each target takes bucket, endpoint (rest|website), principal, public, private, ignore and snapshot',
  })
}
