/** Turns a case into a snapshot and a request, and a decision into what cases compare. */
import {readFileSync} from 'node:fs'

import {parsePrincipal} from '../../src/cli/requestFlags.js'
import type {Decision} from '../../src/model/decision.js'
import type {AccessRequest} from '../../src/model/request.js'
import {AwsSnapshotSchema, type AwsSnapshot} from '../../src/providers/aws/snapshot.js'
import type {Case} from './schema.js'

/** RFC 7386 JSON merge patch (objects merge, null deletes, anything else replaces), except for call envelopes. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch
  // A call's answer is replaced whole: a response must not keep the error it replaces (and vice versa).
  if ('response' in patch || 'error' in patch) return patch
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? {...(target as Record<string, unknown>)}
      : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v)
  }
  return out
}

const pabResponse = (flags: Record<string, boolean> | null | undefined) =>
  flags === null || flags === undefined
    ? {error: {name: 'NoSuchPublicAccessBlockConfiguration', httpStatus: 404}}
    : {response: {PublicAccessBlockConfiguration: flags}}

export function caseSnapshot(c: Case, baseFile: string): AwsSnapshot {
  let s = JSON.parse(readFileSync(new URL(`./aws/bases/${baseFile}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >
  const calls: Record<string, unknown> = {}
  if (c.policy !== undefined) {
    calls.GetBucketPolicy =
      c.policy === null
        ? {error: {name: 'NoSuchBucketPolicy', httpStatus: 404}}
        : {response: {Policy: typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy)}}
  }
  if (c.bpa?.bucket !== undefined) calls.GetPublicAccessBlock = pabResponse(c.bpa.bucket)
  if (c.ownership !== undefined) {
    calls.GetBucketOwnershipControls =
      c.ownership === null
        ? {error: {name: 'OwnershipControlsNotFoundError', httpStatus: 404}}
        : {response: {OwnershipControls: {Rules: [{ObjectOwnership: c.ownership}]}}}
  }
  // Replace, don't merge, the calls a shorthand sets: a response must not keep the old error beside it.
  const bucket = s.bucket as {calls: Record<string, unknown>}
  s = {...s, bucket: {...bucket, calls: {...bucket.calls, ...calls}}}
  if (c.bpa?.account !== undefined)
    s = {...s, account: {...(s.account as object), GetPublicAccessBlock: pabResponse(c.bpa.account)}}
  if (c.patch !== undefined) s = mergePatch(s, c.patch) as Record<string, unknown>
  return AwsSnapshotSchema.parse(s)
}

export function caseRequest(c: Case): Omit<AccessRequest, 'key'> {
  const r = c.request
  const principal = /^arn:aws:iam::(\d{12}):/.test(r.as)
    ? {
        kind: 'aws' as const,
        arn: r.as,
        accountId: (/^arn:aws:iam::(\d{12}):/.exec(r.as) as RegExpExecArray)[1] as string,
      }
    : parsePrincipal(r.as)
  return {
    principal,
    method: r.method,
    endpoint: r.endpoint,
    context: {
      secureTransport: r.endpoint === 'website' ? false : r.secureTransport,
      ...(r.sourceIp === undefined ? {} : {sourceIp: r.sourceIp}),
      ...(r.referer === undefined ? {} : {referer: r.referer}),
      ...(r.userAgent === undefined ? {} : {userAgent: r.userAgent}),
      ...(r.sourceVpce === undefined ? {} : {sourceVpce: r.sourceVpce}),
      now: r.now ?? '2026-11-24T12:00:00Z',
    },
    ...(r.query === undefined ? {} : {query: r.query}),
    ...(r.accessPoint === undefined ? {} : {accessPoint: {name: r.accessPoint}}),
  }
}

/** The parts of a decision a case pins. */
export function observed(d: Decision) {
  return {
    status: d.status ?? ('unknown' as const),
    errorCode: d.errorCode ?? null,
    reasons: d.reasons
      .filter((r) => r.role !== 'context')
      .map((r) => (r.level === undefined ? r.code : `${r.code}@${r.level}`)),
    readable: d.readable,
    gaps: d.gaps.map((g) => g.permission),
    evaluatedKey: d.evaluatedKey,
    location: d.location,
    context: d.reasons.filter((r) => r.role === 'context').map((r) => r.code),
  }
}
