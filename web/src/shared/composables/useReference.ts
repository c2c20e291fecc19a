// Reference data (units, categories) shared by every screen of a tab: it changes rarely and every
// screen needs names for unit ids. Fetched once, then again in the background when a screen
// mounts after `kStaleMs` (an admin in another tab renamed a unit) or at once after this tab's
// admin pages changed it (`invalidateUnits`, `invalidateCategories`); the old names show until
// the new ones arrive.
import { computed, shallowRef } from 'vue'
import { api } from '../api/client'
import type { Category, Unit } from '../api/types'

export const kStaleMs = 5 * 60_000

const units = shallowRef<Unit[]>([])
const categories = shallowRef<Category[]>([])
let unitsLoad: Promise<void> | null = null
let categoriesLoad: Promise<void> | null = null
let unitsLoadedAt = 0
let categoriesLoadedAt = 0

function stale(loadedAt: number): boolean {
  return loadedAt > 0 && Date.now() - loadedAt > kStaleMs
}

export function loadUnits(): Promise<void> {
  if (stale(unitsLoadedAt)) invalidateUnits()
  unitsLoad ??= api.GET('/api/v1/units').then(({ data }) => {
    units.value = (data?.items ?? []) as Unit[]
    unitsLoadedAt = Date.now()
  }).catch((e) => {
    unitsLoad = null
    throw e
  })
  return unitsLoad
}

export function loadCategories(): Promise<void> {
  if (stale(categoriesLoadedAt)) invalidateCategories()
  categoriesLoad ??= api.GET('/api/v1/categories').then(({ data }) => {
    categories.value = (data?.items ?? []) as Category[]
    categoriesLoadedAt = Date.now()
  }).catch((e) => {
    categoriesLoad = null
    throw e
  })
  return categoriesLoad
}

// The next `loadUnits` (every screen's mount) fetches again; the current names stay meanwhile.
export function invalidateUnits(): void {
  unitsLoad = null
  unitsLoadedAt = 0
}

export function invalidateCategories(): void {
  categoriesLoad = null
  categoriesLoadedAt = 0
}

// Fetches the categories again (after an admin's edit), for every screen that shares them.
export function reloadCategories(): Promise<void> {
  invalidateCategories()
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
  unitsLoadedAt = 0
  categoriesLoadedAt = 0
}
