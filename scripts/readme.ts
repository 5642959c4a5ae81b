/**
 * The README's generated sections: the reason catalogue (from src/explain/catalogue.ts), the examples table (from
 * examples/catalogue.json) and sample outputs (from running the CLI on the examples). `npm run docs` rewrites them;
 * test/unit/readme.test.ts fails when they are stale.
 */
import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'

import {renderReasonsMarkdown} from '../src/render/reasonsTable.js'

/** A row of examples/catalogue.json. */
export interface ExampleRow {
  snapshot: string
  args: string[]
  status: number | 'unknown'
  reasons: string[]
  exitCode: number
}

export function examplesMarkdown(rows: readonly ExampleRow[]): string {
  const lines = ['| command | status | causes, decisive first | exit |', '| --- | --- | --- | --- |']
  for (const r of rows) {
    lines.push(
      `| \`why403 ${r.args.join(' ')} --snapshot ${r.snapshot}\` | ${r.status} | ${r.reasons.map((c) => `\`${c}\``).join(', ')} | ${r.exitCode} |`,
    )
  }
  return lines.join('\n') + '\n'
}

export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`README.md has no ${name} markers`)
  return `${text.slice(0, a + start.length)}\n${body}${text.slice(b)}`
}

export function generatedReadme(readme: string, rows: readonly ExampleRow[]): string {
  return replaceSection(
    replaceSection(readme, 'reasons', renderReasonsMarkdown()),
    'examples',
    examplesMarkdown(rows),
  )
}

function run(args: string[]): string {
  try {
    return execFileSync('node', ['bin/run.js', ...args], {encoding: 'utf8'})
  } catch (error) {
    return (error as {stdout: string}).stdout
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = (JSON.parse(readFileSync('examples/catalogue.json', 'utf8')) as {examples: ExampleRow[]})
    .examples
  let readme = generatedReadme(readFileSync('README.md', 'utf8'), rows)
  const sample = [
    'explain',
    's3://www-example-com/index.html',
    '--snapshot',
    'examples/kms-encrypted-object.json',
  ]
  readme = replaceSection(
    readme,
    'example-output',
    '```text\n$ why403 ' + sample.join(' ') + '\n' + run(sample) + '```\n',
  )
  const gap = [
    'explain',
    's3://audit-example-com/index.html',
    '--snapshot',
    'examples/unreadable-policy-gap.json',
  ]
  readme = replaceSection(
    readme,
    'gap-output',
    '```text\n$ why403 ' + gap.join(' ') + '\n' + run(gap) + '```\n',
  )
  writeFileSync('README.md', readme)
}
