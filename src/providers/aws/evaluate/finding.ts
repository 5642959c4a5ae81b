import type {Confidence, Evidence, GuardLevel} from '../../../model/decision.js'
import {reasons, type ReasonCode} from '../../../explain/catalogue.js'

/** A reason before it is given its role in the decision (decisive, latent, context). */
export interface Finding {
  readonly code: ReasonCode
  readonly message: string
  readonly evidence: readonly Evidence[]
  readonly level?: GuardLevel
  readonly confidence: Confidence
  /** The status this finding produces when decisive; defaults to the catalogue's. */
  readonly status?: number
  readonly errorCode?: string | null
}

export function finding(
  code: ReasonCode,
  message: string,
  evidence: readonly Evidence[] = [],
  extra: {level?: GuardLevel; confidence?: Confidence; status?: number; errorCode?: string | null} = {},
): Finding {
  return {
    code,
    message,
    evidence,
    confidence: extra.confidence ?? 'documented',
    ...(extra.level === undefined ? {} : {level: extra.level}),
    ...(extra.status === undefined ? {} : {status: extra.status}),
    ...(extra.errorCode === undefined ? {} : {errorCode: extra.errorCode}),
  }
}

export function statusOf(f: Finding): number {
  const s = f.status ?? reasons[f.code].status
  if (s === null) throw new Error(`reason ${f.code} cannot decide a status`)
  return s
}

export function errorCodeOf(f: Finding): string | null {
  return f.errorCode === undefined ? reasons[f.code].errorCode : f.errorCode
}

/**
 * What one run of an S3 procedure concluded, before roles and fixes are attached.
 * `stops` are the checks that end the request, in the order S3 applies them: the first is decisive, the rest latent.
 * With no stop, `granted` says what let the request through.
 */
export interface ProcedureResult {
  readonly stops: readonly Finding[]
  readonly granted: Finding | null
  readonly context: readonly Finding[]
  readonly evaluatedKey?: string
  readonly location?: string
  /** Overrides the status of a successful answer (a redirect). */
  readonly successStatus?: number
  /** False when an error document or a redirect is served instead of the object. */
  readonly bodyIsObject?: boolean
}
