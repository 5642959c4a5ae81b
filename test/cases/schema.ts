/**
 * The scenario case format: a base snapshot, the changes a case makes to it, one request, and what S3 answers,
 * with the documentation page the expectation comes from. Strict: an unknown field is an error, and a case must
 * expect something (a status and its reasons), as OPA's test cases do.
 */
import {z} from 'zod'

const Flags = z.strictObject({
  BlockPublicAcls: z.boolean().optional(),
  IgnorePublicAcls: z.boolean().optional(),
  BlockPublicPolicy: z.boolean().optional(),
  RestrictPublicBuckets: z.boolean().optional(),
})

export const RequestSchema = z.strictObject({
  key: z.string(),
  endpoint: z.enum(['rest', 'website']).default('rest'),
  method: z.string().default('GET'),
  /** anonymous | cloudfront:DISTRIBUTION_ARN | oai:CANONICAL_ID | an IAM principal ARN with its account */
  as: z.string().default('anonymous'),
  secureTransport: z.boolean().default(true),
  sourceIp: z.string().optional(),
  referer: z.string().optional(),
  userAgent: z.string().optional(),
  sourceVpce: z.string().optional(),
  now: z.string().optional(),
  query: z.record(z.string(), z.string()).optional(),
  accessPoint: z.string().optional(),
})

export const CaseSchema = z.strictObject({
  name: z.string().min(10),
  /** The AWS documentation page the expected answer comes from. */
  doc: z.url(),
  confidence: z.enum(['documented', 'inferred']).default('documented'),
  /** Shorthands for the usual changes to the base snapshot. */
  policy: z.union([z.record(z.string(), z.unknown()), z.string(), z.null()]).optional(),
  bpa: z.strictObject({bucket: Flags.nullable().optional(), account: Flags.nullable().optional()}).optional(),
  ownership: z.enum(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']).nullable().optional(),
  /** A JSON merge patch (RFC 7386) applied to the base snapshot after the shorthands. */
  patch: z.record(z.string(), z.unknown()).optional(),
  request: RequestSchema,
  /**
   * The LocalStack gallery bucket (localstack/seed.ts) holding the same configuration: the emulator suite explains
   * it live and expects this case's answer, so live reading and hand-written snapshot are held to one expectation.
   */
  gallery: z
    .strictObject({
      target: z.string(),
      flags: z.array(z.string()).default([]),
      account: z.string().optional(),
    })
    .optional(),
  expect: z.strictObject({
    status: z.union([z.number().int(), z.literal('unknown')]),
    errorCode: z.string().nullable().optional(),
    /** Decisive and latent reason codes in order; `CODE@level` pins the level. */
    reasons: z.array(z.string()).min(1),
    readable: z.boolean().optional(),
    /** Permissions named by decisive gaps (unknown answers) or by any gap. */
    gaps: z.array(z.string()).optional(),
    evaluatedKey: z.string().optional(),
    location: z.string().optional(),
    /** Codes that must appear among the context reasons. */
    context: z.array(z.string()).optional(),
  }),
})

export const CaseFileSchema = z.strictObject({
  description: z.string(),
  base: z.string(),
  cases: z.array(CaseSchema).min(1),
})

export type Case = z.infer<typeof CaseSchema>
export type CaseFile = z.infer<typeof CaseFileSchema>
