export {bindPolicy} from './compile.js'
export {parseOperator, parsePolicy} from './grammar.js'
export {evaluateClause} from './operators.js'
export {compilePattern, substitute} from './patterns.js'
export {principalMatches} from './principals.js'
export {classifyPolicy} from './publicness.js'
export type {
  BoundPolicy,
  ClauseResult,
  ConditionClause,
  ContextLookup,
  ContextValue,
  IamPrincipal,
  PolicyDocument,
  PolicyParseResult,
  PolicyProblem,
  PolicyVersion,
  PrincipalSpec,
  PublicPolicyVerdict,
  Statement,
  StatementMatch,
  Tri,
} from './types.js'
