/** Flags that describe the request being simulated, shared by explain and scan, and their translation. */
import {Flags} from '@oclif/core'
import ipaddr from 'ipaddr.js'

import {usageError} from '../errors.js'
import type {AccessRequest, Endpoint, Principal} from '../model/request.js'

export const requestFlags = {
  as: Flags.string({
    summary: 'Who sends the request.',
    description:
      'anonymous (default); cloudfront:DISTRIBUTION_ARN for CloudFront Origin Access Control (service principal cloudfront.amazonaws.com with aws:SourceArn); oai:CANONICAL_USER_ID or an OAI ARN (arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E…) for a legacy Origin Access Identity.',
    default: 'anonymous',
    helpValue: 'PRINCIPAL',
  }),
  endpoint: Flags.option({
    options: ['rest', 'website'] as const,
    summary: 'Which S3 endpoint the request goes to (default: from the target URL).',
  })(),
  method: Flags.option({
    options: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const,
    default: 'GET' as const,
    summary: 'HTTP method.',
  })(),
  insecure: Flags.boolean({
    summary:
      'The request uses plain HTTP (aws:SecureTransport is false). Website endpoints are always plain HTTP.',
  }),
  'source-ip': Flags.string({
    summary: "The caller's IP address (IPv4 or IPv6), for aws:SourceIp conditions.",
    helpValue: 'IP',
  }),
  referer: Flags.string({
    summary: 'The Referer header the browser sends, for aws:Referer conditions.',
    helpValue: 'URL',
  }),
  'user-agent': Flags.string({summary: 'The User-Agent header, for aws:UserAgent conditions.'}),
  vpce: Flags.string({
    summary: 'The request comes through this VPC endpoint (aws:SourceVpce; aws:SourceIp is then absent).',
    helpValue: 'vpce-…',
  }),
  now: Flags.string({
    summary: 'The time of the request, for date conditions (default: now).',
    helpValue: 'ISO-8601',
  }),
}

/** Parses --as. Distribution ARNs: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html */
export function parsePrincipal(value: string): Principal {
  if (value === 'anonymous') return {kind: 'anonymous'}
  const cf = /^cloudfront:(arn:aws[a-z-]*:cloudfront::(\d{12}):distribution\/[A-Z0-9]+)$/.exec(value)
  if (cf !== null)
    return {
      kind: 'service',
      service: 'cloudfront.amazonaws.com',
      sourceArn: cf[1] as string,
      sourceAccount: cf[2] as string,
    }
  const oaiId = /^oai:([0-9a-f]{64,96})$/.exec(value)
  if (oaiId !== null)
    return {
      kind: 'aws',
      arn: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity',
      accountId: 'cloudfront',
      canonicalId: oaiId[1] as string,
    }
  const oaiArn = /^arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity (E[A-Z0-9]+)$/.exec(value)
  if (oaiArn !== null) return {kind: 'aws', arn: value, accountId: 'cloudfront'}
  throw usageError(`cannot read --as ${value}`, {
    where: '--as',
    hint: 'use anonymous, cloudfront:arn:aws:cloudfront::ACCOUNT:distribution/ID, oai:CANONICAL_USER_ID, or an OAI ARN',
  })
}

export interface RequestFlagValues {
  as: string
  endpoint?: Endpoint | undefined
  method: string
  insecure: boolean
  'source-ip'?: string | undefined
  referer?: string | undefined
  'user-agent'?: string | undefined
  vpce?: string | undefined
  now?: string | undefined
}

/** The request template (everything but the key) the flags describe. The clock is read here, at the edge. */
export function requestFromFlags(
  flags: RequestFlagValues,
  targetEndpoint: Endpoint,
  accessPoint?: {name: string; arn: string},
): Omit<AccessRequest, 'key'> {
  if (flags['source-ip'] !== undefined && !ipaddr.isValid(flags['source-ip'])) {
    throw usageError(`--source-ip ${flags['source-ip']} is not an IP address`, {
      where: '--source-ip',
      hint: 'e.g. 203.0.113.7 or 2001:db8::1',
    })
  }
  const now = flags.now ?? new Date().toISOString()
  if (Number.isNaN(Date.parse(now)))
    throw usageError(`--now ${now} is not a date`, {
      where: '--now',
      hint: 'use ISO 8601, e.g. 2026-11-24T12:00:00Z',
    })
  if (flags.vpce !== undefined && !/^vpce-[0-9a-f]+$/.test(flags.vpce)) {
    throw usageError(`--vpce ${flags.vpce} is not a VPC endpoint id`, {
      where: '--vpce',
      hint: 'e.g. vpce-1a2b3c4d',
    })
  }
  const endpoint = flags.endpoint ?? targetEndpoint
  return {
    principal: parsePrincipal(flags.as),
    method: flags.method,
    endpoint,
    context: {
      secureTransport: endpoint === 'website' ? false : !flags.insecure,
      ...(flags['source-ip'] === undefined ? {} : {sourceIp: flags['source-ip']}),
      ...(flags.referer === undefined ? {} : {referer: flags.referer}),
      ...(flags['user-agent'] === undefined ? {} : {userAgent: flags['user-agent']}),
      ...(flags.vpce === undefined ? {} : {sourceVpce: flags.vpce}),
      now,
    },
    ...(accessPoint === undefined ? {} : {accessPoint}),
  }
}

export function describePrincipal(p: Principal): string {
  switch (p.kind) {
    case 'anonymous':
      return 'anonymous'
    case 'service':
      return `${p.service}${p.sourceArn === undefined ? '' : ` for ${p.sourceArn}`}`
    case 'aws':
      return p.arn
  }
}
