/**
 * Where a scan's keys come from: the one seam between "which objects" and "decide each". Today: the keys a snapshot
 * holds, and a live ListObjectsV2 listing; later an S3 Inventory report or a local directory about to be deployed.
 * Each key may come with per-object facts read alongside it (a listing entry), so no extra call is needed per key.
 */
import type {ObjectCalls} from '../providers/aws/snapshot.js'

export interface SourcedKey {
  readonly key: string
  /** Facts read with the key (e.g. its ListObjectsV2 entry); undefined = use the snapshot's facts. */
  readonly calls?: ObjectCalls
}

export interface KeySource {
  /** For progress and reports, e.g. "snapshot examples/site.json" or "ListObjectsV2 s3://bucket/prefix". */
  readonly description: string
  keys(): AsyncIterable<SourcedKey>
}

/** The keys a snapshot holds under a prefix. */
export function snapshotKeySource(
  prepared: {keys(prefix: string): Iterable<string>},
  prefix: string,
  file: string,
): KeySource {
  return {
    description: `snapshot ${file}`,
    async *keys() {
      for (const key of prepared.keys(prefix)) yield {key}
    },
  }
}
