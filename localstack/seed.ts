/**
 * Seeds LocalStack with a gallery of buckets, one per cause LocalStack can represent (shared/REASONS.md). Test code:
 * it writes, with its own unguarded clients, and never ships in the CLI.
 *   npx tsx localstack/seed.ts [ENDPOINT]
 */
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketRequestPaymentCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type ObjectCannedACL,
} from '@aws-sdk/client-s3'
import {
  PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control'

/** LocalStack derives the account from a 12-digit access key id, so a second account is just other credentials. */
export const MAIN_ACCOUNT = '000000000000'
export const BPA_ACCOUNT = '111111111111'
export const OTHER_ACCOUNT = '222222222222'

export function seedingClients(endpoint: string, account = MAIN_ACCOUNT) {
  const credentials = {accessKeyId: account === MAIN_ACCOUNT ? 'test' : account, secretAccessKey: 'test'}
  return {
    s3: new S3Client({region: 'us-east-1', endpoint, forcePathStyle: true, credentials}),
    s3control: new S3ControlClient({
      region: 'us-east-1',
      credentials,
      endpointProvider: () => ({url: new URL(endpoint)}),
    }),
  }
}

const publicRead = (bucket: string, extra: unknown[] = []) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
      ...extra,
    ],
  })

export interface GalleryBucket {
  readonly bucket: string
  /** The account whose credentials own the bucket. */
  readonly account: string
  readonly cause: string
}

async function bucket(
  s3: S3Client,
  name: string,
  options: {bpaOff?: boolean; ownership?: 'BucketOwnerEnforced' | 'ObjectWriter'; policy?: string},
) {
  await s3.send(new CreateBucketCommand({Bucket: name})).catch((e: {name?: string}) => {
    if (e.name !== 'BucketAlreadyOwnedByYou' && e.name !== 'BucketAlreadyExists') throw e
  })
  if (options.bpaOff === true) await s3.send(new DeletePublicAccessBlockCommand({Bucket: name}))
  if (options.ownership !== undefined) {
    await s3.send(
      new PutBucketOwnershipControlsCommand({
        Bucket: name,
        OwnershipControls: {Rules: [{ObjectOwnership: options.ownership}]},
      }),
    )
  }
  if (options.policy !== undefined)
    await s3.send(new PutBucketPolicyCommand({Bucket: name, Policy: options.policy}))
}

async function put(
  s3: S3Client,
  b: string,
  key: string,
  extra: {ACL?: ObjectCannedACL; ServerSideEncryption?: 'aws:kms'; StorageClass?: 'GLACIER'} = {},
) {
  await s3.send(
    new PutObjectCommand({Bucket: b, Key: key, Body: `<p>${key}</p>`, ContentType: 'text/html', ...extra}),
  )
}

