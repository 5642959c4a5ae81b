/**
 * A real anonymous request: no Authorization header, no signature, no redirects followed — what a browser or curl
 * sends. S3 treats any request with credentials as authenticated, so the probe must carry none.
 */
import {request as httpRequest} from 'node:http'
import {request as httpsRequest} from 'node:https'

export interface ProbeAnswer {
  readonly url: string
  readonly status: number
  /** The S3 error code from the XML (or HTML) body, or x-amz-error-code style headers; null when none. */
  readonly errorCode: string | null
  readonly location: string | null
  readonly server: string | null
}

function errorCodeIn(body: string): string | null {
  // REST: <Error><Code>AccessDenied</Code>…; website: <li>Code: AccessDenied</li>.
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? /<li>Code: ([^<]+)<\/li>/.exec(body)?.[1] ?? null
}

export function unsignedGet(
  url: string,
  options: {method?: string; host?: string; timeoutMs?: number} = {},
): Promise<ProbeAnswer> {
  const u = new URL(url)
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(
      u,
      {
        method: options.method ?? 'GET',
        headers: {'user-agent': 'why403-probe', ...(options.host === undefined ? {} : {host: options.host})},
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          if (body.length < 16_384) body += chunk
        })
        res.on('end', () =>
          resolve({
            url,
            status: res.statusCode ?? 0,
            errorCode:
              errorCodeIn(body) ??
              (typeof res.headers['x-amz-error-code'] === 'string' ? res.headers['x-amz-error-code'] : null),
            location: typeof res.headers.location === 'string' ? res.headers.location : null,
            server: typeof res.headers.server === 'string' ? res.headers.server : null,
          }),
        )
      },
    )
    req.on('timeout', () =>
      req.destroy(new Error(`no answer from ${u.host} within ${options.timeoutMs ?? 10_000} ms`)),
    )
    req.on('error', reject)
    req.end()
  })
}
