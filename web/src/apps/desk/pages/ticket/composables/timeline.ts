// What one history event shows besides who/when/what/reason: its payload's meaningful keys, each
// with a label and a readable value (unit names, labels of codes, dates, before → after of a
// correction). Pure, so it is tested without the page.
import type { TicketEvent } from '@/shared/api/types'

export interface PayloadLine {
  key: string
  label: string
  value: string
  kind: 'plain' | 'text' | 'change' | 'tickets'
  tickets?: number[]
}

export interface TimelineDeps {
  unitName: (id: string) => string
  label: (domain: string, value: string) => string
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  date: (iso: string) => string
}

// On register the ticket itself shows these; the event repeats them.
const HIDDEN_ON_REGISTER = new Set(['title', 'text', 'caller_name', 'caller_phone', 'address', 'confidential'])
const HIDDEN = new Set(['latitude', 'longitude', 'sha256'])
const UNIT_KEYS = new Set(['lead_unit', 'unit', 'district', 'street', 'from_unit', 'to_unit'])
const UNIT_LISTS = new Set(['co_units', 'co_units_without_opinion'])
const FLAGS = new Set(['confidential', 'forced', 'in_time', 'deadline_beyond_calendar', 'force'])
const TEXTS = new Set(['text', 'note', 'reply', 'opinion', 'answer', 'text_addition'])
const VOCAB: Record<string, string> = { type: 'type', channel: 'channel', urgency: 'urgency', rating: 'rating', intake_rating: 'rating', state: 'state' }

export function keyLabel(key: string, deps: TimelineDeps): string {
  if (deps.te(`ticket.payload.${key}`)) return deps.t(`ticket.payload.${key}`)
  if (deps.te(`field.${key}`)) return deps.t(`field.${key}`)
  return key
}

export function formatValue(key: string, raw: string, deps: TimelineDeps): string {
  if (raw === '') return deps.t('ticket.payload.emptyValue')
  if (key === 'approved') return deps.t(raw === '1' || raw === 'true' ? 'ticket.payload.approvedYes' : 'ticket.payload.approvedNo')
  if (FLAGS.has(key)) return deps.t(raw === '1' || raw === 'true' ? 'ticket.payload.yes' : 'ticket.payload.no')
  if (UNIT_KEYS.has(key)) return deps.unitName(raw)
  if (UNIT_LISTS.has(key)) return raw.split(',').filter(Boolean).map(deps.unitName).join('、')
  if (key === 'outcome') return deps.te(`ticket.outcome.${raw}`) ? deps.t(`ticket.outcome.${raw}`) : raw
  const vocab = VOCAB[key]
  if (vocab) {
    const shown = deps.label(vocab, raw)
    if (shown !== raw) return shown
    return deps.te(`ticket.${vocab}.${raw}`) ? deps.t(`ticket.${vocab}.${raw}`) : raw
  }
  if (key === 'size' && /^\d+$/.test(raw)) {
    const n = Number(raw)
    return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`
  }
  if (/deadline$|_at$/.test(key) && /^\d{4}-\d\d-\d\dT/.test(raw)) return deps.date(raw)
  return raw
}

export function payloadLines(event: TicketEvent, deps: TimelineDeps): PayloadLine[] {
  const payload = event.payload ?? {}
  const lines: PayloadLine[] = []
  const seenChanges = new Set<string>()
  for (const [key, raw] of Object.entries(payload)) {
    if (HIDDEN.has(key)) continue
    if (event.action === 'register' && HIDDEN_ON_REGISTER.has(key)) continue
    const change = /^(before|after)_(.+)$/.exec(key)
    if (change) {
      const field = change[2]!
      if (seenChanges.has(field)) continue
      seenChanges.add(field)
      const before = formatValue(field, payload[`before_${field}`] ?? '', deps)
      const after = formatValue(field, payload[`after_${field}`] ?? '', deps)
      const name = keyLabel(field, deps)
      lines.push({ key: field, label: name, value: deps.t('ticket.payload.change', { field: name, before, after }), kind: 'change' })
      continue
    }
    if (raw === '' || raw === undefined) continue
    if (key === 'merged_from' || key === 'merge_into') {
      const ids = raw.split(',').map(Number).filter((n) => n > 0)
      lines.push({ key, label: keyLabel(key, deps), value: ids.map((n) => `#${n}`).join(' '), kind: 'tickets', tickets: ids })
      continue
    }
    lines.push({ key, label: keyLabel(key, deps), value: formatValue(key, raw, deps), kind: TEXTS.has(key) ? 'text' : 'plain' })
  }
  return lines
}
