// The notification outbox (messages to citizens), newest first, a page at a time: "更多" follows
// the server's next_cursor. Filters by state and kind; a new filter starts from the newest again.
import { ref, shallowRef } from 'vue'
import { api } from '@/shared/api/client'
import type { components } from '@/shared/api/schema'

export type OutboundMessage = components['schemas']['OutboundMessage']
export type MessageState = OutboundMessage['state']
export type MessageKind = OutboundMessage['kind']
export const messageStates: readonly MessageState[] = ['pending', 'sending', 'sent', 'failed']
export const messageKinds: readonly MessageKind[] = ['one_time_code', 'ticket_registered', 'ticket_replied', 'other']
export interface OutboxFilter {
  state?: MessageState
  kind?: MessageKind
}

export function useOutbox(pageSize = 50) {
  const items = shallowRef<OutboundMessage[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  const cursor = ref<string | null>(null)
  let filter: OutboxFilter = {}

  async function fetchPage(after?: string) {
    loading.value = true
    error.value = null
    try {
      const query = {
        limit: pageSize,
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(after ? { cursor: after } : {}),
      }
      const { data } = await api.GET('/api/v1/notifications', { params: { query } })
      const page = data?.items ?? []
      items.value = after ? [...items.value, ...page] : page
      cursor.value = data?.next_cursor ?? null
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  const load = (next: OutboxFilter = {}) => {
    filter = next
    return fetchPage()
  }
  const loadMore = () => (cursor.value ? fetchPage(cursor.value) : Promise.resolve())
  return { items, loading, error, cursor, load, loadMore }
}
