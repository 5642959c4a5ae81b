import {reasons, type Provider, type ReasonCode} from '../explain/catalogue.js'

const PROVIDER_TITLE: Record<Provider, string> = {
  aws: 'Amazon S3',
  gcs: 'Google Cloud Storage',
  azure: 'Azure Blob Storage',
  any: 'Not a verdict',
}

/** The reason catalogue as Markdown tables, one per provider: the README's reference section is generated from it. */
export function renderReasonsMarkdown(): string {
  const out: string[] = []
  for (const provider of ['aws', 'gcs', 'azure', 'any'] as const) {
    out.push(
      `### ${PROVIDER_TITLE[provider]}`,
      '',
      '| code | status | error code | what happened | documentation |',
      '| --- | --- | --- | --- | --- |',
    )
    for (const code of Object.keys(reasons) as ReasonCode[]) {
      const r = reasons[code]
      if (r.provider !== provider) continue
      const doc = r.doc.startsWith('http') ? `[docs](${r.doc})` : r.doc
      out.push(`| \`${code}\` | ${r.status ?? '—'} | ${r.errorCode ?? '—'} | ${r.title} | ${doc} |`)
    }
    out.push('')
  }
  return out.join('\n')
}
