// The dashboard's data: the ticket aggregates of the day (GET /dashboard, counted by the server)
// and the KPI report of the chosen month's year (GET /reports/kpi, from the counters). Live: each
// ticket event schedules one refetch of both (debounced); no list is ever read or polled.
import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import { api } from '@/shared/api/client'
import { useTicketEvents } from '@/shared/realtime'
import { yellowShare } from '@/shared/composables/deadline'
import type { Dashboard, KpiReport } from '@/shared/api/types'
import { kpiViews } from './kpis'

export const REFRESH_DEBOUNCE_MS = 2000

export interface DashboardScope {
  month: () => string // "YYYY-MM" of the KPIs
  district: () => string | null
}

export function useDashboard(scope: DashboardScope, debounceMs = REFRESH_DEBOUNCE_MS) {
  const dashboard = shallowRef<Dashboard | null>(null)
  const report = shallowRef<KpiReport | null>(null)
  const reportMissing = ref(false)
  const error = ref<unknown>(null)
  const loading = ref(false)
  let generation = 0

  async function loadDashboard() {
    const district = scope.district()
    // "Nearly due" as the supervision board counts it (the share its yellow light uses).
    const nearly_due_share = yellowShare()
    const { data } = await api.GET('/api/v1/dashboard', { params: { query: district ? { district, nearly_due_share } : { nearly_due_share } } })
    return data ?? null
  }

  async function loadReport() {
    const year = Number(scope.month().slice(0, 4))
    try {
      const { data } = await api.GET('/api/v1/reports/kpi', { params: { query: { year } } })
      return data ?? null
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null // no KPI records of that year
      throw e
    }
  }

  async function refresh() {
    const mine = ++generation
    loading.value = true
    try {
      const [nextDashboard, nextReport] = await Promise.all([loadDashboard(), loadReport()])
      if (mine !== generation) return
      dashboard.value = nextDashboard
      report.value = nextReport
      reportMissing.value = nextReport === null
      error.value = null
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  let timer: ReturnType<typeof setTimeout> | null = null
  function scheduleRefresh() {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      void refresh()
    }, debounceMs)
  }
  useTicketEvents({ event: scheduleRefresh, reconnected: () => void refresh(), reset: () => void refresh() })
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })

  watch(() => [scope.month().slice(0, 4), scope.district()], () => void refresh(), { immediate: true })

  const kpis = computed(() => kpiViews(report.value, scope.month()))
  return { dashboard, report, reportMissing, kpis, error, loading, refresh, scheduleRefresh }
}
