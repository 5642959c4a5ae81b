/**
 * Which keys must be public and which private, as globs (picomatch: `**` crosses `/`, `*` does not, dotfiles
 * included). A key matching `ignore` is left out; a key matching both lists is expected private, the safe reading.
 */
import picomatch from 'picomatch'

import type {Decision} from '../model/decision.js'

export type Expected = 'public' | 'private'

export interface Expectations {
  readonly public: readonly string[]
  readonly private: readonly string[]
  readonly ignore: readonly string[]
}

export function compileExpectations(e: Expectations): (key: string) => Expected | undefined {
  const options = {dot: true}
  const none = () => false
  const isIgnored = e.ignore.length === 0 ? none : picomatch([...e.ignore], options)
  const isPrivate = e.private.length === 0 ? none : picomatch([...e.private], options)
  const isPublic = e.public.length === 0 ? none : picomatch([...e.public], options)
  return (key) =>
    isIgnored(key) ? undefined : isPrivate(key) ? 'private' : isPublic(key) ? 'public' : undefined
}

export type Verdict = 'met' | 'violated' | 'unknown'

/**
 * A key expected public must be readable; one expected private must not be. An unknown decision is neither: the
 * gate decides with --fail-on whether it fails the build.
 */
export function verdict(expected: Expected, d: Decision): Verdict {
  if (d.outcome === 'unknown') {
    // Unknown, but every possible status already breaks (or meets) the expectation: that settles it.
    const possible = d.possibleStatuses ?? []
    if (possible.length > 0 && possible.every((s) => s !== 200))
      return expected === 'public' ? 'violated' : 'met'
    return 'unknown'
  }
  if (expected === 'public') return d.readable ? 'met' : 'violated'
  return d.readable ? 'violated' : 'met'
}
