// The classifier's unit suggestions for a ticket (POST /classify {title, text}): the top 3 with
// their reasons, refetched when the ticket changes.
import { ref, shallowRef, watch } from 'vue'
import { api } from '@/shared/api/client'
import type { DispatchAdvice, DispatchSuggestion, Ticket } from '@/shared/api/types'

export function topSuggestions(advice: DispatchAdvice | undefined | null, n = 3): DispatchSuggestion[] {
  const list = (advice?.dispatch_suggestions ?? []).filter((s) => s.unit_id)
  return [...list].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, n)
}

export function useSuggestions(ticket: () => Ticket | null) {
  const suggestions = shallowRef<DispatchSuggestion[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  let generation = 0

  async function load(current: Ticket | null) {
    const mine = ++generation
    suggestions.value = []
    error.value = null
    if (!current || !(current.text || current.title)) return
    loading.value = true
    try {
      const { data } = await api.POST('/api/v1/classify', { body: { title: current.title ?? '', text: current.text || current.title || '' } })
      if (mine === generation) suggestions.value = topSuggestions(data as DispatchAdvice)
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  watch(() => ticket()?.id, () => void load(ticket()), { immediate: true })
  return { suggestions, loading, error, reload: () => load(ticket()) }
}
