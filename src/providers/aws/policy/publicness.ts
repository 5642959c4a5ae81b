/**
 * Whether a bucket policy is "public" in S3's sense, the verdict behind RestrictPublicBuckets and BlockPublicPolicy.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 *
 * "Amazon S3 begins by assuming that the policy is public", and a statement is non-public only if it grants to fixed
 * values (no wildcard, no policy variable) of a principal or of one of the listed condition keys.
 */
import ipaddr from 'ipaddr.js'

import {parseOperator} from './grammar.js'
import type {ConditionClause, PolicyDocument, PublicPolicyVerdict, Statement} from './types.js'

/** Condition keys whose fixed values make a `"*"` grant non-public (the list on the BPA page). */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOwner',
    'aws:SourceAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
)

/** Operators that pin a key to the listed values; negated, …IfExists and Null do not (s3-semantics.md §9 item 3). */
const PINNING = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
])

const fixed = (v: string) => !v.includes('*') && !v.includes('?') && !v.includes('${')

/** "very broad IP ranges … broader than /8 for IPv4 and /32 for IPv6 (excluding RFC1918 private ranges)" are public. */
function narrowRange(value: string): boolean {
  try {
    const [addr, bits] = value.includes('/')
      ? ipaddr.parseCIDR(value)
      : [ipaddr.parse(value), value.includes(':') ? 128 : 32]
    if (addr.kind() === 'ipv4') return bits >= 8 || addr.range() === 'private'
    return bits >= 32
  } catch {
    return false
  }
}

function clauseRestricts(c: ConditionClause): boolean {
  const op = parseOperator(c.operator)
  if (op === null || op.ifExists || op.set !== null || !PINNING.has(op.base)) return false
  const key = c.key.toLowerCase()
  if (key === 'aws:sourceip') return op.base === 'IpAddress' && c.values.every(narrowRange)
  if (!RESTRICTING_KEYS.has(key)) return false
  // aws:userid is fixed only outside the pattern "AROLEID:*" (BPA page).
  if (key === 'aws:userid') return c.values.every((v) => fixed(v) && !v.endsWith(':*'))
  // In a bucket policy the access point name part of s3:DataAccessPointArn may be a wildcard when the account is fixed.
  if (key === 's3:dataaccesspointarn')
    return c.values.every((v) => /^arn:aws[a-z-]*:s3:[^:*?]*:\d{12}:accesspoint\//.test(v))
  return c.values.every(fixed)
}

function whyPublic(s: Statement): string | null {
  if (s.effect !== 'Allow') return null
  if (s.notPrincipal !== undefined)
    return 'Allow with NotPrincipal can grant anyone, anonymous users included'
  const p = s.principal
  if (p === undefined) return null
  const everyone = p.any || p.aws.includes('*')
  if (!everyone) {
    if (!p.any && p.federated.length > 0) return 'a Federated principal is treated as public'
    const wild = !p.any && [...p.aws, ...p.service, ...p.canonicalUser].some((v) => !fixed(v))
    return wild ? 'the principal contains a wildcard' : null
  }
  if (s.conditions.some(clauseRestricts)) return null
  return s.conditions.length === 0
    ? 'it grants to "*" without a condition'
    : 'it grants to "*" and no condition pins aws:SourceIp (to /8 or narrower), aws:SourceArn, aws:SourceVpc(e), aws:SourceAccount, aws:PrincipalOrgID or another listed key to fixed values'
}

export function classifyPolicy(policy: PolicyDocument): PublicPolicyVerdict {
  const publicStatements = policy.statements.flatMap((statement) => {
    const why = whyPublic(statement)
    return why === null ? [] : [{statement, why}]
  })
  return {public: publicStatements.length > 0, publicStatements}
}
