/** probe against LocalStack: real unsigned requests, compared with the prediction, emulator gaps labelled. */
import {runCommand} from '@oclif/test'
import {beforeAll, describe, expect, inject, it} from 'vitest'

const root = new URL('../../..', import.meta.url).pathname

describe('probe against LocalStack', () => {
  let endpoint: string
  beforeAll(() => {
    endpoint = inject('localstackEndpoint')
    process.env.AWS_ACCESS_KEY_ID = 'test'
    process.env.AWS_SECRET_ACCESS_KEY = 'test'
  })

  it.each([
    {
      name: 'a public object: prediction and LocalStack agree on 200',
      args: ['s3://g-public-policy/index.html'],
      agree: true,
      status: 200,
      exit: 0,
    },
    {
      name: 'a missing key with list permission: both answer 404 NoSuchKey',
      args: ['s3://g-missing-list/js/App.js'],
      agree: true,
      status: 404,
      exit: 0,
    },
    {
      name: 'a website folder: both redirect 302 to the folder',
      args: ['s3://g-website/about', '--endpoint', 'website'],
      agree: true,
      status: 302,
      exit: 0,
    },
    {
      name: 'RestrictPublicBuckets: S3 would answer 403, LocalStack serves 200, and the divergence is labelled',
      args: ['s3://g-bpa-bucket/index.html'],
      agree: false,
      status: 200,
      exit: 1,
      divergence: 'LocalStack',
    },
  ])('$name', async ({args, agree, status, exit, divergence}) => {
    const {stdout, error} = await runCommand(['probe', ...args, '--endpoint-url', endpoint, '--json'], {root})
    const out = JSON.parse(stdout) as {
      agree: boolean
      answer: {status: number}
      divergence?: {emulator: string}
    }
    expect({
      agree: out.agree,
      status: out.answer.status,
      exit: error?.oclif?.exit ?? 0,
      divergence: out.divergence?.emulator,
    }).toEqual({agree, status, exit, divergence})
  })

  it('explain --verify adds the real answer beside the prediction', async () => {
    const {stdout} = await runCommand(
      ['explain', 's3://g-missing-list/js/App.js', '--endpoint-url', endpoint, '--verify', '--json'],
      {root},
    )
    const out = JSON.parse(stdout) as {
      decision: {status: number}
      verification: {agree: boolean; answer: {status: number}}
    }
    expect([out.decision.status, out.verification.answer.status, out.verification.agree]).toEqual([
      404,
      404,
      true,
    ])
  })

  it('scan --verify N checks the first example of the first N groups, and labels emulator divergences', async () => {
    const {stdout} = await runCommand(
      ['scan', 's3://g-bpa-bucket', '--endpoint-url', endpoint, '--verify', '1', '--json'],
      {root},
    )
    const out = JSON.parse(stdout) as {
      groups: {verification?: {agree: boolean; divergence?: {emulator: string}}}[]
    }
    expect(out.groups.map((g) => [g.verification?.agree, g.verification?.divergence?.emulator])).toEqual([
      [false, 'LocalStack'],
    ])
  })
})
