import type {Gap, SourceRef} from './decision.js'

/**
 * A fact read from a provider: its value (with where it came from), a value assumed from a documented default
 * (with the basis, so the answer can say what was not checked), or the gap that stopped the read.
 * "Not configured" answers (NoSuchBucketPolicy) are known values, not gaps.
 */
export type Fact<T> =
  | {readonly known: true; readonly value: T; readonly source: SourceRef; readonly assumed?: string}
  | {readonly known: false; readonly gap: Omit<Gap, 'decisive'>}

export function known<T>(value: T, source: SourceRef): Fact<T> {
  return {known: true, value, source}
}

/** A value not read but taken from a default; `basis` says which default and why that is the best available. */
export function assumed<T>(value: T, source: SourceRef, basis: string): Fact<T> {
  return {known: true, value, source, assumed: basis}
}

export function unknownFact<T>(gap: Omit<Gap, 'decisive'>): Fact<T> {
  return {known: false, gap}
}
