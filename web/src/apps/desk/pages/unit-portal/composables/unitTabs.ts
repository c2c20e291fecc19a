// The unit portal's tabs: which tickets each shows. The server already limits a unit handler to the
// tickets it may see (its unit's subtree, and tickets where its unit co-handles); a list filtered by
// state can still hold tickets where this unit is only a co-unit, so the lead tabs keep tickets whose
// lead unit lies in the handler's subtree, and the 协办 tab those that name the handler's unit as a
// co-unit. The same functions decide whether a ticket pushed by an event belongs in the open tab.
import type { Ticket, TicketListQuery } from '@/shared/api/types'

export type UnitTab = 'pending' | 'handling' | 'requested' | 'replied' | 'co'
export const UNIT_TABS: readonly UnitTab[] = ['pending', 'handling', 'requested', 'replied', 'co']

export const TAB_STATES: Record<UnitTab, readonly string[]> = {
  pending: ['dispatched'],
  handling: ['acknowledged', 'in_progress'],
  requested: ['extension_requested', 'return_requested'],
  replied: ['replied'],
  co: ['dispatched', 'acknowledged', 'in_progress', 'extension_requested', 'return_requested'],
}

// Open work is listed nearest deadline first; replied tickets newest first.
const SORT: Record<UnitTab, 'deadline' | 'newest'> = {
  pending: 'deadline',
  handling: 'deadline',
  requested: 'deadline',
  replied: 'newest',
  co: 'deadline',
}

export function isUnitTab(value: string): value is UnitTab {
  return (UNIT_TABS as readonly string[]).includes(value)
}

// The parent of a unit id: '' for a top unit, undefined when the unit is not known (yet).
export type ParentOf = (id: string) => string | undefined

// Whether `unit` is `root` or lies below it. Without the unit tree (not loaded yet) a unit id that
// extends the root's id (440106 → 440106021, a street of the district) counts as below it.
export function inSubtree(unit: string | undefined, root: string | undefined, parentOf?: ParentOf): boolean {
  if (!unit || !root) return false
  let current = unit
  for (let depth = 0; depth < 16; depth++) {
    if (current === root) return true
    const parent = parentOf?.(current)
    if (parent === undefined) return unit.startsWith(root)
    if (!parent) return false
    current = parent
  }
  return false
}

export function isCoUnit(ticket: Pick<Ticket, 'co_units'>, unit: string | undefined): boolean {
  return !!unit && (ticket.co_units ?? []).includes(unit)
}

export function tabMatches(tab: UnitTab, ticket: Ticket, unit: string | undefined, parentOf?: ParentOf): boolean {
  if (!ticket.state || !TAB_STATES[tab].includes(ticket.state)) return false
  if (tab === 'co') return isCoUnit(ticket, unit)
  return inSubtree(ticket.lead_unit, unit, parentOf)
}

export function tabQuery(tab: UnitTab): TicketListQuery {
  return { state: TAB_STATES[tab].join(','), sort: SORT[tab] }
}

// The co-units that still owe their opinion (协办意见), as the ticket shows them.
export function pendingCoUnits(ticket: Pick<Ticket, 'co_handling' | 'co_units'>): string[] {
  const handling = ticket.co_handling ?? []
  if (handling.length) return handling.filter((c) => !c.opinion).map((c) => c.unit ?? '').filter(Boolean)
  return []
}

// The unit ids named by the server's 409 on a reply ("…not given their opinion yet: 440104, 440105 (…").
export function unitsNamedIn(message: string | undefined): string[] {
  const match = /:\s*([^()]+?)\s*(\(|$)/.exec(message ?? '')
  if (!match?.[1]) return []
  return match[1].split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean)
}
