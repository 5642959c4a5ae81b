/**
 * Who sends the request.
 * - `anonymous`: an unsigned request from a browser, curl, a crawler.
 * - `service`: an AWS service principal signing on its own behalf, e.g. CloudFront Origin Access Control
 *   (`cloudfront.amazonaws.com` with `aws:SourceArn` = the distribution ARN).
 * - `aws`: a principal of an AWS account, e.g. a CloudFront Origin Access Identity
 *   (`arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E…`, with its canonical user id).
 */
export type Principal =
  | {readonly kind: 'anonymous'}
  | {
      readonly kind: 'service'
      readonly service: string
      readonly sourceArn?: string
      readonly sourceAccount?: string
    }
  | {readonly kind: 'aws'; readonly arn: string; readonly accountId: string; readonly canonicalId?: string}

/** Which front door the request used; S3 answers differently on each. */
export type Endpoint = 'rest' | 'website'

/** What the network and client add to a request, as the provider sees it. */
export interface RequestContext {
  /** HTTPS. Website endpoints are HTTP only, whatever this says. */
  readonly secureTransport: boolean
  /** Absent when the request comes through a VPC endpoint. IPv4 or IPv6. */
  readonly sourceIp?: string
  /** The Referer header, present only when the client sent one. */
  readonly referer?: string
  readonly userAgent?: string
  /** VPC endpoint id (vpce-…) when the request comes through one. */
  readonly sourceVpce?: string
  readonly sourceVpc?: string
  /** The time of the request (ISO 8601), for date conditions; the evaluator never reads a clock. */
  readonly now?: string
}

/** One request to evaluate. */
export interface AccessRequest {
  readonly principal: Principal
  readonly method: string
  readonly endpoint: Endpoint
  /** The object key (REST) or the URL path without its leading slash, decoded (website). */
  readonly key: string
  readonly context: RequestContext
  /** Query parameters the client adds, e.g. response-content-type (refused on unsigned requests). */
  readonly query?: Readonly<Record<string, string>>
  /** Set when the request is addressed to an S3 access point rather than the bucket. */
  readonly accessPoint?: {readonly name: string; readonly arn?: string}
}

export const anonymous: Principal = {kind: 'anonymous'}
