/** A progress bar on stderr for long scans: only on a terminal, never in --json output or CI logs. */
import cliProgress from 'cli-progress'

import type {ScanProgress} from '../scan/run.js'

export interface Progress {
  update(p: ScanProgress, inFlight?: number): void
  stop(): void
}

const silent: Progress = {update: () => undefined, stop: () => undefined}

export function progressBar(enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true || process.env.CI !== undefined) return silent
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'scanning {keys} keys | {readable} readable | {groups} groups | {calls} calls in flight | {rate} keys/s',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(0, 0, {keys: 0, readable: 0, groups: 0, calls: 0, rate: 0})
  return {
    update(p, inFlight = 0) {
      bar.update(p.keys, {
        keys: p.keys,
        readable: p.readable,
        groups: p.groups,
        calls: inFlight,
        rate: Math.round(p.keys / Math.max(p.elapsedMs / 1000, 0.001)),
      })
    },
    stop: () => bar.stop(),
  }
}
