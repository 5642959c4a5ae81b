/** How to reach AWS: the flags AWS users expect, with the SDK's own environment variables as defaults. */
import {Flags} from '@oclif/core'

import {makeAwsClients, type AwsClients} from '../providers/aws/clients.js'

export const awsFlags = {
  profile: Flags.string({
    summary: 'AWS profile from ~/.aws/config (default: AWS_PROFILE, then the default credential chain).',
    env: 'AWS_PROFILE',
  }),
  region: Flags.string({
    summary: 'Region to start from; the bucket’s own region is found and followed (default: AWS_REGION).',
  }),
  'endpoint-url': Flags.string({
    summary: 'A custom S3 endpoint, e.g. LocalStack (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL).',
    helpValue: 'URL',
  }),
  'account-id': Flags.string({
    summary:
      'The bucket owner’s account id, for account-level Block Public Access (default: the caller’s, from STS).',
    helpValue: '123456789012',
  }),
}

export interface AwsFlagValues {
  profile?: string | undefined
  region?: string | undefined
  'endpoint-url'?: string | undefined
  'account-id'?: string | undefined
}

export function clientsFromFlags(flags: AwsFlagValues): AwsClients {
  return makeAwsClients({
    ...(flags.profile === undefined ? {} : {profile: flags.profile}),
    ...(flags.region === undefined ? {} : {region: flags.region}),
    ...(flags['endpoint-url'] === undefined ? {} : {endpointUrl: flags['endpoint-url']}),
  })
}
