/**
 * Principal and NotPrincipal matching.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
import type {IamPrincipal, PrincipalSpec} from './types.js'

/** Whether a principal spec names the requester. `"*"` and `{"AWS": "*"}` name everyone, anonymous included. */
export function principalMatches(spec: PrincipalSpec, who: IamPrincipal): boolean {
  if (spec.any || spec.aws.includes('*')) return true
  switch (who.type) {
    case 'anonymous':
      // "You cannot use a wildcard to match part of a principal name or ARN": nothing but "*" names anonymous.
      return false
    case 'service':
      return spec.service.some((s) => s.toLowerCase() === who.service.toLowerCase())
    case 'aws':
      return (
        spec.aws.some(
          (a) => a === who.arn || a === who.accountId || a === `arn:aws:iam::${who.accountId}:root`,
        ) ||
        (who.canonicalId !== undefined && spec.canonicalUser.includes(who.canonicalId))
      )
  }
}
