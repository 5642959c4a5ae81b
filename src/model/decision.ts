import type {ReasonCode} from '../explain/catalogue.js'

/**
 * Where a piece of evidence lives in the snapshot, so an explanation can quote it and a user can find it.
 * `call` is the provider API whose answer holds it; `pointer` is a JSON pointer into that answer
 * (for a bucket policy: into the parsed policy document, e.g. `/Statement/1`).
 */
export interface SourceRef {
  readonly call: string
  readonly pointer?: string
  /** For object facts: the key whose facts these are. */
  readonly key?: string
  /** 1-based statement number and optional Sid, the way AWS's own tools name a statement. */
  readonly statement?: {readonly index: number; readonly sid?: string}
}

/** One quoted fact behind a reason: a statement, a setting, a grant, a condition value. */
export interface Evidence {
  readonly source: SourceRef
  /** What is quoted: the statement, the setting's value, the grant; JSON-serialisable. */
  readonly quote: unknown
  /** A short label for renderers, e.g. "condition aws:Referer". */
  readonly label?: string
}

/**
 * How a reason bears on the answer.
 * - `decisive`: the first check that ended the request; it gives the status.
 * - `latent`: a later check that would fail too; fixing the decisive cause reveals it.
 * - `context`: explains something about how the request was handled (an index document, a skipped grant)
 *   without being a failure on its own.
 */
export type ReasonRole = 'decisive' | 'latent' | 'context'

/**
 * Whether the rule behind a reason is stated by the provider's documentation or inferred from several
 * documented rules or observed behaviour (shared/research/s3-semantics.md §9 lists the inferred points).
 */
export type Confidence = 'documented' | 'inferred'

/** BPA and similar guards apply at several levels; the level is a field, never part of the code. */
export type GuardLevel = 'organization' | 'account' | 'bucket' | 'access-point'

/** A cause, with its stable code from the reason catalogue and the evidence that shows it. */
export interface Reason {
  readonly code: ReasonCode
  readonly role: ReasonRole
  /** One line, for people. Renderers may rephrase; tools should key on `code`. */
  readonly message: string
  readonly evidence: readonly Evidence[]
  readonly level?: GuardLevel
  readonly confidence: Confidence
  /** The provider documentation the rule implements. */
  readonly doc: string
}

/** A fact the tool could not read, the call that failed, and the permission that would let it read it. */
export interface Gap {
  /** What is unknown, e.g. "bucket policy". */
  readonly fact: string
  /** The API call that failed or was not made, e.g. "GetBucketPolicy". */
  readonly call: string
  /** The provider's error (code and message), or why the call was not made. */
  readonly error: string
  /** The permission the caller needs, e.g. "s3:GetBucketPolicy". */
  readonly permission: string
  /** Whether the missing fact changed the answer to `unknown` (false: the other facts settled it). */
  readonly decisive: boolean
}

/** A change that would make the request answer as expected. */
export interface Fix {
  /** The reason this fix addresses. */
  readonly reason: ReasonCode
  /** `smallest`: the least change; `safer`: an alternative that keeps the bucket private (e.g. CloudFront OAC). */
  readonly kind: 'smallest' | 'safer'
  readonly summary: string
  /** A ready-to-use snippet (a policy statement, a CLI command), when one helps. */
  readonly snippet?: string
}

/**
 * - `allowed`: the cloud serves the object (2xx).
 * - `redirect`: the cloud answers with a redirect (3xx, website endpoints).
 * - `denied`: the cloud refuses (403, and the 400s users mistake for 403).
 * - `not-found`: the cloud answers 404.
 * - `unknown`: a fact that could change the answer could not be read; `gaps` says which.
 */
export type Outcome = 'allowed' | 'redirect' | 'denied' | 'not-found' | 'unknown'

/** The answer for one request, as data; prose is the renderers' job. */
export interface Decision {
  /** The HTTP status the cloud would answer; null when the outcome is unknown. */
  readonly status: number | null
  /** The provider's error code (e.g. AccessDenied, InvalidObjectState); null when it answers without one. */
  readonly errorCode: string | null
  /** True when the body of the requested object (or the page it maps to) would be served. */
  readonly readable: boolean
  readonly outcome: Outcome
  /** Decisive reason first, then latent ones, then context. Empty only for `unknown` with gaps. */
  readonly reasons: readonly Reason[]
  readonly fixes: readonly Fix[]
  readonly gaps: readonly Gap[]
  /** The object key the request was really evaluated against (website index documents change it). */
  readonly evaluatedKey?: string
  /** For redirects: where to. */
  readonly location?: string
  /**
   * When `unknown`: the statuses the request could get, one per possible value of the missing facts.
   * Lets a CI gate say "denied whatever the missing fact is" vs "could go either way".
   */
  readonly possibleStatuses?: readonly number[]
  /**
   * Facts taken from a bucket-level default instead of a per-object read (e.g. an object's encryption assumed from
   * the bucket's default encryption when HeadObject was not called), each as a sentence, so the reader knows what
   * was not checked.
   */
  readonly assumptions?: readonly string[]
}
