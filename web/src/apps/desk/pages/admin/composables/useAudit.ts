// The audit trail, newest first, a page at a time: "更多" asks for the entries before the oldest shown.
import { ref, shallowRef } from 'vue'
import { api } from '@/shared/api/client'
import type { components } from '@/shared/api/schema'

export type AuditEntry = components['schemas']['AuditEntry']
export interface AuditFilter {
  actorId?: number
  ticketId?: number
  subject?: string
}

export function useAudit(pageSize = 50) {
  const items = shallowRef<AuditEntry[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  const more = ref(false)
  let filter: AuditFilter = {}

  async function fetchPage(before?: number) {
    loading.value = true
    error.value = null
    try {
      const query = {
        limit: pageSize,
        ...(filter.actorId ? { actor_id: filter.actorId } : {}),
        ...(filter.ticketId ? { ticket_id: filter.ticketId } : {}),
        ...(filter.subject ? { subject: filter.subject } : {}),
        ...(before ? { before } : {}),
      }
      const { data } = await api.GET('/api/v1/audit', { params: { query } })
      const page = data?.items ?? []
      items.value = before ? [...items.value, ...page] : page
      more.value = page.length === pageSize
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  const load = (next: AuditFilter = {}) => {
    filter = next
    return fetchPage()
  }
  const loadMore = () => fetchPage(items.value.at(-1)?.id)
  return { items, loading, error, more, load, loadMore }
}
