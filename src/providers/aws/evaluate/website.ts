/**
 * Procedure B: anonymous GET/HEAD on the static website endpoint (shared/research/s3-semantics.md §3).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
 */
import type {Oracle} from '../../../evaluator/branch.js'
import type {ObjectFacts, WebsiteConfig, WebsiteRoutingRule} from '../facts.js'
import {authorize, whyNotGranted} from './authorize.js'
import type {Env} from './env.js'
import {finding, statusOf, type Finding, type ProcedureResult} from './finding.js'
import {objectStateStops} from './objectState.js'
import {preAuthorizationStops} from './rest.js'

const WEBSITE_ALTERNATIVES: readonly (WebsiteConfig | null)[] = [
  null,
  {indexSuffix: 'index.html', routingRules: []},
]

function redirectTarget(env: Env, rule: WebsiteRoutingRule, key: string): string {
  const r = rule.redirect
  const host = r.hostName ?? `${env.bucket}.s3-website.${env.facts.bucket.region ?? 'REGION'}.amazonaws.com`
  let path = key
  if (r.replaceKeyWith !== undefined) path = r.replaceKeyWith
  else if (r.replaceKeyPrefixWith !== undefined)
    path = r.replaceKeyPrefixWith + key.slice((rule.keyPrefixEquals ?? '').length)
  return `${r.protocol ?? 'http'}://${host}/${path}`
}

function redirectResult(code: string | undefined, location: string, f: Finding): ProcedureResult {
  // The default redirect status is not documented; 301 is what S3 sends in practice (inferred).
  return {
    stops: [],
    granted: f,
    context: [],
    location,
    successStatus: Number(code ?? '301'),
    bodyIsObject: false,
  }
}

/** Can an anonymous visitor read `key` through the website? Used for the error document. */
function readable(env: Env, oracle: Oracle, key: string, object: ObjectFacts): Finding[] {
  if (!oracle.value(`exists:${key}`, object.exists, [true, false])) {
    return [
      finding('WEBSITE_ERROR_DOCUMENT_UNREADABLE', `The error document ${key} does not exist`, [], {
        status: 404,
        confidence: 'inferred',
      }),
    ]
  }
  const auth = authorize(env, oracle, 's3:GetObject', `arn:aws:s3:::${env.bucket}/${key}`, {
    secureTransport: false,
    object,
  })
  const stops = [
    ...auth.denies,
    ...(auth.grant === null && auth.denies.length === 0 ? whyNotGranted(auth) : []),
  ]
  return [...stops, ...objectStateStops(env, oracle, object, 'GET')]
}

