// One ticket and its history, kept current: loaded on open, replaced by the ticket each pushed event
// carries (with this user's allowed_actions), history refetched, and a notice "updated by <actor>"
// when someone else changed it. `status` tells the page which state to show.
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { fetchHistory, fetchTicket } from '@/shared/api/tickets'
import { ApiError } from '@/shared/api/errors'
import type { EventMessage, Ticket, TicketEvent } from '@/shared/api/types'
import { useTicketEvents } from '@/shared/realtime'

export type PageStatus = 'loading' | 'ready' | 'not_found' | 'forbidden' | 'error'

export function statusOf(error: unknown): PageStatus {
  if (error instanceof ApiError && error.status === 404) return 'not_found'
  if (error instanceof ApiError && error.status === 403) return 'forbidden'
  return 'error'
}

export interface TicketPageOptions {
  id: Ref<number>
  myUserId: () => number | undefined
}

export function useTicketPage({ id, myUserId }: TicketPageOptions) {
  const ticket = shallowRef<Ticket | null>(null)
  const history = shallowRef<TicketEvent[]>([])
  const status = ref<PageStatus>('loading')
  const error = ref<unknown>(null)
  const historyError = ref<unknown>(null)
  const notice = ref<{ actor: string; at: string } | null>(null)
  let loadSeq = 0

  async function loadHistory() {
    const wanted = id.value
    try {
      const items = await fetchHistory(wanted)
      if (wanted === id.value) {
        history.value = items
        historyError.value = null
      }
    } catch (e) {
      if (wanted === id.value) historyError.value = e
    }
  }

  async function load() {
    const seq = ++loadSeq
    if (!ticket.value || ticket.value.id !== id.value) status.value = 'loading'
    error.value = null
    try {
      const [loaded] = await Promise.all([fetchTicket(id.value), loadHistory()])
      if (seq !== loadSeq) return
      ticket.value = loaded
      status.value = 'ready'
    } catch (e) {
      if (seq !== loadSeq) return
      ticket.value = null
      error.value = e
      status.value = statusOf(e)
    }
  }

  // The ticket after the user's own action (from the action's response).
  function replace(next: Ticket) {
    if (next.id !== id.value) return
    if (ticket.value?.version && next.version && next.version < ticket.value.version) return
    ticket.value = next
    void loadHistory()
  }

  function onEvent(message: EventMessage) {
    if (message.ticket_id !== id.value || status.value !== 'ready') return
    const current = ticket.value?.version
    if (current && message.ticket?.version && message.ticket.version < current) return
    if (message.ticket) replace(message.ticket)
    else void load()
    const mine = myUserId()
    if (message.actor && (mine === undefined || message.actor_id !== mine)) {
      notice.value = { actor: message.actor, at: message.at ?? '' }
    }
  }

  useTicketEvents({ event: onEvent, reconnected: () => void load(), reset: () => void load() })
  watch(id, () => {
    ticket.value = null
    history.value = []
    notice.value = null
    void load()
  })

  const actions = computed(() => (ticket.value?.allowed_actions ?? []) as string[])
  return { ticket, history, status, error, historyError, notice, actions, load, replace, onEvent }
}
