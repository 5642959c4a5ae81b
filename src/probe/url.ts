/** Where a probe goes: the public URL S3 serves the object at, on the REST or the website endpoint. */
import type {Endpoint} from '../model/request.js'

export interface ProbeTarget {
  readonly url: string
  /** A Host header to send instead of the URL's (emulators that route the website endpoint by host name). */
  readonly host?: string
}

/** Keys are percent-encoded segment by segment; `/` stays a separator. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

export function probeTarget(options: {
  bucket: string
  key: string
  endpoint: Endpoint
  region: string
  targetUrl: string
  endpointUrl?: string | undefined
}): ProbeTarget {
  const {bucket, key, endpoint, region, targetUrl, endpointUrl} = options
  if (endpointUrl !== undefined) {
    const base = endpointUrl.replace(/\/$/, '')
    if (endpoint === 'rest') return {url: `${base}/${bucket}/${encodeKey(key)}`}
    // LocalStack serves the website endpoint on its own port, routed by the Host header <bucket>.s3-website.<domain>.
    const port = new URL(base).port
    return {
      url: `${base}/${encodeKey(key)}`,
      host: `${bucket}.s3-website.localhost.localstack.cloud${port === '' ? '' : `:${port}`}`,
    }
  }
  if (/^https?:\/\//.test(targetUrl)) return {url: targetUrl}
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html and WebsiteEndpoints.html
  return endpoint === 'website'
    ? {url: `http://${bucket}.s3-website.${region}.amazonaws.com/${encodeKey(key)}`}
    : {url: `https://${bucket}.s3.${region}.amazonaws.com/${encodeKey(key)}`}
}
