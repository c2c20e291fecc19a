// The fields an audited change touched: its `before` / `after` JSON text compared key by key.
// Arrays and objects are compared by their JSON; unparsable text is shown whole.
export interface FieldChange {
  field: string
  before: string
  after: string
}

function parsed(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const shown = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v))
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function changedFields(beforeText: string, afterText: string): FieldChange[] {
  const before = parsed(beforeText)
  const after = parsed(afterText)
  if (!isRecord(before) && !isRecord(after)) {
    const b = shown(before)
    const a = shown(after)
    return b === a ? [] : [{ field: '', before: b, after: a }]
  }
  const b = isRecord(before) ? before : {}
  const a = isRecord(after) ? after : {}
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys
    .map((field) => ({ field, before: shown(b[field]), after: shown(a[field]) }))
    .filter((c) => c.before !== c.after)
}
