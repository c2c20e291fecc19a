// GET /settings and the two PUTs. `kpiResult` says how many months the last KPI save recomputed
// and how long it took; `saveError` carries the server's refusal (its field names the input).
import { ref, shallowRef } from 'vue'
import { api } from '@/shared/api/client'
import type { components } from '@/shared/api/schema'
import type { DeadlineSettings, KpiSettings } from './settingsForm'

export type SettingsDoc = components['schemas']['Settings']
export type KpiSaved = components['schemas']['KpiSettingsSaved']

export function useSettings() {
  const settings = shallowRef<SettingsDoc | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const saving = ref<'deadlines' | 'kpi' | null>(null)
  const saveError = ref<unknown>(null)
  const kpiResult = shallowRef<KpiSaved | null>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      const { data } = await api.GET('/api/v1/settings')
      settings.value = data ?? null
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  async function saveDeadlines(body: DeadlineSettings): Promise<boolean> {
    saving.value = 'deadlines'
    saveError.value = null
    try {
      const { data } = await api.PUT('/api/v1/settings/deadlines', { body })
      if (data && settings.value) settings.value = { ...settings.value, deadlines: data.deadlines }
      return true
    } catch (e) {
      saveError.value = e
      return false
    } finally {
      saving.value = null
    }
  }

  async function saveKpi(body: KpiSettings): Promise<boolean> {
    saving.value = 'kpi'
    saveError.value = null
    try {
      const { data } = await api.PUT('/api/v1/settings/kpi', { body })
      kpiResult.value = data ?? null
      if (data && settings.value) settings.value = { ...settings.value, kpi: data.kpi }
      return true
    } catch (e) {
      saveError.value = e
      return false
    } finally {
      saving.value = null
    }
  }

  return { settings, loading, error, saving, saveError, kpiResult, load, saveDeadlines, saveKpi }
}
