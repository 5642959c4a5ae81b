/**
 * IAM wildcards and policy variables.
 *
 * `*` matches any run of characters including `/`, `?` exactly one character; nothing else is special
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). Policy variables
 * `${key}` are replaced from the request context under Version 2012-10-17 only; `${*}`, `${?}` and `${$}` stand for
 * a literal `*`, `?` and `$` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 * A literal `*` coming from `${*}` must not become a wildcard, which a glob library cannot express, so the pattern is
 * compiled to a RegExp here: one pass, once per pattern per scan.
 */
import type {ContextLookup, PolicyVersion} from './types.js'

/** A pattern after variable substitution: a matcher, or the reason it cannot match / cannot be decided. */
export type CompiledPattern =
  | {readonly kind: 'regex'; readonly regex: RegExp}
  | {readonly kind: 'never'; readonly why: string}
  | {readonly kind: 'unknown'; readonly why: string}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g
const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, '\\$&')

const VARIABLE = /\$\{([^}]*)\}/y

/**
 * Replaces `${…}` in `text` with literal text from the context. Returns the pieces (literal vs wildcard-capable),
 * or why the pattern never matches (an absent key without a default) or cannot be decided (an unknown value).
 */
export function substitute(
  text: string,
  version: PolicyVersion | undefined,
  context: ContextLookup,
): {pieces: {literal: boolean; text: string}[]} | {never: string} | {unknown: string} {
  const pieces: {literal: boolean; text: string}[] = []
  let plain = ''
  const flush = () => {
    if (plain !== '') pieces.push({literal: false, text: plain})
    plain = ''
  }
  for (let i = 0; i < text.length;) {
    if (version === '2012-10-17' && text[i] === '$' && text[i + 1] === '{') {
      VARIABLE.lastIndex = i
      const m = VARIABLE.exec(text)
      if (m !== null) {
        const inner = (m[1] ?? '').trim()
        flush()
        if (inner === '*' || inner === '?' || inner === '$') pieces.push({literal: true, text: inner})
        else {
          // ${key, 'default'}: the default applies when the key is absent.
          const d = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner)
          const key = d?.[1] ?? inner
          const value = context(key)
          if (value.kind === 'unknown') return {unknown: `\${${key}}: ${value.why}`}
          if (value.kind === 'absent' || value.values.length === 0) {
            if (d?.[2] === undefined) return {never: `\${${key}} is not in the request context`}
            pieces.push({literal: true, text: d[2]})
          } else pieces.push({literal: true, text: value.values[0] ?? ''})
        }
        i += m[0].length
        continue
      }
    }
    plain += text[i]
    i++
  }
  flush()
  return {pieces}
}

const cache = new Map<string, RegExp>()

function wildcardRegex(pieces: readonly {literal: boolean; text: string}[], ignoreCase: boolean): RegExp {
  const source = pieces
    .map((p) =>
      p.literal
        ? escapeRegex(p.text)
        : escapeRegex(p.text).replaceAll('\\*', '[\\s\\S]*').replaceAll('\\?', '[\\s\\S]'),
    )
    .join('')
  const key = `${ignoreCase ? 'i' : 's'}:${source}`
  let regex = cache.get(key)
  if (regex === undefined) {
    regex = new RegExp(`^${source}$`, ignoreCase ? 'i' : '')
    if (cache.size < 10_000) cache.set(key, regex)
  }
  return regex
}

/** Compiles a wildcard pattern (Action, Resource, StringLike, ArnLike value) after substituting variables. */
export function compilePattern(
  pattern: string,
  options: {ignoreCase: boolean; version: PolicyVersion | undefined; context: ContextLookup},
): CompiledPattern {
  const s = substitute(pattern, options.version, options.context)
  if ('never' in s) return {kind: 'never', why: s.never}
  if ('unknown' in s) return {kind: 'unknown', why: s.unknown}
  return {kind: 'regex', regex: wildcardRegex(s.pieces, options.ignoreCase)}
}

/** A wildcard pattern without variables (actions, or values where variables are not allowed). */
export function plainPattern(pattern: string, ignoreCase: boolean): RegExp {
  return wildcardRegex([{literal: false, text: pattern}], ignoreCase)
}
