import type {AccessRequest} from '../../../model/request.js'
import type {AwsFacts, PolicyState} from '../facts.js'
import {bindPolicy, classifyPolicy} from '../policy/index.js'
import type {BoundPolicy, IamPrincipal, PolicyDocument, PublicPolicyVerdict} from '../policy/types.js'
import {iamPrincipal, requestContext} from './context.js'
import {policyAlternatives, rcpAlternatives, vpcePolicyAlternatives} from './world.js'

/**
 * Everything a procedure needs that is the same for every key of a scan: the facts, the request template, and
 * policies compiled once (per document and per transport, since the website endpoint forces plain HTTP).
 */
export interface Env {
  readonly facts: AwsFacts
  readonly request: AccessRequest
  readonly principal: IamPrincipal
  readonly bucket: string
  readonly policyAlternatives: readonly PolicyState[]
  readonly rcpAlternatives: readonly (readonly PolicyDocument[])[]
  readonly vpcePolicyAlternatives: readonly PolicyState[]
  bind(document: PolicyDocument, secureTransport: boolean): BoundPolicy
  classify(document: PolicyDocument): PublicPolicyVerdict
}

export function makeEnv(facts: AwsFacts, request: AccessRequest): Env {
  const principal = iamPrincipal(request)
  const contexts = [requestContext(request, false), requestContext(request, true)] as const
  const bound = [
    new WeakMap<PolicyDocument, BoundPolicy>(),
    new WeakMap<PolicyDocument, BoundPolicy>(),
  ] as const
  const verdicts = new WeakMap<PolicyDocument, PublicPolicyVerdict>()
  return {
    facts,
    request,
    principal,
    bucket: facts.bucket.name,
    policyAlternatives: policyAlternatives(facts.bucket.name, request),
    rcpAlternatives: rcpAlternatives(facts.bucket.name),
    vpcePolicyAlternatives: vpcePolicyAlternatives(),
    bind(document, secureTransport) {
      const i = secureTransport ? 1 : 0
      let b = bound[i].get(document)
      if (b === undefined) {
        b = bindPolicy(document, principal, contexts[i])
        bound[i].set(document, b)
      }
      return b
    },
    classify(document) {
      let v = verdicts.get(document)
      if (v === undefined) {
        v = classifyPolicy(document)
        verdicts.set(document, v)
      }
      return v
    },
  }
}
