/**
 * Authorization of one S3 action on one resource: explicit denies, then grants from the bucket policy and ACLs,
 * filtered by Object Ownership and Block Public Access.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-auth-workflow-object-operation.html
 */
import type {Evidence, GuardLevel} from '../../../model/decision.js'
import type {Fact} from '../../../model/fact.js'
import type {Oracle} from '../../../evaluator/branch.js'
import type {BpaFlags, Grant, ObjectFacts, PolicyState} from '../facts.js'
import type {StatementMatch} from '../policy/types.js'
import type {Env} from './env.js'
import {finding, type Finding} from './finding.js'
import {ACL_ALTERNATIVES, BPA_ALTERNATIVES} from './world.js'

const BPA_DOC =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'

export type S3Action = 's3:GetObject' | 's3:ListBucket'

export interface AuthResult {
  /** Explicit denies, in the order S3 lists its policy types (RCP, VPC endpoint, bucket policy). */
  readonly denies: readonly Finding[]
  /** What grants the request, if anything does. */
  readonly grant: Finding | null
  /** Grants that would have applied but did not count, and Allows whose condition failed: why there is no grant. */
  readonly blocked: readonly Finding[]
}

export interface AuthOptions {
  readonly secureTransport: boolean
  /** The object, for GetObject on an existing key: its owner and ACL take part. */
  readonly object?: ObjectFacts
}

function statementEvidence(m: StatementMatch, call: string): Evidence {
  const s = m.statement
  return {
    source: {
      call,
      pointer: s.pointer,
      statement: {index: s.index, ...(s.sid === undefined ? {} : {sid: s.sid})},
    },
    quote: s.raw,
    label: `statement #${s.index}${s.sid === undefined ? '' : ` (${s.sid})`}`,
  }
}

function clauseEvidence(m: StatementMatch, call: string, which: 'failed' | 'all'): Evidence[] {
  return m.clauses
    .filter((c) => which === 'all' || c.result === 'no-match')
    .map((c) => ({
      source: {call, pointer: c.clause.pointer, statement: {index: m.statement.index}},
      quote: {
        operator: c.clause.operator,
        key: c.clause.key,
        expected: c.clause.values,
        actual: c.actual.kind === 'present' ? c.actual.values : c.actual.kind,
        ...(c.note === undefined ? {} : {note: c.note}),
      },
      label: `condition ${c.clause.operator} ${c.clause.key}`,
    }))
}

/** Resolves a statement that may apply: `unknown` (a value why403 cannot know decides) becomes a choice point. */
function applies(oracle: Oracle, m: StatementMatch, policyName: string, action: string): boolean {
  if (m.result !== 'unknown') return m.result === 'match'
  const notes = m.clauses
    .filter((c) => c.result === 'unknown')
    .map((c) => c.note ?? `${c.clause.operator} ${c.clause.key}`)
  return oracle.choose(
    `${policyName}#${m.statement.index}:${action}`,
    {
      fact: `whether ${policyName} statement #${m.statement.index}${m.statement.sid === undefined ? '' : ` (${m.statement.sid})`} applies`,
      call: policyName === 'bucket policy' ? 'GetBucketPolicy' : policyName,
      error: notes.join('; ') || 'a condition why403 cannot evaluate',
      permission: 'none: give the missing request context (e.g. --source-ip, --user-agent, --now)',
    },
    [true, false],
  )
}

/** Allow statements that matched everything but their condition: the "almost" grants users want to hear about. */
function isNearMiss(m: StatementMatch): boolean {
  return (
    m.principal === 'match' && m.action === 'match' && m.resource === 'match' && m.condition === 'no-match'
  )
}

/**
 * Levels (account, bucket) at which a Block Public Access flag is on. Known levels are consulted first, so that
 * when a known level already blocks, it is the decisive one whatever the unreadable level says.
 * "Amazon S3 applies the most restrictive combination of the bucket-level and account-level settings" (BPA).
 */
export function bpaLevels(
  env: Env,
  oracle: Oracle,
  flag: keyof BpaFlags,
): {level: GuardLevel; evidence: Evidence}[] {
  const levels: [GuardLevel, Fact<BpaFlags>][] = [
    ['account', env.facts.bucket.bpaAccount],
    ['bucket', env.facts.bucket.bpaBucket],
  ]
  levels.sort((a, b) => Number(b[1].known) - Number(a[1].known))
  const on: {level: GuardLevel; evidence: Evidence}[] = []
  for (const [level, fact] of levels) {
    if (oracle.value(`bpa:${level}`, fact, BPA_ALTERNATIVES)[flag]) {
      on.push({
        level,
        evidence: {
          source: fact.known
            ? fact.source
            : {call: level === 'account' ? 'S3Control:GetPublicAccessBlock' : 'GetPublicAccessBlock'},
          quote: {[flag]: true},
          label: `${flag} (${level})`,
        },
      })
    }
  }
  return on
}

