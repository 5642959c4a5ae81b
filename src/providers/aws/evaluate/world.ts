/**
 * The representative values an unknown fact can take (src/evaluator/branch.ts). Each list must cover every
 * outcome the fact can produce in the S3 procedures, so that "the same answer for every alternative" really means
 * the fact does not matter.
 */
import type {Grant, BpaFlags, ObjectEncryption, ArchiveState, PolicyState} from '../facts.js'
import {parsePolicy} from '../policy/index.js'
import type {PolicyDocument} from '../policy/types.js'
import type {AccessRequest} from '../../../model/request.js'

export const BPA_ALTERNATIVES: readonly BpaFlags[] = [
  {BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false},
  {BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false},
  {BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true},
  {BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true},
]

const PUBLIC_READ_GRANT: Grant = {
  grantee: {kind: 'all-users'},
  permission: 'READ',
  source: {call: '(alternative)'},
  raw: {Grantee: {Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers'}, Permission: 'READ'},
}
export const ACL_ALTERNATIVES: readonly (readonly Grant[])[] = [[], [PUBLIC_READ_GRANT]]

export const ENCRYPTION_ALTERNATIVES: readonly ObjectEncryption[] = [
  {kind: 'sse-s3'},
  {kind: 'sse-kms'},
  {kind: 'sse-c'},
]

export const ARCHIVE_ALTERNATIVES: readonly ArchiveState[] = [
  {archived: false, storageClass: 'STANDARD'},
  {archived: true, storageClass: 'GLACIER', detail: 'GLACIER, no completed restore'},
]

function doc(statements: unknown[]): PolicyDocument {
  const parsed = parsePolicy({Version: '2012-10-17', Statement: statements})
  if (!parsed.ok) throw new Error(`internal: synthetic policy rejected: ${JSON.stringify(parsed.problems)}`)
  return parsed.policy
}

/**
 * Stand-ins for a bucket policy that could not be read: none at all, one that denies everything, one that allows
 * everything to everyone (public), and, when the request has something a non-public policy can name (a principal,
 * a VPC endpoint, a source address), one that allows exactly this request without being public.
 */
export function policyAlternatives(bucket: string, request: AccessRequest): PolicyState[] {
  const resource = [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]
  const all = {Action: 's3:*', Resource: resource}
  const alternatives: PolicyState[] = [
    {kind: 'none'},
    {kind: 'valid', document: doc([{Effect: 'Deny', Principal: '*', ...all}])},
    {kind: 'valid', document: doc([{Effect: 'Allow', Principal: '*', ...all}])},
  ]
  const p = request.principal
  const ctx = request.context
  let narrow: unknown
  if (p.kind === 'service') {
    narrow = {
      Effect: 'Allow',
      Principal: {Service: p.service},
      ...all,
      ...(p.sourceArn === undefined ? {} : {Condition: {StringEquals: {'aws:SourceArn': p.sourceArn}}}),
    }
  } else if (p.kind === 'aws') narrow = {Effect: 'Allow', Principal: {AWS: p.arn}, ...all}
  else if (ctx.sourceVpce !== undefined) {
    narrow = {
      Effect: 'Allow',
      Principal: '*',
      ...all,
      Condition: {StringEquals: {'aws:SourceVpce': ctx.sourceVpce}},
    }
  } else if (ctx.sourceIp !== undefined) {
    const cidr = ctx.sourceIp.includes(':') ? `${ctx.sourceIp}/128` : `${ctx.sourceIp}/32`
    narrow = {Effect: 'Allow', Principal: '*', ...all, Condition: {IpAddress: {'aws:SourceIp': cidr}}}
  }
  if (narrow !== undefined) alternatives.push({kind: 'valid', document: doc([narrow])})
  return alternatives
}

/** Stand-ins for unreadable resource control policies: none, or one denying everything. */
export function rcpAlternatives(bucket: string): (readonly PolicyDocument[])[] {
  return [
    [],
    [
      doc([
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        },
      ]),
    ],
  ]
}

/** Stand-ins for an unreadable VPC endpoint policy: the default full-access policy, or one denying everything. */
export function vpcePolicyAlternatives(): PolicyState[] {
  return [
    {kind: 'valid', document: doc([{Effect: 'Allow', Principal: '*', Action: '*', Resource: '*'}])},
    {kind: 'valid', document: doc([{Effect: 'Deny', Principal: '*', Action: '*', Resource: '*'}])},
  ]
}
