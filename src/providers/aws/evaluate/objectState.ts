/**
 * Checks on the object itself, reached only once the request is authorized in S3's order (an answer other than
 * AccessDenied to an unauthorized caller would leak that the key exists; shared/research/s3-semantics.md §9 item 4).
 * They are still computed for unauthorized requests, as latent reasons: fixing the 403 reveals them.
 */
import type {Oracle} from '../../../evaluator/branch.js'
import type {ObjectFacts} from '../facts.js'
import type {Env} from './env.js'
import {finding, type Finding} from './finding.js'
import {ARCHIVE_ALTERNATIVES, ENCRYPTION_ALTERNATIVES} from './world.js'

function kmsForNamedPrincipal(env: Env, oracle: Oracle, keyId: string | undefined): Finding | null {
  // CloudFront OAC reads SSE-KMS objects only if the key policy lets it decrypt:
  // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
  if (keyId === undefined) {
    const gap = {
      fact: 'KMS key of the object',
      call: 'HeadObject',
      error: 'no SSEKMSKeyId in the answer',
      permission: 's3:GetObject',
    }
    return oracle.choose('kms-key-id', gap, [false, true])
      ? finding(
          'KMS_KEY_POLICY_NO_ACCESS',
          'The KMS key is unknown, so whether the principal may decrypt is unknown',
          [],
          {confidence: 'inferred'},
        )
      : null
  }
  const key = env.facts.kmsKey(keyId)
  // The AWS managed key aws/s3 cannot be shared: its policy only serves principals of its own account (T403).
  if (oracle.value(`kms-managed:${keyId}`, key.managedByAws, [false, true])) {
    return finding(
      'KMS_KEY_POLICY_NO_ACCESS',
      'The object is encrypted with the AWS managed key aws/s3, whose policy cannot let this principal decrypt',
      [{source: {call: 'KMS:DescribeKey', key: keyId}, quote: {KeyManager: 'AWS'}, label: 'KMS key'}],
      {confidence: 'inferred'},
    )
  }
  const policy = oracle.value(`kms-policy:${keyId}`, key.policy, [{kind: 'none'} as const])
  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html: the key policy must allow kms:Decrypt.
  if (policy.kind === 'valid') {
    const matches = env.bind(policy.document, true).match('kms:Decrypt', keyId)
    const allowed = matches.some((m) => m.statement.effect === 'Allow' && m.result === 'match')
    const denied = matches.some((m) => m.statement.effect === 'Deny' && m.result === 'match')
    const undecided = matches.some((m) => m.result === 'unknown')
    if (allowed && !denied && !undecided) return null
    if (undecided) {
      const gap = {
        fact: `key policy of ${keyId}`,
        call: 'KMS:GetKeyPolicy',
        error: 'a statement depends on a value why403 cannot know',
        permission: 'kms:GetKeyPolicy',
      }
      if (oracle.choose(`kms-policy-undecided:${keyId}`, gap, [true, false])) return null
    }
  }
  return finding(
    'KMS_KEY_POLICY_NO_ACCESS',
    `The principal may read the object but the policy of KMS key ${keyId} does not let it decrypt`,
    [
      {
        source: {call: 'KMS:GetKeyPolicy', key: keyId},
        quote: policy.kind === 'valid' ? 'no Allow for kms:Decrypt matches' : 'no key policy',
        label: 'KMS key policy',
      },
    ],
    {confidence: 'inferred'},
  )
}

export function objectStateStops(env: Env, oracle: Oracle, object: ObjectFacts, method: string): Finding[] {
  const out: Finding[] = []
  // Archive classes: GetObject fails with 403 InvalidObjectState until restored; HeadObject succeeds.
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
  if (method !== 'HEAD') {
    const archive = oracle.value('archive', object.archive, ARCHIVE_ALTERNATIVES)
    if (archive.archived) {
      out.push(
        finding(
          'ARCHIVED_STORAGE_CLASS',
          `The object is archived (${archive.detail}) and must be restored before it can be read`,
          [
            {
              source: object.archive.known ? object.archive.source : {call: 'HeadObject'},
              quote: {StorageClass: archive.storageClass},
              label: 'storage class',
            },
          ],
        ),
      )
    }
  }
  const encryption = oracle.value('encryption', object.encryption, ENCRYPTION_ALTERNATIVES)
  const source = object.encryption.known ? object.encryption.source : {call: 'HeadObject'}
  if (encryption.kind === 'sse-c') {
    // "When you retrieve an object, you must provide the same encryption key as part of your request" (SSE-C).
    out.push(
      finding(
        'SSE_C_REQUIRES_KEY',
        'The object is encrypted with a customer-provided key (SSE-C); a request without that key is refused',
        [{source, quote: {SSECustomerAlgorithm: 'AES256'}, label: 'encryption'}],
        {confidence: 'inferred'},
      ),
    )
  } else if (encryption.kind === 'sse-kms' || encryption.kind === 'dsse-kms') {
    const evidence = [
      {
        source,
        quote: {
          ServerSideEncryption: encryption.kind === 'sse-kms' ? 'aws:kms' : 'aws:kms:dsse',
          ...(encryption.kmsKeyId === undefined ? {} : {SSEKMSKeyId: encryption.kmsKeyId}),
        },
        label: 'encryption',
      },
    ]
    if (env.principal.type === 'anonymous') {
      // "Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4":
      // https://repost.aws/knowledge-center/s3-kms-signature-version-error — a 400 users call "403".
      out.push(
        finding(
          'KMS_ENCRYPTED',
          'The object is encrypted with SSE-KMS; S3 refuses unsigned requests for it with 400 InvalidArgument (not 403)',
          evidence,
        ),
      )
    } else {
      const f = kmsForNamedPrincipal(env, oracle, encryption.kmsKeyId)
      if (f !== null) out.push({...f, evidence: [...evidence, ...f.evidence]})
    }
  }
  return out
}
