// Reference data (units, categories) fetched once per tab and shared: it changes rarely and every
// screen needs names for unit ids.
import { computed, shallowRef } from 'vue'
import { api } from '../api/client'
import type { Category, Unit } from '../api/types'

const units = shallowRef<Unit[]>([])
const categories = shallowRef<Category[]>([])
let unitsLoad: Promise<void> | null = null
let categoriesLoad: Promise<void> | null = null

export function loadUnits(): Promise<void> {
  unitsLoad ??= api.GET('/api/v1/units').then(({ data }) => {
    units.value = (data?.items ?? []) as Unit[]
  }).catch((e) => {
    unitsLoad = null
    throw e
  })
  return unitsLoad
}

export function loadCategories(): Promise<void> {
  categoriesLoad ??= api.GET('/api/v1/categories').then(({ data }) => {
    categories.value = (data?.items ?? []) as Category[]
  }).catch((e) => {
    categoriesLoad = null
    throw e
  })
  return categoriesLoad
}

// Fetches the categories again (after an admin's edit), for every screen that shares them.
export function reloadCategories(): Promise<void> {
  categoriesLoad = null
  return loadCategories()
}

export function useUnits() {
  void loadUnits().catch(() => {})
  const byId = computed(() => new Map(units.value.map((u) => [u.id ?? '', u])))
  const name = (id: string | undefined | null) => (id ? (byId.value.get(id)?.name ?? id) : '')
  const districts = computed(() => units.value.filter((u) => u.kind === 'district'))
  const childrenOf = (id: string) => units.value.filter((u) => u.parent_id === id)
  return { units, byId, name, districts, childrenOf }
}

export function useCategories() {
  void loadCategories().catch(() => {})
  return { categories }
}

export function resetReferenceForTests() {
  units.value = []
  categories.value = []
  unitsLoad = null
  categoriesLoad = null
}
