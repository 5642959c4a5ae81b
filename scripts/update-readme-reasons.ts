/** Regenerates the reason catalogue section of README.md from src/explain/catalogue.ts. */
import {readFile, writeFile} from 'node:fs/promises'

import {renderReasonsMarkdown} from '../src/render/reasonsTable.js'

const START = '<!-- reasons:start -->'
const END = '<!-- reasons:end -->'
const readme = await readFile('README.md', 'utf8')
const a = readme.indexOf(START)
const b = readme.indexOf(END)
if (a < 0 || b < a) throw new Error('README.md has no reasons markers')
await writeFile(
  'README.md',
  `${readme.slice(0, a + START.length)}\n${renderReasonsMarkdown()}\n${readme.slice(b)}`,
)
