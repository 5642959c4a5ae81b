import {describe, expect, it} from 'vitest'

import {explore, MAX_RUNS, type Oracle} from '../../../src/evaluator/branch.js'
import {known, unknownFact, type Fact} from '../../../src/model/fact.js'

const gap = (fact: string) => ({fact, call: `Get${fact}`, error: 'AccessDenied', permission: `s3:Get${fact}`})
const a: Fact<number> = unknownFact(gap('A'))
const b: Fact<number> = unknownFact(gap('B'))
const k: Fact<number> = known(7, {call: 'GetK'})

describe('explore', () => {
  it.each([
    {
      name: 'a procedure that consults only known facts runs once',
      procedure: (o: Oracle) => o.value('k', k, [1, 2]),
      results: [7],
      gaps: [[]],
    },
    {
      name: 'an unknown fact runs once per alternative',
      procedure: (o: Oracle) => o.value('a', a, [1, 2, 3]),
      results: [1, 2, 3],
      gaps: [['A'], ['A'], ['A']],
    },
    {
      name: 'two unknown facts run every combination',
      procedure: (o: Oracle) => o.value('a', a, [1, 2]) * 10 + o.value('b', b, [3, 4]),
      results: [13, 14, 23, 24],
      gaps: [
        ['A', 'B'],
        ['A', 'B'],
        ['A', 'B'],
        ['A', 'B'],
      ],
    },
    {
      name: 'a fact consulted only on one branch is enumerated only there',
      procedure: (o: Oracle) => (o.value('a', a, [0, 1]) === 0 ? 0 : 100 + o.value('b', b, [1, 2])),
      results: [0, 101, 102],
      gaps: [['A'], ['A', 'B'], ['A', 'B']],
    },
    {
      name: 'the same choice point asked twice in one run gets the same answer',
      procedure: (o: Oracle) => o.value('a', a, [1, 2]) + o.value('a', a, [1, 2]),
      results: [2, 4],
      gaps: [['A'], ['A']],
    },
  ])('$name', ({procedure, results, gaps}) => {
    const {runs, complete} = explore(procedure)
    expect(complete).toBe(true)
    expect(runs.map((r) => r.result)).toEqual(results)
    expect(runs.map((r) => r.gaps.map((g) => g.fact))).toEqual(gaps)
  })

  it('stops at MAX_RUNS and says the exploration is incomplete', () => {
    const facts = Array.from({length: 12}, (_, i) => unknownFact<number>(gap(`F${i}`)))
    const {runs, complete} = explore((o) => facts.reduce((sum, f, i) => sum + o.value(`f${i}`, f, [0, 1]), 0))
    expect(complete).toBe(false)
    expect(runs).toHaveLength(MAX_RUNS)
  })

  it('records the basis of assumed facts a run used', () => {
    const assumedFact: Fact<string> = {
      known: true,
      value: 'sse-s3',
      source: {call: 'GetBucketEncryption'},
      assumed: 'from the default',
    }
    const {runs} = explore((o) => o.value('e', assumedFact, ['x']))
    expect(runs[0]?.assumed).toEqual(['from the default'])
  })
})