function policyIsPublic(env: Env, state: PolicyState): boolean {
  return state.kind === 'valid' && env.classify(state.document).public
}

/** RestrictPublicBuckets spares AWS service principals and principals of the bucket owner's account (BPA). */
function sparedByRestrictPublicBuckets(env: Env, oracle: Oracle): boolean {
  const p = env.principal
  if (p.type === 'service') return true
  if (p.type === 'anonymous') return false
  return (
    oracle.value('bucket-account', env.facts.bucket.accountId, [p.accountId, 'another account']) ===
    p.accountId
  )
}

function rpbFindings(
  env: Env,
  oracle: Oracle,
  state: PolicyState,
  what: string,
  confidence: 'documented' | 'inferred',
): Finding[] {
  if (!policyIsPublic(env, state) || sparedByRestrictPublicBuckets(env, oracle)) return []
  const verdict = state.kind === 'valid' ? env.classify(state.document) : undefined
  const why = verdict?.publicStatements.map((p) => ({
    source: {
      call: 'GetBucketPolicy',
      pointer: p.statement.pointer,
      statement: {index: p.statement.index, ...(p.statement.sid === undefined ? {} : {sid: p.statement.sid})},
    },
    quote: p.why,
    label: `public because of statement #${p.statement.index}`,
  }))
  return bpaLevels(env, oracle, 'RestrictPublicBuckets').map(({level, evidence}) =>
    finding(
      'BPA_RESTRICT_PUBLIC_BUCKETS',
      `The bucket policy is public and RestrictPublicBuckets is on at the ${level} level, so ${what} is ignored`,
      [evidence, ...(why ?? [])],
      {level, confidence},
    ),
  )
}

function policyState(env: Env, oracle: Oracle): PolicyState {
  return oracle.value('policy', env.facts.bucket.policy, env.policyAlternatives)
}

function explicitDenies(env: Env, oracle: Oracle, action: S3Action, arn: string, secure: boolean): Finding[] {
  const out: Finding[] = []
  const b = env.facts.bucket
  // Resource control policies: only Deny statements restrict (RCPs cannot grant).
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  if (b.rcps !== null) {
    for (const doc of oracle.value('rcps', b.rcps, env.rcpAlternatives)) {
      for (const m of env.bind(doc, secure).match(action, arn)) {
        if (m.statement.effect === 'Deny' && applies(oracle, m, 'resource control policy', action)) {
          out.push(
            finding(
              'RCP_EXPLICIT_DENY',
              'An organisation resource control policy denies the request',
              [statementEvidence(m, 'Organizations:DescribePolicy')],
              {
                confidence: 'inferred',
              },
            ),
          )
        }
      }
    }
  }
  // The VPC endpoint policy is a filter: it must allow the request, and any Deny in it refuses it.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html
  const vpce = env.request.context.sourceVpce
  if (vpce !== undefined) {
    const state = oracle.value(`vpce:${vpce}`, env.facts.vpcEndpointPolicy(vpce), env.vpcePolicyAlternatives)
    if (state.kind === 'valid') {
      const matches = env.bind(state.document, secure).match(action, arn)
      const deny = matches.find(
        (m) => m.statement.effect === 'Deny' && applies(oracle, m, `VPC endpoint ${vpce} policy`, action),
      )
      const allow = matches.some(
        (m) => m.statement.effect === 'Allow' && applies(oracle, m, `VPC endpoint ${vpce} policy`, action),
      )
      if (deny !== undefined || !allow) {
        out.push(
          finding(
            'VPC_ENDPOINT_POLICY_DENY',
            deny !== undefined
              ? `The policy of VPC endpoint ${vpce} denies the request`
              : `The policy of VPC endpoint ${vpce} does not allow the request`,
            deny === undefined ? [] : [statementEvidence(deny, 'EC2:DescribeVpcEndpoints')],
          ),
        )
      }
    }
  }
  const state = policyState(env, oracle)
  if (state.kind === 'valid') {
    for (const m of env.bind(state.document, secure).match(action, arn)) {
      if (m.statement.effect !== 'Deny' || !applies(oracle, m, 'bucket policy', action)) continue
      out.push(
        finding(
          'EXPLICIT_DENY',
          `Statement #${m.statement.index}${m.statement.sid === undefined ? '' : ` (${m.statement.sid})`} of the bucket policy denies ${action}`,
          [statementEvidence(m, 'GetBucketPolicy'), ...clauseEvidence(m, 'GetBucketPolicy', 'all')],
        ),
      )
    }
  }
  return out
}

