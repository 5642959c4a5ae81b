/**
 * The IAM policy language as Amazon S3 applies it to bucket policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/** Only these two versions exist; policy variables need 2012-10-17. */
export type PolicyVersion = '2012-10-17' | '2008-10-17'

/** A principal as written in a statement, after normalising string-vs-array. `"*"` is kept as `any`. */
export type PrincipalSpec =
  | {readonly any: true}
  | {
      readonly any: false
      /** Values under "AWS": account ids, ARNs, or "*". */
      readonly aws: readonly string[]
      readonly service: readonly string[]
      readonly canonicalUser: readonly string[]
      readonly federated: readonly string[]
    }

/** One condition clause: operator, key and the values it is compared with. */
export interface ConditionClause {
  /** As written, e.g. "ForAnyValue:StringLikeIfExists". */
  readonly operator: string
  /** As written; keys are case-insensitive when matched. */
  readonly key: string
  readonly values: readonly string[]
  /** JSON pointer of this clause inside the policy document, e.g. "/Statement/0/Condition/StringEquals/aws:Referer". */
  readonly pointer: string
}

/** A statement after validation. Exactly one of each pair (principal/notPrincipal, …) is set. */
export interface Statement {
  /** 1-based, as AWS tools show it. */
  readonly index: number
  readonly sid?: string
  readonly effect: 'Allow' | 'Deny'
  readonly principal?: PrincipalSpec
  readonly notPrincipal?: PrincipalSpec
  readonly action?: readonly string[]
  readonly notAction?: readonly string[]
  readonly resource?: readonly string[]
  readonly notResource?: readonly string[]
  readonly conditions: readonly ConditionClause[]
  /** JSON pointer of the statement in the policy document ("/Statement/0", or "/Statement" for a lone object). */
  readonly pointer: string
  /** The statement exactly as written, for quoting. */
  readonly raw: unknown
}

export interface PolicyDocument {
  readonly version: PolicyVersion | undefined
  readonly id?: string
  readonly statements: readonly Statement[]
}

/** Something S3 would reject the policy for (PutBucketPolicy → MalformedPolicy). */
export interface PolicyProblem {
  readonly pointer: string
  readonly message: string
  /** The offending part, quoted as written. */
  readonly quote: unknown
}

export type PolicyParseResult =
  | {readonly ok: true; readonly policy: PolicyDocument}
  | {readonly ok: false; readonly problems: readonly PolicyProblem[]}

/**
 * Who is asking, as IAM sees it.
 * Anonymous requests match only `"*"` / `{"AWS":"*"}` principals (and NotPrincipal lists that cannot name them).
 */
export type IamPrincipal =
  | {readonly type: 'anonymous'}
  | {readonly type: 'service'; readonly service: string}
  | {readonly type: 'aws'; readonly arn: string; readonly accountId: string; readonly canonicalId?: string}

/**
 * The value of a context key for this request.
 * - `absent`: the key is not in the request context (e.g. aws:Referer without a Referer header).
 * - `unknown`: the key may be present but its value is not known to the tool (e.g. s3:ExistingObjectTag/x
 *   when the object's tags were not read); statements that depend on it evaluate to `unknown`.
 */
export type ContextValue =
  | {readonly kind: 'present'; readonly values: readonly string[]}
  | {readonly kind: 'absent'}
  | {readonly kind: 'unknown'; readonly why: string}

/** Looks up a context key (case-insensitive name). Must answer for every key; unmodelled keys are `unknown`. */
export type ContextLookup = (key: string) => ContextValue

/** Three-valued result: `unknown` when a value the tool cannot know, or a construct it cannot interpret, decides. */
export type Tri = 'match' | 'no-match' | 'unknown'

export interface ClauseResult {
  readonly clause: ConditionClause
  readonly result: Tri
  /** The context value it was compared with. */
  readonly actual: ContextValue
  /** Why unknown, or a note such as "key absent: negated operator is true". */
  readonly note?: string
}

/**
 * How one statement fares against one request, element by element, so that an explanation can say
 * "this Allow matched everything except aws:Referer".
 */
export interface StatementMatch {
  readonly statement: Statement
  readonly principal: Tri
  readonly action: Tri
  readonly resource: Tri
  readonly condition: Tri
  /** Every clause, in document order. */
  readonly clauses: readonly ClauseResult[]
  /** AND of the four elements (`no-match` beats `unknown`). */
  readonly result: Tri
}

/**
 * A policy compiled for one principal and one request context (constant across a scan), so that deciding a key
 * costs only the resource match. Built once per scan.
 */
export interface BoundPolicy {
  /** Match every statement against one action and resource ARN. */
  match(action: string, resourceArn: string): readonly StatementMatch[]
  /**
   * The statements' results for this action and resource as one short string (one letter per statement), without
   * building the matches: two resources with the same signature get the same decision. The scan's hot path.
   */
  signature(action: string, resourceArn: string): string
}

/** Whether the policy is "public" in S3's sense (drives RestrictPublicBuckets and BlockPublicPolicy). */
export interface PublicPolicyVerdict {
  readonly public: boolean
  /** The Allow statements that make it public, each with the reason. Empty when not public. */
  readonly publicStatements: readonly {readonly statement: Statement; readonly why: string}[]
}
