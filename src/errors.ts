/**
 * "Could not run" errors: bad input, bad configuration, a provider that failed in a way that stops the command.
 * A 403 from the evaluator is a result, never one of these. Each error says what was wrong, where, and what to do,
 * and carries the exit code the CLI ends with (see ExitCode).
 */

/** Exit codes, part of the CLI contract (shared/DESIGN.md). 0–2 are verdicts; 3 and up mean the tool could not answer. */
export const ExitCode = {
  /** explain: readable; scan/check: every expectation met; probe: prediction and reality agree. */
  Ok: 0,
  /** explain: not readable; scan/check: an expectation failed; probe: disagreement. */
  Denied: 1,
  /** explain: the answer is unknown because a fact could not be read. */
  Unknown: 2,
  /** Bad command line: unknown flag, bad target, conflicting options. */
  Usage: 3,
  /** An input file (snapshot, config, policy) is missing, unreadable or malformed. */
  BadInput: 4,
  /** The provider could not be reached or refused the tool's own credentials. */
  Provider: 5,
  /** A bug in why403. */
  Internal: 70,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

export type ErrorKind = 'usage' | 'bad-input' | 'provider' | 'internal'

const exitFor: Record<ErrorKind, ExitCode> = {
  usage: ExitCode.Usage,
  'bad-input': ExitCode.BadInput,
  provider: ExitCode.Provider,
  internal: ExitCode.Internal,
}

export class Why403Error extends Error {
  readonly kind: ErrorKind
  /** Where the problem is: a file and a JSON pointer, a flag, a URL. */
  readonly where: string | undefined
  /** What the user can do about it. */
  readonly hint: string | undefined
  readonly exitCode: ExitCode

  constructor(
    kind: ErrorKind,
    message: string,
    options: {where?: string; hint?: string; cause?: unknown} = {},
  ) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'Why403Error'
    this.kind = kind
    this.where = options.where
    this.hint = options.hint
    this.exitCode = exitFor[kind]
  }
}

export function usageError(message: string, options?: {where?: string; hint?: string}): Why403Error {
  return new Why403Error('usage', message, options)
}

export function badInput(
  message: string,
  options?: {where?: string; hint?: string; cause?: unknown},
): Why403Error {
  return new Why403Error('bad-input', message, options)
}

export function providerError(
  message: string,
  options?: {where?: string; hint?: string; cause?: unknown},
): Why403Error {
  return new Why403Error('provider', message, options)
}
