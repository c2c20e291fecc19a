// The deadline a ticket registered now would get, refreshed when the type or urgency changes.
import { ref, watch } from 'vue'
import { api } from '@/shared/api/client'
import type { TicketType, Urgency } from './draft'

export function useDeadlinePreview(source: () => { type: TicketType; urgency: Urgency }) {
  const deadline = ref<string | null>(null)
  const error = ref<unknown>(null)
  let sequence = 0
  watch(
    source,
    async ({ type, urgency }) => {
      const mine = ++sequence
      try {
        const { data } = await api.GET('/api/v1/deadline-preview', { params: { query: { type, urgency } } })
        if (mine !== sequence) return
        deadline.value = data?.deadline ?? null
        error.value = null
      } catch (e) {
        if (mine === sequence) error.value = e
      }
    },
    { immediate: true, deep: true },
  )
  return { deadline, error }
}
