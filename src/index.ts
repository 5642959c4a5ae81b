/**
 * why403 as a library: read a snapshot, prepare a bucket once, decide keys. Named exports only.
 */
export {ExitCode, Why403Error} from './errors.js'
export {reasonCodes, reasons, type ReasonCode, type ReasonInfo} from './explain/catalogue.js'
export type {Decision, Evidence, Fix, Gap, Outcome, Reason, ReasonRole, SourceRef} from './model/decision.js'
export type {AccessRequest, Endpoint, Principal, RequestContext} from './model/request.js'
export {prepareAws, type PreparedBucket} from './providers/aws/prepare.js'
export {AwsSnapshotSchema, type AwsSnapshot} from './providers/aws/snapshot.js'
export {readSnapshotFile} from './snapshot/read.js'
export {validateSnapshot, type Snapshot} from './snapshot/validate.js'
