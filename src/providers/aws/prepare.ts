/**
 * The library entry for S3: facts and request template in, a cheap `decide(key)` out. Everything that does not
 * depend on the key (policy compilation, public-policy verdicts, context keys) is done once here, and REST decisions
 * are memoised by what can make two keys differ (which statements' resources match, and the object's own facts), so a
 * million-key scan evaluates each distinct situation once.
 */
import type {Decision, Reason} from '../../model/decision.js'
import type {AccessRequest} from '../../model/request.js'
import {explore} from '../../evaluator/branch.js'
import {reasons as catalogue} from '../../explain/catalogue.js'
import {combineRuns} from './evaluate/decide.js'
import {makeEnv, type Env} from './evaluate/env.js'
import {restProcedure} from './evaluate/rest.js'
import {websiteProcedure} from './evaluate/website.js'
import type {AwsFacts} from './facts.js'
import type {PolicyDocument} from './policy/types.js'
import {normalizeAws} from './normalize.js'
import type {AwsSnapshot, ObjectCalls} from './snapshot.js'

export interface PreparedBucket {
  readonly bucket: string
  /**
   * Decide one key. `calls` carries per-object facts read during a scan (a listing entry, a HeadObject answer);
   * without it, the snapshot's own facts for the key are used.
   */
  decide(key: string, calls?: ObjectCalls): Decision
  /** Keys the snapshot knows under a prefix (offline key source), in lexicographic order. */
  keys(prefix: string): Iterable<string>
}

/** A policy S3 would have refused cannot be in a real bucket: say so, quoting the problems, rather than guess. */
function invalidPolicyDecision(facts: AwsFacts): Decision | undefined {
  const policy = facts.bucket.policy
  if (!policy.known || policy.value.kind !== 'invalid') return undefined
  const reason: Reason = {
    code: 'POLICY_INVALID',
    role: 'decisive',
    message:
      'S3 would reject this bucket policy (MalformedPolicy), so no real bucket can have it; fix the snapshot',
    evidence: policy.value.problems.map((p) => ({
      source: {call: 'GetBucketPolicy', pointer: p.pointer},
      quote: p.quote,
      label: p.message,
    })),
    confidence: 'documented',
    doc: catalogue.POLICY_INVALID.doc,
  }
  return {
    status: null,
    errorCode: null,
    readable: false,
    outcome: 'unknown',
    reasons: [reason],
    fixes: [],
    gaps: [],
  }
}

/** What makes two keys' REST decisions differ, besides the statements their resources match. */
function objectDigest(snapshot: AwsSnapshot, key: string, calls: ObjectCalls | undefined): string {
  const c = calls ?? (Object.hasOwn(snapshot.objects, key) ? snapshot.objects[key] : undefined)
  if (c === undefined) {
    const listing = snapshot.bucket.calls.ListObjectsV2
    const covered =
      listing !== undefined &&
      'response' in listing &&
      listing.response.Complete &&
      key.startsWith(listing.response.Prefix)
    return covered ? 'missing' : 'unlisted'
  }
  const l = c.ListObjectsV2
  const listed =
    l === undefined
      ? '-'
      : l === null
        ? 'absent'
        : `${l.StorageClass ?? ''}|${l.Owner?.ID ?? ''}|${l.RestoreStatus === undefined ? '' : JSON.stringify(l.RestoreStatus)}`
  const head = c.HeadObject === undefined ? '-' : JSON.stringify(c.HeadObject)
  const acl = c.GetObjectAcl === undefined ? '-' : JSON.stringify(c.GetObjectAcl)
  return `${listed}#${head}#${acl}`
}

/**
 * AWS computes IsPublic with its own policy reasoner; why403 classifies the policy itself (it must, for what-if edits).
 * When both are known and differ, every answer says so: a finding about why403, never hidden.
 */
function policyStatusDisagreement(
  facts: AwsFacts,
  classify: (d: PolicyDocument) => boolean,
): Reason | undefined {
  const aws = facts.bucket.policyIsPublicByAws
  const policy = facts.bucket.policy
  if (!aws.known || aws.value === null || !policy.known || policy.value.kind !== 'valid') return undefined
  const ours = classify(policy.value.document)
  if (ours === aws.value) return undefined
  return {
    code: 'POLICY_STATUS_DISAGREEMENT',
    role: 'context',
    message: `AWS reports the bucket policy as ${aws.value ? 'public' : 'not public'} (GetBucketPolicyStatus) but why403 classifies it as ${ours ? 'public' : 'not public'}; RestrictPublicBuckets was applied on why403's reading, so check this answer with \`why403 probe\``,
    evidence: [
      {source: {call: 'GetBucketPolicyStatus'}, quote: {IsPublic: aws.value}, label: "AWS's verdict"},
    ],
    confidence: 'documented',
    doc: catalogue.POLICY_STATUS_DISAGREEMENT.doc,
  }
}

export function prepareAws(snapshot: AwsSnapshot, request: Omit<AccessRequest, 'key'>): PreparedBucket {
  const facts = normalizeAws(snapshot)
  const bucket = facts.bucket.name
  const invalid = invalidPolicyDecision(facts)
  const env: Env = makeEnv(facts, {...request, key: ''})
  const disagreement = policyStatusDisagreement(facts, (d) => env.classify(d).public)
  const policy = facts.bucket.policy
  const secure = request.context.secureTransport
  // Memoise REST decisions only when the policy is known (the usual case); decisions hold no key-specific text.
  const cache = new Map<string, Decision>()
  // Compiled once: the per-key cost of a memoised decision is this policy's resource test and a map lookup.
  const bound =
    policy.known && policy.value.kind === 'valid' ? env.bind(policy.value.document, secure) : undefined
  const memoisable =
    request.endpoint === 'rest' &&
    policy.known &&
    facts.bucket.rcps === null &&
    request.context.sourceVpce === undefined
  const MAX_CACHE = 10_000

  const decideUncached = (key: string, calls: ObjectCalls | undefined): Decision => {
    const d = evaluate(key, calls)
    return disagreement === undefined ? d : {...d, reasons: [...d.reasons, disagreement]}
  }
  const evaluate = (key: string, calls: ObjectCalls | undefined): Decision => {
    const f = calls === undefined ? facts : facts.withObjectCalls(key, calls)
    const e = f === facts ? env : {...env, facts: f}
    const {runs, complete} =
      request.endpoint === 'website'
        ? explore((oracle) => websiteProcedure(e, oracle, key, (k) => f.object(k)))
        : explore((oracle) => restProcedure(e, oracle, key, f.object(key)))
    return combineRuns(e, key, runs, complete)
  }

  return {
    bucket,
    decide(key, calls) {
      if (invalid !== undefined) return invalid
      // Website answers carry key-specific redirects; RCPs and VPC endpoint policies have resources of their own.
      if (!memoisable) return decideUncached(key, calls)
      const matchBits =
        bound === undefined ? '' : bound.signature('s3:GetObject', `arn:aws:s3:::${bucket}/${key}`)
      const cacheKey = `${matchBits}@${objectDigest(snapshot, key, calls)}`
      const hit = cache.get(cacheKey)
      if (hit !== undefined) return hit
      const decision = decideUncached(key, calls)
      // Fixes may quote the key; the first key of a group stands for the group, as scan examples do.
      if (cache.size < MAX_CACHE) cache.set(cacheKey, decision)
      return decision
    },
    *keys(prefix) {
      for (const k of facts.keys) if (k.startsWith(prefix)) yield k
    },
  }
}
