/**
 * Procedure A: GET/HEAD Object on the REST endpoint (shared/research/s3-semantics.md §2).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-auth-workflow-object-operation.html
 */
import type {Oracle} from '../../../evaluator/branch.js'
import type {ObjectFacts} from '../facts.js'
import {authorize, whyNotGranted} from './authorize.js'
import type {Env} from './env.js'
import {finding, type Finding, type ProcedureResult} from './finding.js'
import {objectStateStops} from './objectState.js'

/** Checks that come before authorization and end the request whatever the policies say. */
export function preAuthorizationStops(env: Env, oracle: Oracle, endpoint: 'rest' | 'website'): Finding[] {
  const out: Finding[] = []
  const b = env.facts.bucket
  const p = env.principal
  if (endpoint === 'rest' && env.request.accessPoint !== undefined && p.type === 'anonymous') {
    // "Access points don't support anonymous access":
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations.html
    out.push(
      finding(
        'ACCESS_POINT_NO_ANONYMOUS',
        `The request went to access point ${env.request.accessPoint.name}; access points refuse anonymous requests`,
        [],
        {confidence: 'documented'},
      ),
    )
  }
  // "If you enable Requester Pays on a bucket, anonymous access to that bucket is not allowed"; on the website
  // endpoint "any request to such a bucket receives a 403 Access Denied response". Only the owner's own requests, or
  // signed ones sending x-amz-request-payer, get through; CloudFront sends no such header (inferred).
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/RequesterPaysBuckets.html
  const owner = p.type === 'aws' && b.accountId.known && b.accountId.value === p.accountId
  if (!owner && oracle.value('requester-pays', b.requesterPays, [false, true])) {
    out.push(
      finding(
        'REQUESTER_PAYS',
        'The bucket is Requester Pays, and this request does not (cannot) agree to pay',
        [
          {
            source: b.requesterPays.known ? b.requesterPays.source : {call: 'GetBucketRequestPayment'},
            quote: {Payer: 'Requester'},
            label: 'request payment',
          },
        ],
        {confidence: endpoint === 'website' || p.type === 'anonymous' ? 'documented' : 'inferred'},
      ),
    )
  }
  if (endpoint === 'rest' && p.type === 'anonymous') {
    // response-* overrides "cannot be used with an unsigned (anonymous) request" (GetObject API reference).
    const overrides = Object.keys(env.request.query ?? {}).filter((k) =>
      k.toLowerCase().startsWith('response-'),
    )
    if (overrides.length > 0) {
      out.push(
        finding(
          'UNSIGNED_RESPONSE_OVERRIDE',
          `The unsigned request carries ${overrides.join(', ')}, which S3 refuses on unsigned requests`,
          [{source: {call: 'request'}, quote: overrides, label: 'query'}],
        ),
      )
    }
  }
  return out
}

/** Whether the requester may list the bucket: decides 404 vs 403 for a missing key on REST (GetObject reference). */
export function listFinding(env: Env, oracle: Oracle, secureTransport: boolean): Finding {
  const list = authorize(env, oracle, 's3:ListBucket', `arn:aws:s3:::${env.bucket}`, {secureTransport})
  if (list.denies.length === 0 && list.grant !== null) {
    return finding(
      'MISSING_KEY',
      'No object has this key, and the requester may list the bucket, so S3 answers 404',
      list.grant.evidence,
    )
  }
  return finding(
    'MISSING_KEY_WITHOUT_LIST',
    'No object has this key, and the requester may not list the bucket (s3:ListBucket), so S3 answers 403 rather than 404',
    [...list.denies, ...list.blocked].flatMap((f) => f.evidence),
  )
}

export function restProcedure(env: Env, oracle: Oracle, key: string, object: ObjectFacts): ProcedureResult {
  const b = env.facts.bucket
  const secure = env.request.context.secureTransport
  if (!oracle.value('bucket-exists', b.exists, [true, false])) {
    return {
      stops: [
        finding('NO_SUCH_BUCKET', `No bucket is named ${env.bucket}; anyone could create one with that name`),
      ],
      granted: null,
      context: [],
    }
  }
  const stops = preAuthorizationStops(env, oracle, 'rest')
  const exists = oracle.value('exists', object.exists, [true, false])
  const auth = authorize(env, oracle, 's3:GetObject', `arn:aws:s3:::${env.bucket}/${key}`, {
    secureTransport: secure,
    ...(exists ? {object} : {}),
  })
  stops.push(...auth.denies)
  if (!exists) {
    // "Deny statements in a bucket policy apply to all objects" — a Deny on the key answers 403 before existence.
    if (auth.denies.length === 0) stops.push(listFinding(env, oracle, secure))
    return {stops, granted: null, context: []}
  }
  if (auth.grant === null) {
    stops.push(...whyNotGranted(auth))
  }
  stops.push(...objectStateStops(env, oracle, object, env.request.method))
  return {stops, granted: auth.grant, context: []}
}
