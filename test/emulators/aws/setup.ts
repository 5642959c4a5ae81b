/**
 * vitest globalSetup for the LocalStack suites: use a running LocalStack (LOCALSTACK_ENDPOINT or AWS_ENDPOINT_URL),
 * or start one on the host with scripts/emulators/localstack.sh, then seed the gallery. A LocalStack that cannot
 * start fails the run: under CI=true always, elsewhere unless WHY403_SKIP_EMULATORS=1 says to leave these suites out.
 */
import {execFileSync} from 'node:child_process'

import type {TestProject} from 'vitest/node'

import {seedGallery} from '../../../localstack/seed.js'

const script = new URL('../../../scripts/emulators/localstack.sh', import.meta.url).pathname

export default async function setup(project: TestProject): Promise<() => void> {
  let endpoint: string
  let started = false
  try {
    const external = process.env.LOCALSTACK_ENDPOINT ?? process.env.AWS_ENDPOINT_URL
    const wasRunning = external !== undefined || isHealthy('http://127.0.0.1:4566')
    endpoint =
      execFileSync('bash', [script, 'start'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 600_000,
      })
        .trim()
        .split('\n')
        .pop() ?? ''
    started = !wasRunning
  } catch (error) {
    throw new Error(
      `LocalStack could not start, so the LocalStack suites cannot run (${(error as Error).message}). See localstack/README.md.`,
    )
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  await seedGallery(endpoint)
  project.provide('localstackEndpoint', endpoint)
  return () => {
    if (started) execFileSync('bash', [script, 'stop'], {stdio: 'inherit'})
  }
}

function isHealthy(url: string): boolean {
  try {
    execFileSync('curl', ['-sf', `${url}/_localstack/health`], {stdio: 'ignore', timeout: 5000})
    return true
  } catch {
    return false
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    localstackEndpoint: string
  }
}
