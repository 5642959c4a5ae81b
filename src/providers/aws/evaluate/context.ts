/**
 * The IAM request context of an S3 GetObject, built from the request. Which keys an anonymous request carries is
 * documented key by key: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type {AccessRequest} from '../../../model/request.js'
import type {ContextLookup, ContextValue, IamPrincipal} from '../policy/types.js'

const ABSENT: ContextValue = {kind: 'absent'}
const present = (...values: string[]): ContextValue => ({kind: 'present', values})

/**
 * Keys that exist only for signed principals of an account (or only with a feature the request does not use).
 * For anonymous requests the IAM reference says each "is not present"; for service principals likewise unless noted.
 */
const PRINCIPAL_ONLY = [
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalserviceName',
  'aws:principalservicenamelist',
  'aws:username',
  'aws:federatedprovider',
  'aws:tokenissuetime',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:sourceidentity',
  'aws:viamawsservice',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:ec2instancesourcevpc',
  'aws:ec2instancesourceprivateipv4',
  'aws:rolesessionname',
].map((k) => k.toLowerCase())

/** Maps a request principal to the principal IAM matches against `Principal` elements. */
export function iamPrincipal(request: AccessRequest): IamPrincipal {
  const p = request.principal
  switch (p.kind) {
    case 'anonymous':
      return {type: 'anonymous'}
    case 'service':
      return {type: 'service', service: p.service}
    case 'aws':
      return {
        type: 'aws',
        arn: p.arn,
        accountId: p.accountId,
        ...(p.canonicalId === undefined ? {} : {canonicalId: p.canonicalId}),
      }
  }
}

/**
 * Builds the context lookup for one request. `secureTransport` is passed separately because the website endpoint
 * forces it to false whatever the client asked (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html).
 */
export function requestContext(request: AccessRequest, secureTransport: boolean): ContextLookup {
  const ctx = request.context
  const p = request.principal
  const map = new Map<string, ContextValue>()
  map.set('aws:securetransport', present(String(secureTransport)))
  // aws:SourceIp is absent when the request comes through a VPC endpoint (aws:VpcSourceIp carries it instead).
  if (ctx.sourceVpce !== undefined) {
    map.set('aws:sourcevpce', present(ctx.sourceVpce))
    map.set('aws:sourceip', ABSENT)
    map.set(
      'aws:vpcsourceip',
      ctx.sourceIp === undefined ? {kind: 'unknown', why: 'no --source-ip given'} : present(ctx.sourceIp),
    )
    map.set(
      'aws:sourcevpc',
      ctx.sourceVpc === undefined ? {kind: 'unknown', why: 'no --source-vpc given'} : present(ctx.sourceVpc),
    )
  } else {
    map.set('aws:sourcevpce', ABSENT)
    map.set('aws:sourcevpc', ABSENT)
    map.set('aws:vpcsourceip', ABSENT)
    map.set(
      'aws:sourceip',
      ctx.sourceIp === undefined
        ? {kind: 'unknown', why: 'the caller address is not known (pass --source-ip)'}
        : present(ctx.sourceIp),
    )
  }
  map.set('aws:referer', ctx.referer === undefined ? ABSENT : present(ctx.referer))
  map.set(
    'aws:useragent',
    ctx.userAgent === undefined ? {kind: 'unknown', why: 'no --user-agent given'} : present(ctx.userAgent),
  )
  if (ctx.now !== undefined) {
    map.set('aws:currenttime', present(ctx.now))
    map.set('aws:epochtime', present(String(Math.floor(Date.parse(ctx.now) / 1000))))
  } else {
    map.set('aws:currenttime', {kind: 'unknown', why: 'no request time given'})
    map.set('aws:epochtime', {kind: 'unknown', why: 'no request time given'})
  }
  for (const k of PRINCIPAL_ONLY) map.set(k, ABSENT)
  switch (p.kind) {
    case 'anonymous':
      map.set('aws:principaltype', present('Anonymous'))
      map.set('aws:userid', present('anonymous'))
      map.set('aws:principalaccount', present('anonymous'))
      map.set('aws:principalisawsservice', present('false'))
      map.set('aws:sourcearn', ABSENT)
      map.set('aws:sourceaccount', ABSENT)
      map.set('aws:sourceowner', ABSENT)
      break
    case 'service':
      // CloudFront OAC: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
      map.set('aws:principalisawsservice', present('true'))
      map.set('aws:principalservicename', present(p.service))
      map.set('aws:sourcearn', p.sourceArn === undefined ? ABSENT : present(p.sourceArn))
      map.set('aws:sourceaccount', p.sourceAccount === undefined ? ABSENT : present(p.sourceAccount))
      map.set('aws:principaltype', {kind: 'unknown', why: 'not documented for service principals'})
      break
    case 'aws':
      map.set('aws:principalarn', present(p.arn))
      map.set('aws:principalaccount', present(p.accountId))
      map.set('aws:principalisawsservice', present('false'))
      map.set('aws:sourcearn', ABSENT)
      map.set('aws:sourceaccount', ABSENT)
      map.set('aws:principaltype', {kind: 'unknown', why: 'depends on the kind of principal'})
      break
  }
  return (key: string): ContextValue => {
    const k = key.toLowerCase()
    const v = map.get(k)
    if (v !== undefined) return v
    // Tag keys of a principal: anonymous and service principals carry none.
    if (k.startsWith('aws:principaltag/') && p.kind !== 'aws') return ABSENT
    return {kind: 'unknown', why: `why403 does not model the condition key ${key}`}
  }
}
