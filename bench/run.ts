/**
 * npm run bench: decisions per second and memory for a million-key scan against a typical static-site policy, and
 * iam-simulate (an independent implementation, dev dependency only) on a sample of the same keys, side by side.
 * Verdicts are compared key by key on the sample. Figures go to stdout and bench/results/latest.json.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {performance} from 'node:perf_hooks'

import {anonymousPrincipal, runSimulation, type Simulation} from '@cloud-copilot/iam-simulate'

import {prepareAws} from '../src/providers/aws/prepare.js'
import {BUCKET, keyAt, policy, snapshot} from './staticSite.js'

const KEYS = Number(process.env.BENCH_KEYS ?? 1_000_000)
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 2_000)

function heapMiB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024
}

async function main(): Promise<void> {
  const prepared = prepareAws(snapshot, {
    principal: {kind: 'anonymous'},
    method: 'GET',
    endpoint: 'rest',
    context: {secureTransport: true, sourceIp: '203.0.113.9'},
  })

  // why403: stream KEYS keys through decide(), keeping only counts, as a scan does.
  global.gc?.()
  const heapBefore = heapMiB()
  let peakHeap = heapBefore
  const counts = new Map<string, number>()
  const start = performance.now()
  for (let i = 0; i < KEYS; i++) {
    const {key, calls} = keyAt(i)
    const d = prepared.decide(key, calls)
    const group = `${d.status} ${d.reasons[0]?.code ?? ''}`
    counts.set(group, (counts.get(group) ?? 0) + 1)
    if ((i & 0xffff) === 0) peakHeap = Math.max(peakHeap, heapMiB())
  }
  const seconds = (performance.now() - start) / 1000
  peakHeap = Math.max(peakHeap, heapMiB())
  const ours = KEYS / seconds

  // iam-simulate on a sample of the same keys, same policy, same request context.
  const sample = Array.from({length: SAMPLE}, (_, j) => keyAt(Math.floor((j * KEYS) / SAMPLE)))
  const simStart = performance.now()
  let agree = 0
  const disagreements: string[] = []
  for (const {key, calls} of sample) {
    const simulation: Simulation = {
      request: {
        principal: anonymousPrincipal,
        action: 's3:GetObject',
        resource: {resource: `arn:aws:s3:::${BUCKET}/${key}`, accountId: '111122223333'},
        contextVariables: {'aws:SecureTransport': 'true', 'aws:SourceIp': '203.0.113.9'},
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy,
    }
    const result = await runSimulation(simulation, {})
    const theirs =
      result.resultType === 'error' ? `error` : result.overallResult === 'Allowed' ? 'allowed' : 'denied'
    const mine = prepared.decide(key, calls).readable ? 'allowed' : 'denied'
    if (theirs === mine) agree++
    else if (disagreements.length < 5) disagreements.push(`${key}: why403 ${mine}, iam-simulate ${theirs}`)
  }
  const simSeconds = (performance.now() - simStart) / 1000
  const theirs = SAMPLE / simSeconds

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    keys: KEYS,
    why403: {
      keysPerSecond: Math.round(ours),
      seconds: Number(seconds.toFixed(2)),
      heapBeforeMiB: Number(heapBefore.toFixed(1)),
      heapPeakMiB: Number(peakHeap.toFixed(1)),
      groups: Object.fromEntries(counts),
    },
    iamSimulate: {
      sampleKeys: SAMPLE,
      keysPerSecond: Math.round(theirs),
      seconds: Number(simSeconds.toFixed(2)),
    },
    speedup: Math.round(ours / theirs),
    verdictAgreement: `${agree}/${SAMPLE}`,
    disagreements,
  }
  console.log(
    `why403       ${results.why403.keysPerSecond.toLocaleString('en')} keys/s  (${KEYS.toLocaleString('en')} keys in ${results.why403.seconds} s)`,
  )
  console.log(
    `             heap ${results.why403.heapBeforeMiB} MiB before, ${results.why403.heapPeakMiB} MiB peak`,
  )
  console.log(
    `iam-simulate ${results.iamSimulate.keysPerSecond.toLocaleString('en')} keys/s  (${SAMPLE} sample keys in ${results.iamSimulate.seconds} s)`,
  )
  console.log(`speedup      ${results.speedup}x`)
  console.log(`verdicts     ${results.verdictAgreement} identical on the sample`)
  for (const [group, n] of counts) console.log(`  ${n.toLocaleString('en').padStart(9)}  ${group}`)
  for (const d of disagreements) console.log(`  DISAGREE ${d}`)
  await mkdir(new URL('./results/', import.meta.url), {recursive: true})
  await writeFile(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2) + '\n')
  if (agree !== SAMPLE) process.exitCode = 1
}

await main()
