/** Runs the expectations of one target over a stream of keys: counts, and violations grouped by cause. */
import type {Decision, Reason} from '../model/decision.js'
import {DecisionGroups, type ScanGroup} from '../scan/group.js'
import type {KeySource, SourcedKey} from '../scan/keySource.js'
import {compileExpectations, verdict, type Expectations, type Expected} from './expectations.js'

export interface ViolationGroup extends ScanGroup {
  readonly expected: Expected
  readonly verdict: 'violated' | 'unknown'
}

export interface TargetResult {
  readonly target: string
  readonly checked: number
  readonly met: number
  readonly violated: number
  readonly unknown: number
  /** Keys expected public that are not readable, and keys expected private that are, grouped by decision. */
  readonly violations: readonly ViolationGroup[]
  /** Pre-deploy: what S3 would refuse at upload time, before any key can be read (e.g. BlockPublicAcls). */
  readonly uploadProblems: readonly Reason[]
  /** Whether this was a pre-deploy check (uploads were evaluated). */
  readonly predeploy: boolean
}

export async function checkTarget(options: {
  target: string
  source: KeySource
  decide: (k: SourcedKey) => Decision
  expectations: Expectations
  exampleLimit?: number
  uploadProblems?: readonly Reason[]
}): Promise<TargetResult> {
  const expectedOf = compileExpectations(options.expectations)
  const groups = new Map<string, DecisionGroups>()
  let checked = 0
  let met = 0
  let violated = 0
  let unknown = 0
  for await (const k of options.source.keys()) {
    const expected = expectedOf(k.key)
    if (expected === undefined) continue
    checked++
    const d = options.decide(k)
    const v = verdict(expected, d)
    if (v === 'met') {
      met++
      continue
    }
    if (v === 'violated') violated++
    else unknown++
    const id = `${expected}:${v}`
    let g = groups.get(id)
    if (g === undefined) groups.set(id, (g = new DecisionGroups(options.exampleLimit ?? 5)))
    g.add(k.key, d)
  }
  const violations: ViolationGroup[] = []
  for (const [id, g] of groups) {
    const [expected, v] = id.split(':') as [Expected, 'violated' | 'unknown']
    for (const group of g.sorted()) violations.push({...group, expected, verdict: v})
  }
  violations.sort((a, b) => (a.verdict === b.verdict ? b.count - a.count : a.verdict === 'violated' ? -1 : 1))
  return {
    target: options.target,
    checked,
    met,
    violated,
    unknown,
    violations,
    uploadProblems: options.uploadProblems ?? [],
    predeploy: options.uploadProblems !== undefined,
  }
}
