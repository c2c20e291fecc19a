// The callback desk's rules that are the screen's own (the lifecycle's are the server's): a ticket
// whose next attempt lies ahead waits (待重拨); the form's fields; and the dissatisfied → redo
// sequence (回访 then 重办 in one step).
import { act as realAct } from '@/shared/api/tickets'
import type { ActionRequest, Ticket, TicketAction } from '@/shared/api/types'

export type Outcome = 'rated' | 'unreachable' | 'refused'
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied'
export const OUTCOMES: readonly Outcome[] = ['rated', 'unreachable', 'refused']
export const RATINGS: readonly Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied']

export interface CallbackForm {
  outcome: Outcome
  rating: Rating | ''
  reason: string
  redo: boolean
}

export function emptyCallbackForm(): CallbackForm {
  return { outcome: 'rated', rating: '', reason: '', redo: false }
}

export function isInQueue(ticket: Pick<Ticket, 'state'>): boolean {
  return ticket.state === 'callback_pending'
}

// When the next attempt is due, if it lies ahead of `now` (after an unreachable attempt).
export function retryAt(ticket: Pick<Ticket, 'next_callback_at'>, now: number): number | null {
  if (!ticket.next_callback_at) return null
  const at = Date.parse(ticket.next_callback_at)
  return Number.isNaN(at) || at <= now ? null : at
}

// Ready tickets first, then by the end of the callback window, then by id.
export function sortQueue(rows: readonly Ticket[], now: number): Ticket[] {
  const due = (t: Ticket) => (t.callback_due ? Date.parse(t.callback_due) : Infinity)
  return [...rows].sort((a, b) => {
    const wa = retryAt(a, now) ? 1 : 0
    const wb = retryAt(b, now) ? 1 : 0
    return wa - wb || due(a) - due(b) || (a.id ?? 0) - (b.id ?? 0)
  })
}

export type CallbackField = 'rating' | 'reason'

export function missingCallbackFields(form: CallbackForm): CallbackField[] {
  if (form.outcome !== 'rated') return []
  if (!form.rating) return ['rating']
  if (form.rating === 'dissatisfied' && !form.reason.trim()) return ['reason']
  return []
}

export function callbackBody(form: CallbackForm): ActionRequest {
  if (form.outcome !== 'rated') return { outcome: form.outcome }
  const body: ActionRequest = { outcome: 'rated', rating: form.rating as Rating }
  if (form.reason.trim()) body.reason = form.reason.trim()
  return body
}

export function wantsRedo(form: CallbackForm): boolean {
  return form.outcome === 'rated' && form.rating === 'dissatisfied' && form.redo
}

export interface CallbackResult {
  ticket: Ticket
  // Set when the redo was asked for: true when done, else the error (the callback itself is recorded).
  redone?: boolean
  redoError?: unknown
}

type Act = (id: number, action: TicketAction, body?: ActionRequest) => Promise<Ticket>

// Records the callback; with a dissatisfied rating and redo asked for, sends it back to the lead unit
// (重办) right after, with the same reason. The redo needs the server to allow it on the closed ticket.
export async function recordCallback(ticket: Ticket, form: CallbackForm, act: Act = realAct): Promise<CallbackResult> {
  const id = ticket.id as number
  const rated = await act(id, 'callback', callbackBody(form))
  if (!wantsRedo(form)) return { ticket: rated }
  try {
    const redone = await act(id, 'redo', { reason: form.reason.trim() })
    return { ticket: redone, redone: true }
  } catch (e) {
    return { ticket: rated, redone: false, redoError: e }
  }
}

export async function redoOnly(ticket: Ticket, reason: string, act: Act = realAct): Promise<Ticket> {
  return act(ticket.id as number, 'redo', { reason: reason.trim() })
}
