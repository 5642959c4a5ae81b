/** The scan loop: stream keys from a source, decide each, group, report progress. */
import type {Decision} from '../model/decision.js'
import {DecisionGroups, type ScanGroup} from './group.js'
import type {KeySource, SourcedKey} from './keySource.js'

export interface ScanTotals {
  readonly keys: number
  readonly readable: number
  readonly notReadable: number
  readonly unknown: number
  /** API calls the scan made, per kind (empty for offline scans). */
  readonly apiCalls: Readonly<Record<string, number>>
}

export interface ScanReport {
  readonly source: string
  readonly groups: readonly ScanGroup[]
  readonly totals: ScanTotals
}

export interface ScanProgress {
  readonly keys: number
  readonly readable: number
  readonly groups: number
  readonly elapsedMs: number
}

export interface ScanOptions {
  readonly source: KeySource
  readonly decide: (k: SourcedKey) => Decision
  readonly exampleLimit?: number
  /** Called at most every `progressEveryMs` (default 100 ms) and once at the end. */
  readonly onProgress?: (p: ScanProgress) => void
  readonly progressEveryMs?: number
  /** API calls made so far, read at the end (live scans). */
  readonly apiCalls?: () => Readonly<Record<string, number>>
  /** A clock for progress throttling; defaults to performance.now. */
  readonly now?: () => number
}

export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const groups = new DecisionGroups(options.exampleLimit ?? 5)
  const now = options.now ?? (() => performance.now())
  const every = options.progressEveryMs ?? 100
  const start = now()
  let last = start
  let keys = 0
  let readable = 0
  let unknown = 0
  const progress = () => options.onProgress?.({keys, readable, groups: groups.size, elapsedMs: now() - start})
  for await (const k of options.source.keys()) {
    const d = options.decide(k)
    keys++
    if (d.readable) readable++
    if (d.outcome === 'unknown') unknown++
    groups.add(k.key, d)
    if (options.onProgress !== undefined && (keys & 0xff) === 0) {
      const t = now()
      if (t - last >= every) {
        last = t
        progress()
      }
    }
  }
  progress()
  return {
    source: options.source.description,
    groups: groups.sorted(),
    totals: {
      keys,
      readable,
      notReadable: keys - readable - unknown,
      unknown,
      apiCalls: options.apiCalls?.() ?? {},
    },
  }
}
