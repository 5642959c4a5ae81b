/** From a command's target and flags to a prepared bucket, offline from a snapshot file. */
import {usageError} from '../errors.js'
import type {AccessRequest} from '../model/request.js'
import {prepareAws, type PreparedBucket} from '../providers/aws/prepare.js'
import {readSnapshotFile} from '../snapshot/read.js'
import type {Target} from '../target.js'

export async function prepareFromSnapshot(
  file: string,
  target: Target | undefined,
  request: Omit<AccessRequest, 'key'>,
): Promise<{prepared: PreparedBucket; bucket: string; region: string | undefined}> {
  if (target !== undefined && target.provider !== 'aws') {
    throw usageError(
      `${target.provider === 'gcs' ? 'Google Cloud Storage' : 'Azure Blob Storage'} is not supported yet`,
      {
        where: target.url,
        hint: 'why403 explains Amazon S3 today; Cloud Storage and Azure are planned',
      },
    )
  }
  const snapshot = await readSnapshotFile(file)
  const bucket = snapshot.bucket.name
  if (target !== undefined && target.bucket !== '' && target.bucket !== bucket) {
    throw usageError(`the target names bucket "${target.bucket}" but the snapshot holds bucket "${bucket}"`, {
      where: `${target.url} vs ${file}`,
      hint: `use s3://${bucket}/KEY, or the snapshot of ${target.bucket}`,
    })
  }
  return {prepared: prepareAws(snapshot, request), bucket, region: snapshot.bucket.region}
}
