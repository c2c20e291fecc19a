// Running one action over several tickets: each is tried in turn, a failure does not stop the
// others, and the outcome is reported per ticket with the Chinese message of its error.
import { act } from '@/shared/api/tickets'
import { errorText } from '@/shared/api/messages'
import type { Ticket } from '@/shared/api/types'

export interface BulkFailure {
  id: number
  title: string
  message: string
  error: unknown
}

export interface BulkResult {
  done: Ticket[]
  failed: BulkFailure[]
}

export async function runBulk(
  tickets: readonly Ticket[],
  run: (ticket: Ticket) => Promise<Ticket>,
  describe: (error: unknown) => string = errorText,
): Promise<BulkResult> {
  const result: BulkResult = { done: [], failed: [] }
  for (const ticket of tickets) {
    try {
      result.done.push(await run(ticket))
    } catch (error) {
      result.failed.push({ id: ticket.id ?? 0, title: ticket.title ?? '', message: describe(error), error })
    }
  }
  return result
}

export interface DispatchChoice {
  lead_unit: string
  co_units: string[]
}

// Dispatches one pending ticket: a ticket not yet reviewed is approved in review first (when the
// server offers review), then dispatched to the lead unit with its co-handling units.
export async function dispatchTicket(ticket: Ticket, choice: DispatchChoice, apply = act): Promise<Ticket> {
  const id = ticket.id ?? 0
  let current = ticket
  if (!current.reviewed && (current.allowed_actions ?? []).includes('review')) {
    current = await apply(id, 'review', { approve: true })
  }
  const co = [...new Set(choice.co_units.filter((u) => u && u !== choice.lead_unit))]
  return apply(id, 'dispatch', { lead_unit: choice.lead_unit, co_units: co })
}