export function websiteProcedure(
  env: Env,
  oracle: Oracle,
  path: string,
  objectFor: (key: string) => ObjectFacts,
): ProcedureResult {
  const b = env.facts.bucket
  const none = (f: Finding): ProcedureResult => ({stops: [f], granted: null, context: []})
  if (!oracle.value('bucket-exists', b.exists, [true, false]))
    return none(finding('NO_SUCH_BUCKET', `No bucket is named ${env.bucket}`))
  const website = oracle.value('website', b.website, WEBSITE_ALTERNATIVES)
  if (website === null) {
    return none(
      finding(
        'WEBSITE_NOT_CONFIGURED',
        'The bucket has no website configuration, so its website endpoint answers 404',
        [],
        {confidence: 'inferred'},
      ),
    )
  }
  const method = env.request.method.toUpperCase()
  if (method !== 'GET' && method !== 'HEAD') {
    return none(
      finding('METHOD_NOT_ALLOWED', `The website endpoint answers only GET and HEAD, not ${method}`, [], {
        confidence: 'inferred',
      }),
    )
  }
  const source = b.website.known ? b.website.source : {call: 'GetBucketWebsite'}
  const stops = preAuthorizationStops(env, oracle, 'website')
  if (stops.length > 0) return {stops, granted: null, context: []}
  if (website.redirectAllRequestsTo !== undefined) {
    const r = website.redirectAllRequestsTo
    return redirectResult(
      undefined,
      `${r.protocol ?? 'http'}://${r.hostName}/${path}`,
      finding(
        'WEBSITE_REDIRECT',
        `The website redirects every request to ${r.hostName}`,
        [{source, quote: {RedirectAllRequestsTo: r}, label: 'website configuration'}],
        {confidence: 'inferred'},
      ),
    )
  }
  const context: Finding[] = []
  let key = path
  // "the following URL, with a trailing slash, returns the photos/index.html index document" (IndexDocumentSupport).
  if ((key === '' || key.endsWith('/')) && website.indexSuffix !== undefined) {
    key = key + website.indexSuffix
    context.push(
      finding(
        'WEBSITE_INDEX_DOCUMENT',
        `The website endpoint serves the index document ${key} for this path`,
        [{source, quote: {IndexDocument: {Suffix: website.indexSuffix}}, label: 'website configuration'}],
      ),
    )
  }
  const prefixRule = website.routingRules.find(
    (r) => r.httpErrorCodeReturnedEquals === undefined && key.startsWith(r.keyPrefixEquals ?? ''),
  )
  if (prefixRule !== undefined) {
    return redirectResult(
      prefixRule.redirect.httpRedirectCode,
      redirectTarget(env, prefixRule, key),
      finding(
        'WEBSITE_REDIRECT',
        `Routing rule #${prefixRule.index} redirects keys starting with "${prefixRule.keyPrefixEquals ?? ''}"`,
        [{source, quote: prefixRule, label: `routing rule #${prefixRule.index}`}],
        {confidence: 'inferred'},
      ),
    )
  }
  const object = objectFor(key)
  const exists = oracle.value('exists', object.exists, [true, false])
  // Website endpoints do not support SSL, so aws:SecureTransport is false for every request (WebsiteEndpoints).
  const auth = authorize(env, oracle, 's3:GetObject', `arn:aws:s3:::${env.bucket}/${key}`, {
    secureTransport: false,
    ...(exists ? {object} : {}),
  })
  const httpOnly = auth.denies.some((d) =>
    d.evidence.some(
      (e) =>
        typeof e.quote === 'object' &&
        e.quote !== null &&
        String((e.quote as {key?: unknown}).key).toLowerCase() === 'aws:securetransport',
    ),
  )
  if (httpOnly)
    stops.push(
      finding(
        'WEBSITE_HTTP_ONLY',
        'Website endpoints serve plain HTTP only, so aws:SecureTransport is false and the "deny insecure transport" statement matches every website request',
        [],
        {confidence: 'inferred'},
      ),
    )
  stops.push(...auth.denies)
  let result: ProcedureResult
  if (!exists) {
    const folderIndex =
      website.indexSuffix === undefined || key === '' || key.endsWith('/')
        ? undefined
        : `${key}/${website.indexSuffix}`
    if (
      auth.denies.length === 0 &&
      folderIndex !== undefined &&
      oracle.value(`exists:${folderIndex}`, objectFor(folderIndex).exists, [false, true])
    ) {
      // "If that document is found, Amazon S3 returns a 302 Found message" (IndexDocumentSupport).
      return {
        stops: [],
        granted: finding(
          'WEBSITE_FOLDER_REDIRECT',
          `${key} is a folder: ${folderIndex} exists, so the website redirects to /${key}/`,
        ),
        context,
        location: `/${key}/`,
        successStatus: 302,
        bodyIsObject: false,
      }
    }
    if (auth.denies.length === 0) {
      // 404 needs public read on the key (a policy GetObject or a public bucket ACL); a policy s3:ListBucket does
      // not help here (inferred from compatibility tests against AWS, s3-semantics.md §9 item 2).
      const mayRead =
        auth.grant !== null ||
        authorize(env, oracle, 's3:ListBucket', `arn:aws:s3:::${env.bucket}`, {secureTransport: false}).grant
          ?.code === 'ALLOWED_BY_ACL'
      stops.push(
        mayRead
          ? finding(
              'MISSING_KEY',
              'No object has this key; the website answers 404 because the key would be publicly readable',
              [],
              {confidence: 'inferred'},
            )
          : finding(
              'MISSING_KEY_WITHOUT_LIST',
              'No object has this key, and the key would not be publicly readable, so the website answers 403',
              [],
              {confidence: 'inferred'},
            ),
      )
    }
    result = {stops, granted: null, context, evaluatedKey: key}
  } else {
    if (auth.grant === null) stops.push(...whyNotGranted(auth))
    stops.push(...objectStateStops(env, oracle, object, method))
    const redirect =
      stops.length === 0 ? oracle.value('website-redirect', object.websiteRedirect, [null]) : null
    if (redirect !== null) {
      // "The website then interprets the object as a 301 redirect" (how-to-page-redirect).
      return redirectResult(
        '301',
        redirect,
        finding('WEBSITE_REDIRECT', `The object carries x-amz-website-redirect-location ${redirect}`, [
          {
            source: object.websiteRedirect.known ? object.websiteRedirect.source : {call: 'HeadObject'},
            quote: {WebsiteRedirectLocation: redirect},
            label: 'object metadata',
          },
        ]),
      )
    }
    result = {stops, granted: auth.grant, context, evaluatedKey: key}
  }
  const first = result.stops[0]
  if (first === undefined) return result
  const status = statusOf(first)
  if (status < 400 || status >= 500) return result
  // Routing rules on an error code redirect instead of answering the error ("both must be true").
  const errorRule = website.routingRules.find(
    (r) => r.httpErrorCodeReturnedEquals === String(status) && key.startsWith(r.keyPrefixEquals ?? ''),
  )
  if (errorRule !== undefined) {
    return redirectResult(
      errorRule.redirect.httpRedirectCode,
      redirectTarget(env, errorRule, key),
      finding(
        'WEBSITE_REDIRECT',
        `Routing rule #${errorRule.index} redirects ${status} answers`,
        [{source, quote: errorRule, label: `routing rule #${errorRule.index}`}],
        {confidence: 'inferred'},
      ),
    )
  }
  // "Amazon S3 returns your custom error document for only the HTTP 4XX class of error codes" (CustomErrorDocSupport);
  // the original status is kept (inferred, widely observed).
  if (website.errorDocumentKey !== undefined) {
    const docKey = website.errorDocumentKey
    const problems = readable(env, oracle, docKey, objectFor(docKey))
    const evidence = [{source, quote: {ErrorDocument: {Key: docKey}}, label: 'website configuration'}]
    result = {
      ...result,
      bodyIsObject: false,
      context: [
        ...result.context,
        problems.length === 0
          ? finding(
              'WEBSITE_ERROR_DOCUMENT',
              `The website serves the error document ${docKey} with status ${status}`,
              evidence,
              {confidence: 'inferred'},
            )
          : finding(
              'WEBSITE_ERROR_DOCUMENT_UNREADABLE',
              `The error document ${docKey} cannot be served either (${problems[0]?.code ?? ''}), so S3 shows its own error page`,
              [...evidence, ...problems.flatMap((p) => p.evidence)],
              {confidence: 'inferred'},
            ),
      ],
    }
  }
  return result
}
