// The supervision board's rules: which tickets are overdue or nearly due (the yellow light of
// shared/composables/deadline.ts), the counts per lead unit, and the notices in a ticket's history.
import { deadlineLight } from '@/shared/composables/deadline'
import type { Ticket, TicketEvent } from '@/shared/api/types'

// The states a ticket is open for handling in (and may be supervised in).
export const OPEN_STATES = ['dispatched', 'acknowledged', 'in_progress', 'return_requested', 'extension_requested', 'replied'] as const
const OPEN = new Set<string>(OPEN_STATES)

export const isOpen = (ticket: Ticket) => OPEN.has(ticket.state ?? '')

// Overdue: the server's flag (computed at read), or the deadline passed since by the clock.
export function isOverdue(ticket: Ticket, now: number): boolean {
  return isOpen(ticket) && deadlineLight(ticket, now) === 'red'
}

export function isNearlyDue(ticket: Ticket, now: number, share: number): boolean {
  return isOpen(ticket) && deadlineLight(ticket, now, share) === 'yellow'
}

export function byDeadline(a: Ticket, b: Ticket): number {
  const da = a.deadline ? Date.parse(a.deadline) : Infinity
  const db = b.deadline ? Date.parse(b.deadline) : Infinity
  return da - db || (a.id ?? 0) - (b.id ?? 0)
}

export interface UnitCount {
  unit: string
  overdue: number
  nearlyDue: number
}

// One row per lead unit with its overdue and nearly-due counts, the most overdue first.
export function unitCounts(overdue: readonly Ticket[], nearlyDue: readonly Ticket[]): UnitCount[] {
  const rows = new Map<string, UnitCount>()
  const row = (unit: string) => {
    let r = rows.get(unit)
    if (!r) rows.set(unit, (r = { unit, overdue: 0, nearlyDue: 0 }))
    return r
  }
  const seen = new Set<number>()
  for (const t of overdue) {
    if (t.id !== undefined && seen.has(t.id)) continue
    if (t.id !== undefined) seen.add(t.id)
    row(t.lead_unit ?? '').overdue++
  }
  for (const t of nearlyDue) {
    if (t.id !== undefined && seen.has(t.id)) continue
    row(t.lead_unit ?? '').nearlyDue++
  }
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.nearlyDue - a.nearlyDue || a.unit.localeCompare(b.unit))
}

export function ofUnit(rows: readonly Ticket[], unit: string): Ticket[] {
  return unit ? rows.filter((t) => (t.lead_unit ?? '') === unit) : rows.slice()
}

export interface Notice {
  id: number
  actor: string
  role: string
  at: string
  reason: string
  note: string
}

// The supervision notices in a ticket's history, newest first.
export function noticesOf(history: readonly TicketEvent[]): Notice[] {
  return history
    .filter((e) => e.action === 'supervise')
    .map((e) => ({ id: e.id ?? 0, actor: e.actor ?? '', role: e.role ?? '', at: e.at ?? '', reason: e.reason ?? '', note: e.payload?.note ?? '' }))
    .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
}
