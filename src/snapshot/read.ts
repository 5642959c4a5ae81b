import {readFile} from 'node:fs/promises'

import {badInput} from '../errors.js'
import {validateSnapshot, type Snapshot} from './validate.js'

/** Reads and validates a snapshot file. Every failure is a bad-input error that names the file and the place. */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw badInput(
      code === 'ENOENT' ? 'no such snapshot file' : `cannot read the snapshot file (${code ?? 'error'})`,
      {
        where: path,
        hint: 'pass --snapshot with a file written by `why403 snapshot`, or one from examples/',
        cause: error,
      },
    )
  }
  return parseSnapshotText(text, path)
}

/** Parses snapshot JSON text; a syntax error names the line and column. */
export function parseSnapshotText(text: string, file: string): Snapshot {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw badInput(`the snapshot is not valid JSON: ${(error as Error).message}`, {
      where: `${file}${lineOf(text, error as Error)}`,
      hint: 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)',
    })
  }
  return validateSnapshot(value, file)
}

/** Node's JSON errors give a character position; people want a line and column. */
function lineOf(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message)
  if (match?.[1] === undefined) return ''
  const position = Number(match[1])
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `:${line}:${column}`
}
