// The report tables of a year (and month) as the server builds them for `hotline report kpi`
// (GET /reports/tables), the year's management items (GET/PUT /evaluation-inputs/{year}) and the
// XLSX/CSV downloads of the same tables.
import { ref, shallowRef, watch } from 'vue'
import { api, authHeaders } from '@/shared/api/client'
import { apiErrorFrom } from '@/shared/api/errors'
import type { EvaluationInputs, ReportTables } from '@/shared/api/types'

// The management items of table 16, as the server names them (三级指标); 资金支出率 is computed.
export const MANAGEMENT_ITEMS = [
  '立项依据充分性',
  '立项必要性',
  '项目可行性',
  '预算细化度',
  '预算规范性',
  '项目管理制度健全性',
  '项目风险管理',
  '完成进度及质量',
  '监管有效性',
] as const

export function emptyInputs(): EvaluationInputs {
  return { budget_initial: 0, budget_final: 0, management: Object.fromEntries(MANAGEMENT_ITEMS.map((name) => [name, 10])) }
}

export function tablesUrl(year: number, month: number | null, format: 'csv' | 'xlsx'): string {
  const query = new URLSearchParams({ year: String(year), format })
  if (month) query.set('month', String(month))
  return `/api/v1/reports/tables?${query.toString()}`
}

export function useReports(scope: { year: () => number; month: () => number | null }) {
  const tables = shallowRef<ReportTables | null>(null)
  const inputs = ref<EvaluationInputs | null>(null)
  const error = ref<unknown>(null)
  const loading = ref(false)
  const saving = ref(false)
  let generation = 0

  async function load() {
    const mine = ++generation
    loading.value = true
    const year = scope.year()
    const month = scope.month()
    try {
      const [tablesResult, inputsResult] = await Promise.allSettled([
        api.GET('/api/v1/reports/tables', { params: { query: month ? { year, month } : { year } } }),
        api.GET('/api/v1/evaluation-inputs/{year}', { params: { path: { year } } }),
      ])
      if (mine !== generation) return
      if (tablesResult.status === 'fulfilled') {
        tables.value = (tablesResult.value.data as ReportTables | undefined) ?? null // format=json: the JSON variant
        error.value = null
      } else {
        tables.value = null
        error.value = tablesResult.reason
      }
      inputs.value = inputsResult.status === 'fulfilled' ? (inputsResult.value.data ?? null) : null
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function saveInputs(next: EvaluationInputs) {
    saving.value = true
    try {
      const { data } = await api.PUT('/api/v1/evaluation-inputs/{year}', { params: { path: { year: scope.year() } }, body: next })
      inputs.value = data ?? next
      await load()
    } finally {
      saving.value = false
    }
  }

  // Fetches the file with the session's token and hands it to the browser as a download.
  async function download(format: 'csv' | 'xlsx') {
    const response = await fetch(tablesUrl(scope.year(), scope.month(), format), { headers: authHeaders() })
    if (!response.ok) {
      let body: unknown
      try {
        body = await response.json()
      } catch {
        body = undefined
      }
      throw apiErrorFrom(response.status, body)
    }
    const disposition = response.headers.get('Content-Disposition') ?? ''
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `hotline-report.${format}`
    const url = URL.createObjectURL(await response.blob())
    const link = document.createElement('a')
    link.href = url
    link.download = name
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  watch(() => [scope.year(), scope.month()], () => void load(), { immediate: true })
  return { tables, inputs, error, loading, saving, load, saveInputs, download }
}
