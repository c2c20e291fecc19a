// What an audited change did: the `before` and `after` JSON texts of the audit entry compared field
// by field (nested values by their JSON). A text that is not a JSON object is one unnamed field.
export interface Change {
  field: string
  before: string
  after: string
}

type Fields = Record<string, unknown>
function fieldsOf(text: string): Fields | string | null {
  if (!text) return null
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : text
  } catch {
    return text
  }
}
const show = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value))

export function changes(beforeText: string | undefined, afterText: string | undefined): Change[] {
  const before = fieldsOf(beforeText ?? '')
  const after = fieldsOf(afterText ?? '')
  if (typeof before === 'string' || typeof after === 'string') {
    const b = typeof before === 'string' ? before : show(before)
    const a = typeof after === 'string' ? after : show(after)
    return b === a ? [] : [{ field: '', before: b, after: a }]
  }
  const b = before ?? {}
  const a = after ?? {}
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return names.map((field) => ({ field, before: show(b[field]), after: show(a[field]) })).filter((c) => c.before !== c.after)
}
