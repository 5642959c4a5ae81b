/**
 * The keys a deploy is about to create: every file under a local directory, as `prefix + relative path` with `/`
 * separators (what `aws s3 sync DIR s3://bucket/prefix` uploads). Each key comes with the facts the new object will
 * have, from `factsFor`, so the same evaluator answers before the upload as after.
 */
import {readdir} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'

import {badInput} from '../errors.js'
import type {ObjectCalls} from '../providers/aws/snapshot.js'
import type {KeySource} from './keySource.js'

export function localDirKeySource(
  dir: string,
  prefix: string,
  factsFor: (key: string) => ObjectCalls,
): KeySource {
  return {
    description: `local directory ${dir}${prefix === '' ? '' : ` as ${prefix}`}`,
    async *keys() {
      let entries
      try {
        entries = await readdir(dir, {recursive: true, withFileTypes: true})
      } catch (error) {
        throw badInput(
          `cannot read the directory to deploy (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          {where: dir, hint: 'pass --local-dir with the folder your deploy uploads, e.g. dist/'},
        )
      }
      const keys = entries
        .filter((e) => e.isFile())
        .map((e) => prefix + relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort()
      for (const key of keys) yield {key, calls: factsFor(key)}
    },
  }
}