export async function seedGallery(endpoint: string): Promise<GalleryBucket[]> {
  const main = seedingClients(endpoint).s3
  const gallery: GalleryBucket[] = []
  const add = (b: string, cause: string, account = MAIN_ACCOUNT) => gallery.push({bucket: b, account, cause})

  await bucket(main, 'g-public-policy', {bpaOff: true, policy: publicRead('g-public-policy')})
  await put(main, 'g-public-policy', 'index.html')
  add('g-public-policy', 'public policy')

  const denyHttp = {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::g-deny-insecure', 'arn:aws:s3:::g-deny-insecure/*'],
    Condition: {Bool: {'aws:SecureTransport': 'false'}},
  }
  await bucket(main, 'g-deny-insecure', {bpaOff: true, policy: publicRead('g-deny-insecure', [denyHttp])})
  await put(main, 'g-deny-insecure', 'index.html')
  await main.send(
    new PutBucketWebsiteCommand({
      Bucket: 'g-deny-insecure',
      WebsiteConfiguration: {IndexDocument: {Suffix: 'index.html'}},
    }),
  )
  add('g-deny-insecure', 'deny insecure transport')

  await bucket(main, 'g-referer', {
    bpaOff: true,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::g-referer/*',
          Condition: {StringLike: {'aws:Referer': 'https://www.example.com/*'}},
        },
      ],
    }),
  })
  await put(main, 'g-referer', 'img/logo.png')
  add('g-referer', 'referer condition')

  // New buckets get all four Block Public Access flags on (as on AWS since April 2023); LocalStack stores the
  // policy anyway, which AWS would refuse with BlockPublicPolicy: the state of a policy older than the flags.
  await bucket(main, 'g-bpa-bucket', {policy: publicRead('g-bpa-bucket')})
  await main.send(
    new PutPublicAccessBlockCommand({
      Bucket: 'g-bpa-bucket',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: true,
      },
    }),
  )
  await put(main, 'g-bpa-bucket', 'index.html')
  add('g-bpa-bucket', 'BPA at bucket level')

  const bpa = seedingClients(endpoint, BPA_ACCOUNT)
  await bucket(bpa.s3, 'g-bpa-account', {bpaOff: true, policy: publicRead('g-bpa-account')})
  await put(bpa.s3, 'g-bpa-account', 'index.html')
  await bpa.s3control.send(
    new PutAccountPublicAccessBlockCommand({
      AccountId: BPA_ACCOUNT,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  )
  add('g-bpa-account', 'BPA at account level', BPA_ACCOUNT)

  await bucket(main, 'g-leftover-acl', {bpaOff: true, ownership: 'ObjectWriter'})
  await put(main, 'g-leftover-acl', 'css/main.css', {ACL: 'public-read'})
  await main.send(
    new PutBucketOwnershipControlsCommand({
      Bucket: 'g-leftover-acl',
      OwnershipControls: {Rules: [{ObjectOwnership: 'BucketOwnerEnforced'}]},
    }),
  )
  add('g-leftover-acl', 'leftover public ACL under BucketOwnerEnforced')

  await bucket(main, 'g-public-acl', {bpaOff: true, ownership: 'ObjectWriter'})
  await put(main, 'g-public-acl', 'index.html', {ACL: 'public-read'})
  add('g-public-acl', 'public object ACL')

  // Not seeded: an object owned by another account. LocalStack gives every account the same canonical user id
  // (75aa57f0…), so the owner of an object written with other credentials is indistinguishable from the bucket's.

  await bucket(main, 'g-kms', {bpaOff: true, policy: publicRead('g-kms')})
  await put(main, 'g-kms', 'report.pdf', {ServerSideEncryption: 'aws:kms'})
  add('g-kms', 'SSE-KMS object')

  await bucket(main, 'g-requester-pays', {bpaOff: true, policy: publicRead('g-requester-pays')})
  await main.send(
    new PutBucketRequestPaymentCommand({
      Bucket: 'g-requester-pays',
      RequestPaymentConfiguration: {Payer: 'Requester'},
    }),
  )
  await put(main, 'g-requester-pays', 'data.csv')
  add('g-requester-pays', 'requester pays')

  await bucket(main, 'g-glacier', {bpaOff: true, policy: publicRead('g-glacier')})
  await put(main, 'g-glacier', 'old.zip', {StorageClass: 'GLACIER'})
  add('g-glacier', 'Glacier object')

  await bucket(main, 'g-website', {bpaOff: true, policy: publicRead('g-website')})
  for (const k of ['index.html', 'about/index.html', '404.html']) await put(main, 'g-website', k)
  await main.send(
    new PutBucketWebsiteCommand({
      Bucket: 'g-website',
      WebsiteConfiguration: {IndexDocument: {Suffix: 'index.html'}, ErrorDocument: {Key: '404.html'}},
    }),
  )
  add('g-website', 'website with index and error documents')

  await bucket(main, 'g-missing', {bpaOff: true, policy: publicRead('g-missing')})
  await put(main, 'g-missing', 'js/app.js')
  add('g-missing', 'missing key without list permission')

  const list = {
    Sid: 'PublicList',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:ListBucket',
    Resource: 'arn:aws:s3:::g-missing-list',
  }
  await bucket(main, 'g-missing-list', {bpaOff: true, policy: publicRead('g-missing-list', [list])})
  await put(main, 'g-missing-list', 'js/app.js')
  add('g-missing-list', 'missing key with list permission')

  return gallery
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const endpoint = process.argv[2] ?? process.env.LOCALSTACK_ENDPOINT ?? 'http://127.0.0.1:4566'
  const gallery = await seedGallery(endpoint)
  for (const g of gallery) console.log(`${g.bucket.padEnd(20)} account ${g.account}  ${g.cause}`)
}