/** Whether the bucket owner owns the object; with BucketOwnerEnforced it always does (OWN). */
function ownedByBucketOwner(
  env: Env,
  oracle: Oracle,
  object: ObjectFacts,
): {owned: boolean; evidence: Evidence[]} {
  const b = env.facts.bucket
  const ownership = oracle.value('ownership', b.ownership, ['BucketOwnerEnforced', 'ObjectWriter'] as const)
  if (ownership === 'BucketOwnerEnforced') return {owned: true, evidence: []}
  const objectOwner = object.ownerId
  const bucketOwner = b.ownerId
  if (objectOwner.known && bucketOwner.known) {
    return {
      owned: objectOwner.value === bucketOwner.value,
      evidence: [
        {source: objectOwner.source, quote: {Owner: {ID: objectOwner.value}}, label: 'object owner'},
        {source: bucketOwner.source, quote: {Owner: {ID: bucketOwner.value}}, label: 'bucket owner'},
      ],
    }
  }
  // One side unread: whether they are equal is the unknown fact.
  const missing = objectOwner.known ? bucketOwner : objectOwner
  const gap = missing.known ? undefined : missing.gap
  const owned = gap === undefined ? true : oracle.choose('object-owned', gap, [true, false])
  return {owned, evidence: []}
}

function policyGrant(
  env: Env,
  oracle: Oracle,
  action: S3Action,
  arn: string,
  options: AuthOptions,
  blocked: Finding[],
): Finding | null {
  const state = policyState(env, oracle)
  if (state.kind !== 'valid') return null
  const allows: StatementMatch[] = []
  for (const m of env.bind(state.document, options.secureTransport).match(action, arn)) {
    if (m.statement.effect !== 'Allow') continue
    if (applies(oracle, m, 'bucket policy', action)) allows.push(m)
    else if (isNearMiss(m)) {
      blocked.push(
        finding(
          'CONDITION_NOT_MET',
          `Statement #${m.statement.index}${m.statement.sid === undefined ? '' : ` (${m.statement.sid})`} would allow ${action}, but its condition is false for this request`,
          [statementEvidence(m, 'GetBucketPolicy'), ...clauseEvidence(m, 'GetBucketPolicy', 'failed')],
        ),
      )
    }
  }
  if (allows.length === 0) return null
  const first = allows[0] as StatementMatch
  const evidence = allows.map((m) => statementEvidence(m, 'GetBucketPolicy'))
  // "Allow statements in a bucket policy apply only to objects that are owned by the same bucket-owning account"
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html
  if (options.object !== undefined) {
    const owner = ownedByBucketOwner(env, oracle, options.object)
    if (!owner.owned) {
      blocked.push(
        finding(
          'OBJECT_NOT_OWNED_BY_BUCKET_OWNER',
          'The bucket policy allows the request, but the object belongs to another account, so the policy cannot grant it',
          [...evidence, ...owner.evidence],
        ),
      )
      return null
    }
  }
  const restricted = rpbFindings(env, oracle, state, 'its grant to this requester', 'documented')
  if (restricted.length > 0) {
    blocked.push(...restricted.map((f) => ({...f, evidence: [...f.evidence, ...evidence]})))
    return null
  }
  return finding(
    'ALLOWED_BY_POLICY',
    `Statement #${first.statement.index}${first.statement.sid === undefined ? '' : ` (${first.statement.sid})`} of the bucket policy allows ${action}`,
    evidence,
  )
}

/** ACL grants that match the requester. https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html */
function aclMatches(
  env: Env,
  grant: Grant,
  permissions: readonly string[],
): 'match' | 'authenticated-only' | 'no' {
  if (!permissions.includes(grant.permission)) return 'no'
  const p = env.principal
  switch (grant.grantee.kind) {
    case 'all-users':
      return 'match'
    case 'authenticated-users':
      // "all requests must be signed (authenticated)": an unsigned request never matches.
      return p.type === 'aws' ? 'match' : p.type === 'anonymous' ? 'authenticated-only' : 'no'
    case 'canonical':
      return p.type === 'aws' && p.canonicalId === grant.grantee.id ? 'match' : 'no'
    default:
      return 'no'
  }
}

const isPublicGrantee = (g: Grant) =>
  g.grantee.kind === 'all-users' || g.grantee.kind === 'authenticated-users'

