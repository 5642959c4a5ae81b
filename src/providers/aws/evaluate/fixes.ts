/**
 * The smallest change for each cause, and where one exists a safer alternative that keeps the bucket private
 * (CloudFront with Origin Access Control). Fixes are data; renderers print them.
 */
import type {Fix} from '../../../model/decision.js'
import type {AccessRequest} from '../../../model/request.js'
import type {AwsFacts, BpaFlags} from '../facts.js'
import type {Finding} from './finding.js'

const OAC =
  'Serve the site through CloudFront with Origin Access Control and keep the bucket private: grant s3:GetObject to the service principal cloudfront.amazonaws.com with a StringEquals AWS:SourceArn condition on the distribution ARN (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html)'

function publicReadStatement(bucket: string, prefix: string): string {
  return JSON.stringify(
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${bucket}/${prefix}*`,
    },
    null,
    2,
  )
}

/** The folder of a key, so a suggested grant covers the site's assets rather than one file or the whole bucket. */
function folderOf(key: string): string {
  const i = key.lastIndexOf('/')
  return i < 0 ? '' : key.slice(0, i + 1)
}

/** The put-public-access-block argument that turns one flag off and keeps the others as they are (it replaces all four). */
function bpaConfiguration(facts: AwsFacts, level: 'account' | 'bucket', off: keyof BpaFlags): string {
  const fact = level === 'account' ? facts.bucket.bpaAccount : facts.bucket.bpaBucket
  if (!fact.known) return `${off}=false,...`
  const flags = {...fact.value, [off]: false}
  return (Object.keys(flags) as (keyof BpaFlags)[]).map((k) => `${k}=${flags[k]}`).join(',')
}

export function fixesFor(
  f: Finding,
  bucket: string,
  key: string,
  request: AccessRequest,
  facts: AwsFacts,
): Fix[] {
  const smallest = (summary: string, snippet?: string): Fix => ({
    reason: f.code,
    kind: 'smallest',
    summary,
    ...(snippet === undefined ? {} : {snippet}),
  })
  const safer = (summary: string): Fix => ({reason: f.code, kind: 'safer', summary})
  const anonymous = request.principal.kind === 'anonymous'
  const level = f.level ?? 'bucket'
  const account = facts.bucket.accountId.known ? facts.bucket.accountId.value : 'ACCOUNT'
  const bpaCommand =
    level === 'account'
      ? `aws s3control put-public-access-block --account-id ${account} --public-access-block-configuration`
      : `aws s3api put-public-access-block --bucket ${bucket} --public-access-block-configuration`
  const bpaLevel = level === 'account' ? 'account' : 'bucket'
  switch (f.code) {
    case 'NO_ALLOW':
    case 'BUCKET_ACL_GRANTS_LIST_ONLY':
    case 'AUTHENTICATED_USERS_ONLY':
      return anonymous
        ? [
            smallest(
              `Add a bucket policy statement that allows s3:GetObject to "*" on the objects that should be public`,
              publicReadStatement(bucket, folderOf(key)),
            ),
            safer(OAC),
          ]
        : [
            smallest(
              `Add a bucket policy statement that allows s3:GetObject on arn:aws:s3:::${bucket}/${folderOf(key)}* to this principal`,
            ),
          ]
    case 'CONDITION_NOT_MET':
      return [
        smallest(
          'Widen the condition of the statement quoted above, or send the request with the context it expects (Referer, source address, VPC endpoint)',
        ),
      ]
    case 'EXPLICIT_DENY':
      return [
        smallest(
          'Narrow the Deny statement quoted above (a NotResource or a condition that exempts these keys); do not delete it blindly, it was put there for a reason',
        ),
      ]
    case 'WEBSITE_HTTP_ONLY':
      return [
        smallest(
          'Exempt s3:GetObject on the site prefix from the "deny insecure transport" statement; the website endpoint can never be HTTPS',
        ),
        safer(
          'Serve the site through CloudFront over HTTPS from the REST endpoint with Origin Access Control; the Deny can then stay',
        ),
      ]
    case 'BPA_RESTRICT_PUBLIC_BUCKETS':
      return [
        smallest(
          `Turn RestrictPublicBuckets off at the ${level} level (and at every other level where it is on)`,
          `${bpaCommand} ${bpaConfiguration(facts, bpaLevel, 'RestrictPublicBuckets')}`,
        ),
        safer(
          OAC +
            '; a grant to a service principal with a fixed AWS:SourceArn is not public, so Block Public Access can stay on',
        ),
      ]
    case 'BPA_IGNORE_PUBLIC_ACLS':
      return [
        smallest(
          'Grant read in the bucket policy instead of the ACL (ACLs are legacy), or turn IgnorePublicAcls off at the ' +
            level +
            ' level',
          `${bpaCommand} ${bpaConfiguration(facts, bpaLevel, 'IgnorePublicAcls')}`,
        ),
        safer(OAC),
      ]
    case 'ACLS_DISABLED_BY_OWNERSHIP':
      return [
        smallest(
          'Grant s3:GetObject in the bucket policy: ACLs are disabled by BucketOwnerEnforced and should stay so',
          publicReadStatement(bucket, folderOf(key)),
        ),
        safer(OAC),
      ]
    case 'OBJECT_NOT_OWNED_BY_BUCKET_OWNER':
      return [
        smallest(
          `Set Object Ownership to BucketOwnerEnforced, which makes the bucket owner own every object`,
          `aws s3api put-bucket-ownership-controls --bucket ${bucket} --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]`,
        ),
        safer(
          'Have the writing account re-upload with --acl bucket-owner-full-control under BucketOwnerPreferred',
        ),
      ]
    case 'KMS_ENCRYPTED':
      return [
        smallest(
          `Re-encrypt the object with SSE-S3 (copy it onto itself) and make SSE-S3 the bucket default`,
          `aws s3 cp s3://${bucket}/${key} s3://${bucket}/${key} --sse AES256`,
        ),
        safer(
          'Keep SSE-KMS with a customer managed key and serve through CloudFront OAC, allowing kms:Decrypt to cloudfront.amazonaws.com in the key policy',
        ),
      ]
    case 'KMS_KEY_POLICY_NO_ACCESS':
      return [
        smallest(
          'Allow kms:Decrypt to the principal in the key policy (for CloudFront OAC: Principal Service cloudfront.amazonaws.com with an AWS:SourceArn condition); an AWS managed aws/s3 key cannot be shared, so re-encrypt with a customer managed key or SSE-S3',
        ),
      ]
    case 'SSE_C_REQUIRES_KEY':
      return [
        smallest('Re-upload the object without SSE-C (SSE-S3), since no browser can send the customer key'),
      ]
    case 'REQUESTER_PAYS':
      return [
        smallest(
          `Turn Requester Pays off`,
          `aws s3api put-bucket-request-payment --bucket ${bucket} --request-payment-configuration Payer=BucketOwner`,
        ),
      ]
    case 'ARCHIVED_STORAGE_CLASS':
      return [
        smallest(
          `Restore the object (temporary), or copy it to STANDARD`,
          `aws s3 cp s3://${bucket}/${key} s3://${bucket}/${key} --storage-class STANDARD --force-glacier-transfer`,
        ),
        safer('Exclude site assets from the lifecycle rule that archives them'),
      ]
    case 'MISSING_KEY_WITHOUT_LIST':
      return [
        smallest('Check the key: case, URL encoding, a missing index document. The object does not exist'),
        safer(
          `To get honest 404s, allow s3:ListBucket on arn:aws:s3:::${bucket} (this exposes the listing; with CloudFront OAC grant it to the service principal only)`,
        ),
      ]
    case 'MISSING_KEY':
      return [
        smallest('Check the key: case, URL encoding, a missing index document. The object does not exist'),
      ]
    case 'NO_SUCH_BUCKET':
      return [
        smallest(
          'Fix the bucket name; if the bucket was deleted, remove every link to it, since anyone can register the name',
        ),
      ]
    case 'WEBSITE_NOT_CONFIGURED':
      return [
        smallest(
          'Enable static website hosting on the bucket, or use the REST endpoint URL',
          `aws s3 website s3://${bucket}/ --index-document index.html`,
        ),
      ]
    case 'METHOD_NOT_ALLOWED':
      return [smallest('Use GET or HEAD; the website endpoint serves nothing else')]
    case 'UNSIGNED_RESPONSE_OVERRIDE':
      return [smallest('Drop the response-* query parameters, or use a presigned URL')]
    case 'ACCESS_POINT_NO_ANONYMOUS':
      return [
        smallest(
          'Use the bucket endpoint (or CloudFront) for public access; access points never serve anonymous requests',
        ),
      ]
    case 'VPC_ENDPOINT_POLICY_DENY':
      return [smallest(`Allow s3:GetObject on arn:aws:s3:::${bucket}/* in the VPC endpoint policy`)]
    case 'RCP_EXPLICIT_DENY':
      return [
        smallest(
          'Ask the organisation administrators to exempt this bucket from the resource control policy',
        ),
      ]
    case 'WEBSITE_ERROR_DOCUMENT_UNREADABLE':
      return [smallest('Upload the error document and make it publicly readable like the rest of the site')]
    default:
      return []
  }
}
