/**
 * Grouping a scan's decisions: keys that share a decision (status, error code, reason codes and levels, gaps) form
 * one group with a count and a few example keys. Memory grows with the number of distinct decisions, not keys.
 */
import type {Decision} from '../model/decision.js'
import type {Verification} from '../probe/verify.js'

export interface ScanGroup {
  readonly count: number
  readonly examples: readonly string[]
  /** The decision of the first key of the group; evidence and fixes quote that key. */
  readonly decision: Decision
  /** With --verify: what the endpoint really answered for the first example key. */
  readonly verification?: Verification
}

export function decisionSignature(d: Decision): string {
  const reasons = d.reasons
    .map((r) => `${r.role[0]}${r.code}${r.level === undefined ? '' : `@${r.level}`}`)
    .join(',')
  const gaps = d.gaps.map((g) => `${g.call}${g.decisive ? '!' : ''}`).join(',')
  return `${d.status ?? '?'}|${d.errorCode ?? ''}|${d.outcome}|${reasons}|${gaps}`
}

export class DecisionGroups {
  private readonly groups = new Map<string, {count: number; examples: string[]; decision: Decision}>()

  constructor(private readonly exampleLimit: number) {}

  add(key: string, decision: Decision): void {
    const sig = decisionSignature(decision)
    const g = this.groups.get(sig)
    if (g === undefined) {
      this.groups.set(sig, {count: 1, examples: [key], decision})
      return
    }
    g.count++
    if (g.examples.length < this.exampleLimit) g.examples.push(key)
  }

  get size(): number {
    return this.groups.size
  }

  /** Unreadable groups first (what needs attention), then by count. */
  sorted(): ScanGroup[] {
    const rank = (d: Decision) => (d.outcome === 'unknown' ? 1 : d.readable ? 2 : 0)
    return [...this.groups.values()].sort((a, b) => rank(a.decision) - rank(b.decision) || b.count - a.count)
  }
}
