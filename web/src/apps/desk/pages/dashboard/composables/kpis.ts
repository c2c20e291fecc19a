// The eight KPIs of the report (GET /reports/kpi) as the dashboard shows them: the figure of one
// month and of the year against the target, red when below. The year's verdict is the server's
// (`met`); a month's is read against the same target text ("≥95%" or "100%").
import type { KpiReport, KpiSeries } from '@/shared/api/types'

export const KPI_KEYS = [
  'call_answer_rate',
  'dispatch_timeliness',
  'online_response_timeliness',
  'first_contact_resolution',
  'dispatch_accuracy',
  'intake_satisfaction',
  'dissatisfied_callback_rate',
  'platform_availability',
] as const
export type KpiKey = (typeof KPI_KEYS)[number]

export interface KpiView {
  key: KpiKey
  target: string
  month: { rate: number | null; numerator: number; denominator: number; met: boolean | null }
  year: { rate: number | null; numerator: number; denominator: number; met: boolean | null }
  trend: (number | null)[]
}

// True when `rate` (percent) meets `target` ("≥95%": at least 95; "100%": exactly 100); null
// when there is nothing to judge.
export function meetsTarget(rate: number | null | undefined, target: string): boolean | null {
  if (rate === null || rate === undefined) return null
  const value = Number(target.replace(/[≥>=%\s]/g, ''))
  if (Number.isNaN(value)) return null
  return rate >= value
}

// "2023-12" → its index in the report's months, or -1.
export function monthIndex(report: KpiReport, month: string): number {
  return report.months.indexOf(month)
}

function seriesView(key: KpiKey, series: KpiSeries, index: number): KpiView {
  const rate = index >= 0 ? (series.rate[index] ?? null) : null
  const yearRate = series.year.rate ?? null
  return {
    key,
    target: series.target,
    month: {
      rate,
      numerator: index >= 0 ? (series.numerator[index] ?? 0) : 0,
      denominator: index >= 0 ? (series.denominator[index] ?? 0) : 0,
      met: meetsTarget(rate, series.target),
    },
    year: {
      rate: yearRate,
      numerator: series.year.numerator,
      denominator: series.year.denominator,
      met: series.year.denominator > 0 ? series.met : null,
    },
    trend: series.rate.map((r) => r ?? null),
  }
}

// The KPIs of `month` ("YYYY-MM") and of its year, in the order of the seed's tables.
export function kpiViews(report: KpiReport | null, month: string): KpiView[] {
  if (!report) return []
  const index = monthIndex(report, month)
  return KPI_KEYS.filter((key) => report.kpis[key]).map((key) => seriesView(key, report.kpis[key] as KpiSeries, index))
}
