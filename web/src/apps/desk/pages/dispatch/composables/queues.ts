// The dispatch centre's queues: which tickets each holds (one state each), which actions the screen
// offers there, and the rule that keeps a queue live when an event pushes a changed ticket. Whether
// an action is possible on a ticket comes from its allowed_actions (the server), never from here.
import type { Ticket, TicketAction } from '@/shared/api/types'

export type QueueKey = 'pending' | 'returned' | 'extension' | 'dispatched'

export interface QueueDef {
  key: QueueKey
  state: string
  // The actions this queue's toolbar offers (each shown only when the selected tickets allow it).
  actions: TicketAction[]
}

export const QUEUES: readonly QueueDef[] = [
  { key: 'pending', state: 'pending_review', actions: ['dispatch', 'review'] },
  { key: 'returned', state: 'return_requested', actions: ['uphold_return', 'reject_return'] },
  { key: 'extension', state: 'extension_requested', actions: ['approve_extension', 'reject_extension'] },
  { key: 'dispatched', state: 'dispatched', actions: ['recall'] },
]

export function queueOf(key: string | undefined): QueueDef {
  return QUEUES.find((q) => q.key === key) ?? QUEUES[0]!
}

// Whether a ticket, as an event shows it now, belongs in the queue.
export function queueMatches(queue: QueueDef): (ticket: Ticket) => boolean {
  return (ticket) => ticket.state === queue.state && ticket.merged_into == null
}

// The badge of a queue's tab: the rows loaded, "+" when more pages are on the server.
export function countBadge(rows: number, hasMore: boolean): string {
  return hasMore ? `${rows}+` : String(rows)
}

// The toolbar's action buttons for the selected tickets: the queue's actions that every selected
// ticket allows. "dispatch" counts as allowed when the ticket allows dispatch, or review (the
// dialog reviews it first). "review" here is the rejection (back for correction).
export function offeredActions(queue: QueueDef, selected: readonly Ticket[]): TicketAction[] {
  if (!selected.length) return []
  return queue.actions.filter((action) =>
    selected.every((t) => {
      const allowed = t.allowed_actions ?? []
      if (action === 'dispatch') return allowed.includes('dispatch') || allowed.includes('review')
      return allowed.includes(action)
    }),
  )
}

// Actions whose reason the server requires (the dialog does not send without one).
const REASON_REQUIRED = new Set<TicketAction>(['review', 'reject_return', 'reject_extension', 'recall'])
export function reasonRequired(action: TicketAction): boolean {
  return REASON_REQUIRED.has(action)
}

// The body sent for a reason action.
export function reasonBody(action: TicketAction, reason: string): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (reason.trim()) body.reason = reason.trim()
  if (action === 'review') body.approve = false
  return body
}
