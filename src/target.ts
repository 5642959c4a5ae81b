/**
 * Target URLs → provider, bucket, key and endpoint (shared/DESIGN.md, "Providers and targets").
 * S3 forms: https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
 */
import {usageError} from './errors.js'
import type {Endpoint} from './model/request.js'

export interface Target {
  readonly provider: 'aws' | 'gcs' | 'azure'
  readonly bucket: string
  /** The object key (REST) or the decoded URL path without its leading slash (website); empty for a whole bucket. */
  readonly key: string
  readonly endpoint: Endpoint
  readonly region?: string
  readonly accessPoint?: {readonly name: string; readonly arn: string; readonly accountId: string}
  readonly url: string
}

const FORMS = [
  's3://BUCKET/KEY',
  'https://BUCKET.s3.REGION.amazonaws.com/KEY',
  'https://s3.REGION.amazonaws.com/BUCKET/KEY',
  'http://BUCKET.s3-website-REGION.amazonaws.com/PATH (or s3-website.REGION)',
  'arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY',
  'gs://BUCKET/OBJECT',
  'https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB',
]

function decodePath(path: string, input: string): string {
  try {
    // `+` stays literal in a path: only query strings use it for spaces.
    return decodeURIComponent(path)
  } catch {
    throw usageError(`the path of ${input} is not valid URL encoding`, {
      where: input,
      hint: 'percent-encode special characters, e.g. %20 for a space',
    })
  }
}

function s3Host(host: string): {bucket?: string; region?: string; website: boolean} | undefined {
  // Website: BUCKET.s3-website-REGION.amazonaws.com or BUCKET.s3-website.REGION.amazonaws.com
  let m = /^(.+)\.s3-website[.-]([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(host)
  if (m !== null) return {bucket: m[1] as string, region: m[2] as string, website: true}
  // Virtual-hosted: BUCKET.s3.amazonaws.com, BUCKET.s3.REGION.amazonaws.com, BUCKET.s3.dualstack.REGION.amazonaws.com
  m = /^(.+)\.s3(?:\.dualstack)?(?:[.-]([a-z0-9-]+))?\.amazonaws\.com(\.cn)?$/.exec(host)
  if (m !== null)
    return {bucket: m[1] as string, ...(m[2] === undefined ? {} : {region: m[2]}), website: false}
  // Path-style: s3.amazonaws.com, s3.REGION.amazonaws.com, s3-REGION.amazonaws.com, s3.dualstack.REGION…
  m = /^s3(?:\.dualstack)?(?:[.-]([a-z0-9-]+))?\.amazonaws\.com(\.cn)?$/.exec(host)
  if (m !== null) return {...(m[1] === undefined ? {} : {region: m[1]}), website: false}
  return undefined
}

/** Parses a target; `allowBare` accepts `bucket/prefix` (scan). Anything else is a usage error listing the forms. */
export function parseTarget(input: string, options: {allowBare?: boolean} = {}): Target {
  const text = input.trim()
  const ap = /^arn:(aws[a-z-]*):s3:([a-z0-9-]+):(\d{12}):accesspoint\/([^/]+)(?:\/object\/(.*))?$/.exec(text)
  if (ap !== null) {
    const [, , region, accountId, name, key] = ap as unknown as string[]
    return {
      provider: 'aws',
      bucket: '',
      key: key ?? '',
      endpoint: 'rest',
      region: region as string,
      accessPoint: {
        name: name as string,
        arn: text.replace(/\/object\/.*$/, ''),
        accountId: accountId as string,
      },
      url: text,
    }
  }
  const scheme = /^([a-z0-9]+):\/\/([^/]*)(\/.*)?$/i.exec(text)
  if (scheme === null) {
    if (options.allowBare === true && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(text)) {
      const [bucket, ...rest] = text.split('/')
      return {
        provider: 'aws',
        bucket: bucket as string,
        key: rest.join('/'),
        endpoint: 'rest',
        url: `s3://${text}`,
      }
    }
    throw usageError(`cannot read target "${input}"`, {where: input, hint: `use one of: ${FORMS.join(', ')}`})
  }
  const proto = (scheme[1] as string).toLowerCase()
  const host = (scheme[2] as string).toLowerCase()
  const rawPath = scheme[3] ?? ''
  const path = rawPath.replace(/[?#].*$/, '')
  switch (proto) {
    case 's3':
      return {provider: 'aws', bucket: host, key: path.slice(1), endpoint: 'rest', url: text}
    case 'gs':
      return {provider: 'gcs', bucket: host, key: path.slice(1), endpoint: 'rest', url: text}
    case 'az': {
      const [container, ...blob] = path.slice(1).split('/')
      return {
        provider: 'azure',
        bucket: `${host}/${container ?? ''}`,
        key: blob.join('/'),
        endpoint: 'rest',
        url: text,
      }
    }
    case 'http':
    case 'https': {
      const s3 = s3Host(host)
      if (s3 !== undefined) {
        const decoded = decodePath(path.slice(1), input)
        const region = s3.region === undefined ? {} : {region: s3.region}
        if (s3.bucket !== undefined)
          return {
            provider: 'aws',
            bucket: s3.bucket,
            key: decoded,
            endpoint: s3.website ? 'website' : 'rest',
            ...region,
            url: text,
          }
        const [bucket, ...rest] = decoded.split('/')
        if (bucket === undefined || bucket === '')
          throw usageError(`no bucket in ${input}`, {where: input, hint: `use one of: ${FORMS.join(', ')}`})
        return {provider: 'aws', bucket, key: rest.join('/'), endpoint: 'rest', ...region, url: text}
      }
      if (host === 'storage.googleapis.com' || host === 'storage.cloud.google.com') {
        const [bucket, ...rest] = decodePath(path.slice(1), input).split('/')
        return {provider: 'gcs', bucket: bucket ?? '', key: rest.join('/'), endpoint: 'rest', url: text}
      }
      const gcsVirtual = /^(.+)\.storage\.googleapis\.com$/.exec(host)
      if (gcsVirtual !== null)
        return {
          provider: 'gcs',
          bucket: gcsVirtual[1] as string,
          key: decodePath(path.slice(1), input),
          endpoint: 'rest',
          url: text,
        }
      const blob = /^([a-z0-9]+)\.blob\.core\.windows\.net$/.exec(host)
      if (blob !== null) {
        const [container, ...rest] = decodePath(path.slice(1), input).split('/')
        return {
          provider: 'azure',
          bucket: `${blob[1]}/${container ?? ''}`,
          key: rest.join('/'),
          endpoint: 'rest',
          url: text,
        }
      }
      const web = /^([a-z0-9]+)\.z\d+\.web\.core\.windows\.net$/.exec(host)
      if (web !== null)
        return {
          provider: 'azure',
          bucket: `${web[1]}/$web`,
          key: decodePath(path.slice(1), input),
          endpoint: 'website',
          url: text,
        }
      throw usageError(`"${host}" is not an S3, Cloud Storage or Azure Blob host`, {
        where: input,
        hint: `use one of: ${FORMS.join(', ')}`,
      })
    }
    default:
      throw usageError(`unknown scheme "${proto}://"`, {
        where: input,
        hint: `use one of: ${FORMS.join(', ')}`,
      })
  }
}
