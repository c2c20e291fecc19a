// List filters kept in the URL's query, so a view can be bookmarked and shared. `filters` is a
// reactive copy of the known keys; `apply` writes it back with router.replace.
import { reactive, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export function useRouteFilters<K extends string>(keys: readonly K[], defaults: Partial<Record<K, string>> = {}) {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive<Record<string, string>>({}) as Record<K, string>

  function read() {
    for (const key of keys) {
      const value = route.query[key]
      filters[key] = (Array.isArray(value) ? value[0] : value) ?? defaults[key] ?? ''
    }
  }
  read()
  watch(() => route.query, read)

  function apply() {
    const query: Record<string, string> = {}
    for (const key of keys) if (filters[key]) query[key] = filters[key]
    void router.replace({ query })
  }

  function reset() {
    for (const key of keys) filters[key] = defaults[key] ?? ''
    apply()
  }

  return { filters, apply, reset }
}
