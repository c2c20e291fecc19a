// The calls every ticket screen makes: one ticket, its history, an action, the contact reveal.
import { api } from './client'
import type { ActionRequest, Ticket, TicketAction, TicketEvent } from './types'

export async function fetchTicket(id: number): Promise<Ticket> {
  const { data } = await api.GET('/api/v1/tickets/{id}', { params: { path: { id } } })
  return data as Ticket
}

export async function fetchHistory(id: number): Promise<TicketEvent[]> {
  const { data } = await api.GET('/api/v1/tickets/{id}/history', { params: { path: { id } } })
  return ((data as { items?: TicketEvent[] } | undefined)?.items ?? []) as TicketEvent[]
}

// Applies a lifecycle action; resolves to the changed ticket, rejects with ApiError (403 when the
// role may not, 409 when the state does not allow it, 400 naming the field).
export async function act(id: number, action: TicketAction, body: ActionRequest = {}): Promise<Ticket> {
  const { data } = await api.POST('/api/v1/tickets/{id}/{action}', { params: { path: { id, action } }, body })
  return data as Ticket
}