function aclGrant(
  env: Env,
  oracle: Oracle,
  action: S3Action,
  options: AuthOptions,
  blocked: Finding[],
): Finding | null {
  const b = env.facts.bucket
  const forObject = action === 's3:GetObject'
  if (forObject && options.object === undefined) return null
  const ownership = oracle.value('ownership', b.ownership, ['BucketOwnerEnforced', 'ObjectWriter'] as const)
  const aclFact = forObject ? (options.object as ObjectFacts).acl : b.acl
  const call = forObject ? 'GetObjectAcl' : 'GetBucketAcl'
  const permissions = ['READ', 'FULL_CONTROL']
  if (ownership === 'BucketOwnerEnforced') {
    // ACLs are off: nothing to read. A raw ACL in a hand-edited snapshot is still worth naming.
    const leftover = aclFact.known
      ? aclFact.value.filter((g) => aclMatches(env, g, permissions) !== 'no')
      : []
    if (leftover.length > 0) {
      blocked.push(
        finding(
          'ACLS_DISABLED_BY_OWNERSHIP',
          'Object Ownership is BucketOwnerEnforced, so the ACL grant has no effect',
          [
            {
              source: b.ownership.known ? b.ownership.source : {call: 'GetBucketOwnershipControls'},
              quote: {ObjectOwnership: 'BucketOwnerEnforced'},
              label: 'Object Ownership',
            },
            ...leftover.map((g) => ({source: g.source, quote: g.raw, label: 'ACL grant'})),
          ],
        ),
      )
    }
    return null
  }
  const grants = oracle.value(`acl:${call}`, aclFact, ACL_ALTERNATIVES)
  for (const g of grants) {
    const m = aclMatches(env, g, permissions)
    const evidence: Evidence = {source: g.source, quote: g.raw, label: `${call} grant`}
    if (m === 'authenticated-only') {
      blocked.push(
        finding(
          'AUTHENTICATED_USERS_ONLY',
          'The ACL grants AuthenticatedUsers, which an unsigned request never matches',
          [evidence],
        ),
      )
      continue
    }
    if (m === 'no') continue
    if (isPublicGrantee(g)) {
      const ignored = bpaLevels(env, oracle, 'IgnorePublicAcls').map(({level, evidence: flag}) =>
        finding(
          'BPA_IGNORE_PUBLIC_ACLS',
          `IgnorePublicAcls is on at the ${level} level, so the public ACL grant is ignored`,
          [flag, evidence],
          {level},
        ),
      )
      // Whether RestrictPublicBuckets also drops ACL grants when the policy is public is not settled by the
      // documentation (shared/research/s3-semantics.md §9 item 1): modelled as yes, labelled inferred.
      const restricted =
        ignored.length > 0
          ? []
          : rpbFindings(env, oracle, policyState(env, oracle), 'the public ACL grant', 'inferred')
      if (ignored.length > 0 || restricted.length > 0) {
        blocked.push(...ignored, ...restricted.map((f) => ({...f, evidence: [...f.evidence, evidence]})))
        continue
      }
    }
    return finding(
      forObject ? 'ALLOWED_BY_ACL' : 'ALLOWED_BY_ACL',
      `The ${forObject ? 'object' : 'bucket'} ACL grants ${g.permission} to ${g.grantee.kind}`,
      [evidence],
    )
  }
  return null
}

/**
 * Authorizes `action` on `arn` for the env's principal. Denies are always computed (they win whatever grants);
 * grants are searched policy first, then ACLs, and the search stops at the first grant, so facts that cannot
 * matter (an unreadable object ACL when the policy already grants) are never consulted.
 */
export function authorize(
  env: Env,
  oracle: Oracle,
  action: S3Action,
  arn: string,
  options: AuthOptions,
): AuthResult {
  const denies = explicitDenies(env, oracle, action, arn, options.secureTransport)
  const blocked: Finding[] = []
  const grant =
    policyGrant(env, oracle, action, arn, options, blocked) ?? aclGrant(env, oracle, action, options, blocked)
  if (
    grant === null &&
    action === 's3:GetObject' &&
    env.principal.type === 'anonymous' &&
    env.facts.bucket.acl.known
  ) {
    // "You cannot grant GET object permissions with bucket ACL settings" (troubleshoot-403-errors).
    const listOnly = env.facts.bucket.acl.value.find(
      (g) => g.grantee.kind === 'all-users' && (g.permission === 'READ' || g.permission === 'FULL_CONTROL'),
    )
    if (listOnly !== undefined) {
      blocked.push(
        finding(
          'BUCKET_ACL_GRANTS_LIST_ONLY',
          'The bucket ACL grants AllUsers READ, which allows listing the bucket, never reading its objects',
          [{source: listOnly.source, quote: listOnly.raw, label: 'bucket ACL grant'}],
        ),
      )
    }
  }
  return {denies, grant, blocked}
}

export {BPA_DOC}

/** Why nothing grants the request: the grants that were blocked, or plain implicit deny when there were none. */
export function whyNotGranted(auth: AuthResult): readonly Finding[] {
  return auth.blocked.length > 0
    ? auth.blocked
    : [finding('NO_ALLOW', 'No bucket policy statement or ACL grant allows this request (implicit deny)')]
}
