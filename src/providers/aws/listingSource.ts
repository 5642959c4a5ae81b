/**
 * The live key source of a scan: ListObjectsV2 streamed page by page. Each key comes with its listing entry (owner,
 * storage class, restore state), so no per-key call is needed, except GetObjectAcl where ACLs can still grant
 * (Object Ownership is not BucketOwnerEnforced), done with bounded concurrency.
 */
import {GetObjectAclCommand} from '@aws-sdk/client-s3'
import pLimit from 'p-limit'

import type {KeySource, SourcedKey} from '../../scan/keySource.js'
import type {AwsClients} from './clients.js'
import {aclsMatter, cleanResponse, errorOf, listObjectPages} from './fetch.js'
import type {AwsSnapshot, ObjectCalls} from './snapshot.js'

export function listingKeySource(
  clients: AwsClients,
  facts: AwsSnapshot,
  prefix: string,
  concurrency = 16,
): KeySource {
  const bucket = facts.bucket.name
  const withAcl = aclsMatter(facts)
  const limit = pLimit(concurrency)
  const acl = async (key: string): Promise<ObjectCalls['GetObjectAcl']> => {
    try {
      return {
        response: cleanResponse(await clients.s3.send(new GetObjectAclCommand({Bucket: bucket, Key: key}))),
      } as ObjectCalls['GetObjectAcl']
    } catch (e) {
      if ((e as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode === undefined) throw e
      return {error: errorOf(e)}
    }
  }
  return {
    description: `ListObjectsV2 s3://${bucket}/${prefix}`,
    async *keys(): AsyncIterable<SourcedKey> {
      for await (const page of listObjectPages(clients, bucket, prefix)) {
        const entries = page.entries.filter((e): e is typeof e & {Key: string} => e.Key !== undefined)
        const acls = withAcl ? await Promise.all(entries.map((e) => limit(() => acl(e.Key)))) : undefined
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i] as (typeof entries)[number]
          const objectAcl = acls?.[i]
          yield {
            key: entry.Key,
            calls: {ListObjectsV2: entry, ...(objectAcl === undefined ? {} : {GetObjectAcl: objectAcl})},
          }
        }
      }
    },
  }
}
