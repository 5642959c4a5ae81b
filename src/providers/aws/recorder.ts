/**
 * A smithy middleware on every client the adapter builds: it counts each request per command (scans report API calls
 * per kind) and refuses, before anything is sent, any command that is not a read. why403 never changes a cloud
 * resource; this makes that a property of the clients rather than a promise of the code that uses them.
 */
import type {MiddlewareStack} from '@smithy/types'

/** Commands allowed through: reads only. STS GetCallerIdentity is a read sent as POST. */
export function isReadOnlyCommand(command: string): boolean {
  return /^(Get|List|Head)[A-Z]/.test(command.replace(/Command$/, ''))
}

export class ReadOnlyViolation extends Error {
  constructor(readonly command: string) {
    super(`why403 refused to send ${command}: it only reads`)
    this.name = 'ReadOnlyViolation'
  }
}

export interface RecordedRequest {
  readonly service: string
  readonly command: string
  readonly method: string
  readonly path: string
}

/** Every request the adapter's clients sent, in order, and counts per command. */
export class CallLog {
  readonly requests: RecordedRequest[] = []
  private readonly counts = new Map<string, number>()
  /** Keep the request list only when asked (tests); a million-key scan keeps counts. */
  constructor(private readonly keepRequests = false) {}

  record(r: RecordedRequest): void {
    // S3 and S3 Control share command names (GetPublicAccessBlock): keep them apart.
    const kind = r.service === 's3' ? r.command : `${r.service}:${r.command}`
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1)
    if (this.keepRequests) this.requests.push(r)
  }

  perCommand(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)))
  }
}

interface HasMiddleware {
  middlewareStack: Pick<MiddlewareStack<object, object>, 'add'>
}

/** Installs the guard and the recorder on a client. */
export function guardAndRecord(client: HasMiddleware, service: string, log: CallLog): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as {commandName?: string}).commandName ?? 'Unknown').replace(
        /Command$/,
        '',
      )
      if (!isReadOnlyCommand(command)) throw new ReadOnlyViolation(command)
      return next(args)
    },
    {step: 'initialize', name: 'why403ReadOnlyGuard', priority: 'high'},
  )
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as {commandName?: string}).commandName ?? 'Unknown').replace(
        /Command$/,
        '',
      )
      const request = (args as {request?: {method?: string; path?: string}}).request
      log.record({service, command, method: request?.method ?? '?', path: request?.path ?? '?'})
      return next(args)
    },
    {step: 'finalizeRequest', name: 'why403CallRecorder', priority: 'low'},
  )
}
