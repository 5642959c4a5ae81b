/**
 * Deciding with facts that could not be read.
 *
 * The provider procedures are written as if every fact were known: they ask an Oracle for each fact's value.
 * A known fact answers at once. An unknown fact answers with one of a few representative values (e.g. for an
 * unreadable bucket policy: none, deny-all, allow-all-public), and the explorer re-runs the procedure for every
 * combination of the unknown facts it actually consulted (depth-first over the choice tree). If every run gives the
 * same status and the same decisive reason, the missing facts did not matter and the answer stands, with the gaps
 * listed as non-decisive; otherwise the answer is `unknown` and names what could not be read.
 *
 * Only facts a run consults are branched on, so a gap that the procedure never reaches costs nothing.
 */
import type {Gap} from '../model/decision.js'
import type {Fact} from '../model/fact.js'

/** Hands out fact values during one run of a procedure. */
export interface Oracle {
  /**
   * The value of `fact`; when it is unknown, one of `alternatives` (which must cover every outcome the fact can
   * produce for the procedure). `id` identifies the choice point and must be stable across runs.
   */
  value<T>(id: string, fact: Fact<T>, alternatives: readonly T[]): T
  /** A choice that is not a missing fact but an uninterpretable rule (e.g. a condition on an unknown key). */
  choose<T>(id: string, gap: Omit<Gap, 'decisive'>, alternatives: readonly T[]): T
}

/** One complete run: the procedure's result and the gaps it consulted. */
export interface Run<R> {
  readonly result: R
  readonly gaps: readonly Omit<Gap, 'decisive'>[]
  /** Facts the run used that were assumed from a default rather than read (Fact.assumed), by basis. */
  readonly assumed: readonly string[]
}

/** More runs than this means too many unknowns to enumerate; the explorer stops and reports unknown. */
export const MAX_RUNS = 512

/**
 * Runs `procedure` once per combination of the alternatives of the unknown facts it consults.
 * Returns every run; `complete` is false when MAX_RUNS cut the exploration short.
 */
export function explore<R>(procedure: (oracle: Oracle) => R): {runs: Run<R>[]; complete: boolean} {
  const runs: Run<R>[] = []
  // The trail of choice points met in the current run, in order, with the index taken and the number of options.
  let prefix: {id: string; index: number; count: number}[] = []
  for (;;) {
    const trail: {id: string; index: number; count: number}[] = []
    const gaps: Omit<Gap, 'decisive'>[] = []
    const assumedBases: string[] = []
    const pick = <T>(id: string, gap: Omit<Gap, 'decisive'>, alternatives: readonly T[]): T => {
      if (alternatives.length === 0) throw new Error(`choice ${id} has no alternatives`)
      const seen = trail.find((t) => t.id === id)
      if (seen !== undefined) return alternatives[seen.index] as T
      const planned = prefix[trail.length]
      const index = planned !== undefined && planned.id === id ? planned.index : 0
      trail.push({id, index, count: alternatives.length})
      if (!gaps.some((g) => g.call === gap.call && g.fact === gap.fact)) gaps.push(gap)
      return alternatives[index] as T
    }
    const oracle: Oracle = {
      value: (id, fact, alternatives) => {
        if (!fact.known) return pick(id, fact.gap, alternatives)
        if (fact.assumed !== undefined && !assumedBases.includes(fact.assumed))
          assumedBases.push(fact.assumed)
        return fact.value
      },
      choose: pick,
    }
    runs.push({result: procedure(oracle), gaps, assumed: assumedBases})
    // Odometer over the trail: advance the deepest choice that has options left; later choices start afresh.
    let i = trail.length - 1
    while (
      i >= 0 &&
      (trail[i] as {index: number; count: number}).index + 1 >= (trail[i] as {count: number}).count
    )
      i--
    if (i < 0) return {runs, complete: true}
    if (runs.length >= MAX_RUNS) return {runs, complete: false}
    prefix = trail.slice(0, i + 1)
    const last = prefix[i] as {id: string; index: number; count: number}
    prefix[i] = {...last, index: last.index + 1}
  }
}
