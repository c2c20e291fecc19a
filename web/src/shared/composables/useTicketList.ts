// A server-side filtered ticket list with cursor paging, kept live by the event stream: a row whose
// ticket changed is patched in place (or dropped when `matches` says it left this list), a ticket
// that newly matches is put on top, and after a reconnect or reset the list refetches.
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { api } from '../api/client'
import type { EventMessage, Ticket, TicketListQuery } from '../api/types'
import { useTicketEvents } from '../realtime'

export interface TicketListOptions {
  query: () => TicketListQuery
  // Whether a ticket, as an event shows it now, belongs in this list; by default only rows already
  // present are patched and nothing new is added.
  matches?: (ticket: Ticket) => boolean
  pageSize?: number
  immediate?: boolean
  // A ticket another user's action brought into this list (a pushed event, not a refetch).
  onArrival?: (ticket: Ticket) => void
}

export function useTicketList(options: TicketListOptions) {
  const rows: Ref<Ticket[]> = shallowRef([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  const cursor = ref<{ after?: number; cursor?: string } | null>(null)
  const hasMore = computed(() => cursor.value !== null)
  let generation = 0

  async function fetchPage(reset: boolean) {
    const mine = reset ? ++generation : generation
    loading.value = true
    error.value = null
    try {
      const query: TicketListQuery = { ...options.query(), limit: options.pageSize ?? 100 }
      if (!reset && cursor.value) Object.assign(query, cursor.value)
      const { data } = await api.GET('/api/v1/tickets', { params: { query } })
      if (mine !== generation) return
      const items = (data?.items ?? []) as Ticket[]
      rows.value = reset ? items : [...rows.value, ...items]
      if (data?.next_cursor) cursor.value = { cursor: data.next_cursor }
      else if (data?.next_after) cursor.value = { after: data.next_after }
      else cursor.value = null
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  const refresh = () => fetchPage(true)
  const loadMore = () => (hasMore.value && !loading.value ? fetchPage(false) : Promise.resolve())

  function patch(message: EventMessage) {
    const ticket = message.ticket as Ticket | undefined
    if (!ticket || ticket.id === undefined) return
    const index = rows.value.findIndex((row) => row.id === ticket.id)
    const belongs = options.matches ? options.matches(ticket) : index >= 0
    if (index >= 0) {
      const next = rows.value.slice()
      if (belongs) next[index] = ticket
      else next.splice(index, 1)
      rows.value = next
    } else if (belongs) {
      rows.value = [ticket, ...rows.value]
    }
  }

  function patchFromEvent(message: EventMessage) {
    const id = message.ticket?.id
    const before = id !== undefined && rows.value.some((row) => row.id === id)
    patch(message)
    if (!before && id !== undefined && options.onArrival && rows.value.some((row) => row.id === id)) options.onArrival(message.ticket as Ticket)
  }

  useTicketEvents({ event: patchFromEvent, reconnected: refresh, reset: refresh })

  if (options.immediate !== false) {
    watch(options.query, () => void refresh(), { deep: true, immediate: true })
  }

  return { rows, loading, error, hasMore, refresh, loadMore, patch }
}
