// The caller's earlier tickets (GET /tickets?caller_phone=, audited by the server).
import { ref, shallowRef } from 'vue'
import { api } from '@/shared/api/client'
import type { Ticket } from '@/shared/api/types'

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]+/g, '')
}

export function useCallerHistory() {
  const items = shallowRef<Ticket[]>([])
  const phone = ref('') // the number shown, '' before any lookup
  const loading = ref(false)
  const error = ref<unknown>(null)
  let sequence = 0

  async function lookup(raw: string) {
    const number = normalisePhone(raw)
    const mine = ++sequence
    phone.value = number
    error.value = null
    if (!number) {
      items.value = []
      loading.value = false
      return
    }
    loading.value = true
    try {
      const { data } = await api.GET('/api/v1/tickets', { params: { query: { caller_phone: number, limit: 50 } } })
      if (mine === sequence) items.value = (data?.items ?? []) as Ticket[]
    } catch (e) {
      if (mine === sequence) {
        items.value = []
        error.value = e
      }
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  // A pushed event: an earlier ticket of this caller changed state.
  function patch(next: Ticket) {
    if (items.value.some((t) => t.id === next.id)) items.value = items.value.map((t) => (t.id === next.id ? next : t))
  }

  function clear() {
    sequence++
    items.value = []
    phone.value = ''
    error.value = null
    loading.value = false
  }
  return { items, phone, loading, error, lookup, patch, clear }
}
