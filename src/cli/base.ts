/**
 * The base of every why403 command: shared flags, output (text or JSON, stdout or --output FILE), and the one place
 * where failures become messages and exit codes. A user error never shows a stack trace.
 */
import {writeFile} from 'node:fs/promises'

import {Command, Flags} from '@oclif/core'

import {ExitCode, Why403Error, type ExitCode as ExitCodeValue} from '../errors.js'

/** --format with the formats a command offers; --json is the same as --format json. */
export function formatFlag<const T extends readonly [string, ...string[]]>(options: T) {
  return Flags.option({
    options,
    default: options[0],
    summary: 'Output format (--json is the same as --format json).',
  })()
}

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    snapshot: Flags.string({
      summary: 'Read the bucket from a snapshot file instead of a live account.',
      description: 'A file written by `why403 snapshot`, or one of the examples in examples/. Works offline.',
      helpValue: 'FILE',
    }),
    output: Flags.string({
      char: 'o',
      summary: 'Write the output to this file instead of stdout.',
      helpValue: 'FILE',
    }),
  }

  /** Prints a result as text or JSON, to stdout or --output, then ends with the verdict's exit code. */
  protected async emit(
    result: {text: string; json: unknown},
    flags: {format: string; output?: string | undefined},
    code: ExitCodeValue,
  ): Promise<void> {
    const asJson = this.jsonEnabled() || flags.format === 'json'
    const body = asJson ? JSON.stringify(result.json, null, 2) + '\n' : result.text
    if (flags.output !== undefined) {
      try {
        await writeFile(flags.output, body)
      } catch (error) {
        throw new Why403Error('bad-input', `cannot write ${flags.output}: ${(error as Error).message}`, {
          where: '--output',
          hint: 'check that the folder exists and is writable',
        })
      }
    } else process.stdout.write(body)
    if (code !== ExitCode.Ok) this.exit(code)
  }

  protected override async catch(err: Error & {oclif?: {exit?: number}; code?: string}): Promise<never> {
    if (err.code === 'EEXIT') throw err
    if (err instanceof Why403Error) {
      const lines = [`error: ${err.message}`]
      if (err.where !== undefined) lines.push(`  at: ${err.where}`)
      if (err.hint !== undefined) lines.push(`  hint: ${err.hint}`)
      process.stderr.write(lines.join('\n') + '\n')
      this.exit(err.exitCode)
    }
    if (err.oclif?.exit !== undefined) {
      // oclif's own parse errors (unknown flag, bad option value, missing argument): a usage error.
      process.stderr.write(`error: ${err.message}\n  hint: see \`why403 ${this.id ?? ''} --help\`\n`)
      this.exit(ExitCode.Usage)
    }
    process.stderr.write(
      `internal error: ${err.message}\n  hint: this is a bug in why403; please report it with the command you ran${process.env.DEBUG?.includes('why403') ? `\n${err.stack ?? ''}` : ' (set DEBUG=why403 for details)'}\n`,
    )
    this.exit(ExitCode.Internal)
  }
}
