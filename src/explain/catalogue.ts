/**
 * The reason catalogue: every cause why403 can name, with the status and error code the provider answers,
 * a one-line title, and the documentation page the rule implements. Codes are a public contract (JSON output,
 * SARIF rule ids, docs): never rename one, only add (shared/REASONS.md).
 *
 * The Google Cloud Storage and Azure entries are provisional: their statuses and error codes are checked against
 * the providers' documentation when those evaluators land.
 *
 * `status` is the HTTP status the cause produces when it is decisive; `null` for causes that never decide a
 * status on their own (informational, deploy-time, gaps).
 */

const S3 = 'https://docs.aws.amazon.com/AmazonS3/latest'
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide'
const GCS = 'https://cloud.google.com/storage/docs'
const AZ = 'https://learn.microsoft.com/en-us/azure/storage'

export type Provider = 'aws' | 'gcs' | 'azure' | 'any'

export interface ReasonInfo {
  readonly provider: Provider
  readonly title: string
  readonly status: number | null
  readonly errorCode: string | null
  readonly doc: string
}

function r(
  provider: Provider,
  status: number | null,
  errorCode: string | null,
  doc: string,
  title: string,
): ReasonInfo {
  return {provider, status, errorCode, doc, title}
}

// One line per cause reads as a table; prettier would spread each over six lines.
// prettier-ignore
export const reasons = {
  // Amazon S3: access granted
  ALLOWED_BY_POLICY: r('aws', 200, null, `${S3}/userguide/access-control-auth-workflow-object-operation.html`, 'A bucket policy statement grants the request'),
  ALLOWED_BY_ACL: r('aws', 200, null, `${S3}/userguide/acl-overview.html`, 'An object ACL grant to AllUsers gives READ'),
  // Amazon S3: causes of 403 and of the answers taken for one
  NO_ALLOW: r('aws', 403, 'AccessDenied', `${S3}/userguide/troubleshoot-403-errors.html`, 'Nothing grants the request (implicit deny)'),
  EXPLICIT_DENY: r('aws', 403, 'AccessDenied', `${IAM}/reference_policies_evaluation-logic.html`, 'A Deny statement matches the request'),
  CONDITION_NOT_MET: r('aws', 403, 'AccessDenied', `${IAM}/reference_policies_elements_condition_operators.html`, 'An Allow statement would match but its condition is false for this request'),
  BPA_RESTRICT_PUBLIC_BUCKETS: r('aws', 403, 'AccessDenied', `${S3}/userguide/access-control-block-public-access.html`, 'The bucket policy is public and RestrictPublicBuckets is on'),
  BPA_IGNORE_PUBLIC_ACLS: r('aws', 403, 'AccessDenied', `${S3}/userguide/access-control-block-public-access.html`, 'A public ACL grant is ignored because IgnorePublicAcls is on'),
  BPA_BLOCK_PUBLIC_POLICY: r('aws', null, 'AccessDenied', `${S3}/userguide/access-control-block-public-access.html`, '(deploy) A public bucket policy cannot be put while BlockPublicPolicy is on'),
  BPA_BLOCK_PUBLIC_ACLS: r('aws', null, 'AccessDenied', `${S3}/userguide/access-control-block-public-access.html`, '(deploy) An upload with a public ACL is rejected while BlockPublicAcls is on'),
  ACLS_DISABLED_BY_OWNERSHIP: r('aws', 403, 'AccessDenied', `${S3}/userguide/about-object-ownership.html`, 'Object Ownership is BucketOwnerEnforced: ACL grants have no effect'),
  OBJECT_NOT_OWNED_BY_BUCKET_OWNER: r('aws', 403, 'AccessDenied', `${S3}/userguide/troubleshoot-403-errors.html`, 'The object belongs to another account, so the bucket policy cannot grant it'),
  KMS_ENCRYPTED: r('aws', 400, 'InvalidArgument', 'https://repost.aws/knowledge-center/s3-kms-signature-version-error', 'The object is encrypted with SSE-KMS; anonymous requests cannot read it'),
  SSE_C_REQUIRES_KEY: r('aws', 400, 'InvalidRequest', `${S3}/userguide/ServerSideEncryptionCustomerKeys.html`, 'The object is encrypted with a customer-provided key (SSE-C)'),
  REQUESTER_PAYS: r('aws', 403, 'AccessDenied', `${S3}/userguide/RequesterPaysBuckets.html`, 'The bucket is Requester Pays; anonymous requests are refused'),
  ARCHIVED_STORAGE_CLASS: r('aws', 403, 'InvalidObjectState', `${S3}/API/API_GetObject.html`, 'The object is in an archive storage class and not restored'),
  MISSING_KEY: r('aws', 404, 'NoSuchKey', `${S3}/API/API_GetObject.html`, 'No such key, and the requester may list the bucket'),
  MISSING_KEY_WITHOUT_LIST: r('aws', 403, 'AccessDenied', `${S3}/API/API_GetObject.html`, 'No such key, and the requester may not list the bucket, so S3 answers 403'),
  WEBSITE_HTTP_ONLY: r('aws', 403, 'AccessDenied', `${S3}/userguide/WebsiteEndpoints.html`, 'Website endpoints serve plain HTTP only, so aws:SecureTransport is false'),
  WEBSITE_INDEX_DOCUMENT: r('aws', null, null, `${S3}/userguide/IndexDocumentSupport.html`, 'The website endpoint mapped the request to an index document'),
  WEBSITE_ERROR_DOCUMENT: r('aws', null, null, `${S3}/userguide/CustomErrorDocSupport.html`, 'The website endpoint served the custom error document'),
  WEBSITE_REDIRECT: r('aws', 301, null, `${S3}/userguide/how-to-page-redirect.html`, 'A website redirect answered'),
  ACCESS_POINT_POLICY: r('aws', 403, 'AccessDenied', `${S3}/userguide/access-points-policies.html`, 'The access point policy or its Block Public Access settings decided'),
  RCP_OR_SCP_UNKNOWN: r('aws', null, null, 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html', 'Organisation resource control policies could not be read'),
  RCP_EXPLICIT_DENY: r('aws', 403, 'AccessDenied', 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html', 'An organisation resource control policy denies the request'),
  AUTHENTICATED_USERS_ONLY: r('aws', 403, 'AccessDenied', `${S3}/userguide/acl-overview.html`, 'The ACL grants AuthenticatedUsers, which an unsigned request never matches'),
  BUCKET_ACL_GRANTS_LIST_ONLY: r('aws', 403, 'AccessDenied', `${S3}/userguide/troubleshoot-403-errors.html`, 'A bucket ACL READ grant allows listing, never reading objects'),
  ACCESS_POINT_NO_ANONYMOUS: r('aws', 403, 'AccessDenied', `${S3}/userguide/access-points-restrictions-limitations.html`, 'Access points refuse anonymous requests'),
  VPC_ENDPOINT_POLICY_DENY: r('aws', 403, 'AccessDenied', `${S3}/userguide/troubleshoot-403-errors.html`, 'The VPC endpoint policy does not allow the request'),
  KMS_KEY_POLICY_NO_ACCESS: r('aws', 403, 'AccessDenied', 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html', 'The principal may read the object but the KMS key policy does not let it decrypt'),
  NO_SUCH_BUCKET: r('aws', 404, 'NoSuchBucket', `${S3}/API/ErrorResponses.html`, 'The bucket does not exist'),
  WRONG_REGION_ENDPOINT: r('aws', 301, 'PermanentRedirect', `${S3}/API/ErrorResponses.html`, "The request went to another region's endpoint"),
  WEBSITE_NOT_CONFIGURED: r('aws', 404, 'NoSuchWebsiteConfiguration', `${S3}/userguide/CustomErrorDocSupport.html`, 'The website endpoint was used but the bucket has no website configuration'),
  WEBSITE_FOLDER_REDIRECT: r('aws', 302, null, `${S3}/userguide/IndexDocumentSupport.html`, 'A folder path without its trailing slash redirects to the folder'),
  WEBSITE_ERROR_DOCUMENT_UNREADABLE: r('aws', null, null, `${S3}/userguide/CustomErrorDocSupport.html`, 'The custom error document is missing or not readable itself'),
  METHOD_NOT_ALLOWED: r('aws', 405, 'MethodNotAllowed', `${S3}/userguide/WebsiteEndpoints.html`, 'The website endpoint answers only GET and HEAD'),
  UNSIGNED_RESPONSE_OVERRIDE: r('aws', 400, 'InvalidRequest', `${S3}/API/API_GetObject.html`, 'response-* query parameters are not allowed on unsigned requests'),
  ALL_ACCESS_DISABLED: r('aws', 403, 'AllAccessDisabled', `${S3}/API/ErrorResponses.html`, 'AWS disabled all access to the bucket'),
  ACCOUNT_PROBLEM: r('aws', 403, 'AccountProblem', `${S3}/API/ErrorResponses.html`, "A problem with the bucket owner's account stops the request"),
  // Added by why403 (not in the first REASONS.md): states the snapshot cannot be in, and what S3 would refuse.
  POLICY_INVALID: r('aws', null, 'MalformedPolicy', `${IAM}/reference_policies_grammar.html`, 'The bucket policy is one S3 would reject, so this snapshot cannot describe a real bucket'),
  POLICY_STATUS_DISAGREEMENT: r('aws', null, null, `${S3}/API/API_GetBucketPolicyStatus.html`, "AWS's own verdict on whether the policy is public (GetBucketPolicyStatus) disagrees with why403's"),
  STATEMENT_UNINTERPRETABLE: r('aws', null, null, `${IAM}/reference_policies_elements_condition.html`, 'A statement that could apply depends on a value why403 cannot know'),
  // Google Cloud Storage
  GCS_ALLOWED_BY_IAM: r('gcs', 200, null, `${GCS}/access-control/making-data-public`, 'An IAM binding gives allUsers a role containing storage.objects.get'),
  GCS_ALLOWED_BY_ACL: r('gcs', 200, null, `${GCS}/access-control/lists`, 'An object ACL entry gives allUsers READER'),
  GCS_NO_PUBLIC_GRANT: r('gcs', 403, 'AccessDenied', `${GCS}/access-control/making-data-public`, 'No binding or ACL grants allUsers'),
  GCS_ALL_AUTHENTICATED_ONLY: r('gcs', 403, 'AccessDenied', `${GCS}/access-control/iam`, 'Access is granted to allAuthenticatedUsers, which an anonymous request is not'),
  GCS_ROLE_LACKS_PERMISSION: r('gcs', 403, 'AccessDenied', `${GCS}/access-control/iam-roles`, 'allUsers holds a role without storage.objects.get'),
  GCS_CONDITION_NOT_MET: r('gcs', 403, 'AccessDenied', `${GCS}/access-control/iam#conditions`, 'An IAM condition excludes this object or request'),
  GCS_PUBLIC_ACCESS_PREVENTION: r('gcs', 403, 'AccessDenied', `${GCS}/public-access-prevention`, 'Public access prevention is enforced'),
  GCS_UBLA_IGNORES_OBJECT_ACL: r('gcs', 403, 'AccessDenied', `${GCS}/uniform-bucket-level-access`, "Uniform bucket-level access is on, so the object's ACL has no effect"),
  GCS_REQUESTER_PAYS: r('gcs', 400, 'UserProjectMissing', `${GCS}/requester-pays`, 'Requester pays is on; anonymous requests cannot pay'),
  GCS_MISSING_OBJECT: r('gcs', 404, 'NoSuchKey', `${GCS}/xml-api/reference-status`, 'No such object, and the requester may list the bucket'),
  GCS_MISSING_OBJECT_WITHOUT_LIST: r('gcs', 403, 'AccessDenied', `${GCS}/xml-api/reference-status`, 'No such object, and the requester may not list the bucket'),
  GCS_CONDITIONAL_PUBLIC_BINDING: r('gcs', null, null, `${GCS}/access-control/iam#conditions`, 'A binding to allUsers carries a condition whose effect on public access is not documented'),
  GCS_ALLOWED_BY_MANAGED_FOLDER_IAM: r('gcs', 200, null, `${GCS}/managed-folders`, "A managed folder's IAM policy grants allUsers read"),
  GCS_IAM_DENY_POLICY: r('gcs', 403, 'AccessDenied', 'https://cloud.google.com/iam/docs/deny-overview', 'An IAM deny policy refuses the public principal'),
  GCS_SOFT_DELETED_OBJECT: r('gcs', 404, 'NoSuchKey', `${GCS}/soft-delete`, 'The object was soft-deleted'),
  GCS_CSEK_REQUIRES_KEY: r('gcs', 400, 'ResourceIsEncryptedWithCustomerEncryptionKey', `${GCS}/encryption/customer-supplied-keys`, 'The object is encrypted with a customer-supplied key'),
  GCS_CMEK_KEY_UNAVAILABLE: r('gcs', 403, null, `${GCS}/encryption/customer-managed-keys`, "The object's Cloud KMS key is unavailable"),
  GCS_AUTHENTICATED_BROWSER_URL: r('gcs', null, null, `${GCS}/access-control/cookie-based-authentication`, 'storage.cloud.google.com asks the visitor to sign in'),
  GCS_WEBSITE_MAIN_PAGE: r('gcs', null, null, `${GCS}/hosting-static-website`, 'Website settings mapped the request to the main page'),
  GCS_WEBSITE_NOT_FOUND_PAGE: r('gcs', 404, null, `${GCS}/hosting-static-website`, 'Website settings served the not-found page'),
  GCS_WEBSITE_CONFIG_NOT_APPLIED: r('gcs', null, null, `${GCS}/hosting-static-website`, 'Website settings do not apply on this host'),
  GCS_DOMAIN_RESTRICTED_SHARING: r('gcs', null, null, 'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains', '(deploy) An organisation policy refuses allUsers in new bindings'),
  GCS_IP_FILTER_DENY: r('gcs', 403, 'AccessDenied', `${GCS}/ip-filtering-overview`, "Bucket IP filtering refuses the caller's address"),
  GCS_VPC_SC: r('gcs', 403, 'SecurityPolicyViolated', 'https://cloud.google.com/vpc-service-controls/docs/overview', 'VPC Service Controls refuse the request'),
  GCS_AUTH_HEADER_PRESENT: r('gcs', 401, 'AuthenticationRequired', `${GCS}/troubleshooting`, 'The request carries an Authorization header, so it is not anonymous'),
  // Azure Blob Storage
  AZ_ALLOWED_BY_CONTAINER_ACCESS: r('azure', 200, null, `${AZ}/blobs/anonymous-read-access-configure`, "The container's public access level allows anonymous reads"),
  AZ_ACCOUNT_PUBLIC_ACCESS_DISABLED: r('azure', 409, 'PublicAccessNotPermitted', `${AZ}/blobs/anonymous-read-access-prevent`, 'The storage account disallows anonymous access'),
  AZ_CONTAINER_PRIVATE: r('azure', 404, 'ResourceNotFound', `${AZ}/blobs/anonymous-read-access-configure`, "The container's public access level is private"),
  AZ_CONTAINER_LIST_NOT_ALLOWED: r('azure', 404, 'ResourceNotFound', `${AZ}/blobs/anonymous-read-access-configure`, '"blob" level allows reading blobs but not listing the container'),
  AZ_FIREWALL_DENY: r('azure', 403, 'AuthorizationFailure', `${AZ}/common/storage-network-security`, 'Network rules refuse the caller'),
  AZ_BLOB_ARCHIVED: r('azure', 409, 'BlobArchived', `${AZ}/blobs/archive-rehydrate-overview`, 'The blob is in the archive tier'),
  AZ_MISSING_BLOB: r('azure', 404, 'BlobNotFound', 'https://learn.microsoft.com/en-us/rest/api/storageservices/blob-service-error-codes', 'No such blob'),
  AZ_BLOB_SOFT_DELETED: r('azure', 404, 'BlobNotFound', `${AZ}/blobs/soft-delete-blob-overview`, 'The blob was soft-deleted'),
  AZ_MISSING_CONTAINER: r('azure', 404, 'ResourceNotFound', 'https://learn.microsoft.com/en-us/rest/api/storageservices/blob-service-error-codes', 'No such container'),
  AZ_PUBLIC_NETWORK_ACCESS_DISABLED: r('azure', 403, 'PublicNetworkAccessDenied', `${AZ}/common/storage-network-security`, 'Public network access is disabled on the account'),
  AZ_NETWORK_PERIMETER: r('azure', 403, null, `${AZ}/common/storage-network-security`, 'A network security perimeter governs access'),
  AZ_HTTPS_REQUIRED: r('azure', 400, 'AccountRequiresHttps', `${AZ}/common/storage-require-secure-transfer`, 'The account requires HTTPS and the request used HTTP'),
  AZ_ENCRYPTION_SCOPE_DISABLED: r('azure', 403, null, `${AZ}/blobs/encryption-scope-overview`, "The blob's encryption scope is disabled"),
  AZ_CUSTOMER_PROVIDED_KEY: r('azure', 409, 'BlobUsesCustomerSpecifiedEncryption', `${AZ}/blobs/encryption-customer-provided-keys`, 'The blob is encrypted with a customer-provided key'),
  AZ_STATIC_WEBSITE_NOT_FOUND: r('azure', 404, 'WebContentNotFound', `${AZ}/blobs/storage-blob-static-website`, 'The static website found no such page'),
  AZ_STATIC_WEBSITE_ERROR_DOCUMENT: r('azure', 404, null, `${AZ}/blobs/storage-blob-static-website`, 'The static website served its 404 document'),
  AZ_RBAC_NOT_ANONYMOUS: r('azure', null, null, `${AZ}/blobs/authorize-access-azure-active-directory`, 'Role assignments exist, but RBAC never grants anonymous access'),
  AZ_STATIC_WEBSITE: r('azure', null, null, `${AZ}/blobs/storage-blob-static-website`, 'The request went to the static website endpoint ($web)'),
  // Not a verdict
  GAP: r('any', null, null, 'README.md#gaps', 'A fact could not be read'),
  EMULATOR_DIVERGENCE: r('any', null, null, 'README.md#emulators', 'The emulator does not enforce this rule; the real service would answer differently'),
} as const satisfies Record<string, ReasonInfo>

/** A stable reason code. */
export type ReasonCode = keyof typeof reasons

export const reasonCodes = Object.keys(reasons) as ReasonCode[]

export function reasonInfo(code: ReasonCode): ReasonInfo {
  return reasons[code]
}
