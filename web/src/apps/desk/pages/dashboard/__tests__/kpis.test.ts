import { describe, expect, it } from 'vitest'
import type { KpiReport } from '@/shared/api/types'
import { KPI_KEYS, kpiViews, meetsTarget } from '../composables/kpis'

const series = (rates: (number | null)[], year: number | null, target: string, met: boolean) => ({
  numerator: rates.map((r) => (r === null ? 0 : Math.round(r))),
  denominator: rates.map((r) => (r === null ? 0 : 100)),
  rate: rates,
  year: { numerator: 1, denominator: year === null ? 0 : 1, rate: year },
  target,
  met,
})

const report = {
  year: 2023,
  months: ['2023-11', '2023-12'],
  kpis: {
    call_answer_rate: series([96.5, 94.2], 95.3, '≥95%', true),
    dispatch_timeliness: series([100, 99.5], 99.7, '100%', false),
    platform_availability: series([null, 100], 100, '≥99.99%', true),
  },
  satisfaction_distribution: {},
} as unknown as KpiReport

describe('meetsTarget', () => {
  it('reads "≥95%" as at least and "100%" as exactly all', () => {
    expect(meetsTarget(95, '≥95%')).toBe(true)
    expect(meetsTarget(94.99, '≥95%')).toBe(false)
    expect(meetsTarget(99.5, '100%')).toBe(false)
    expect(meetsTarget(100, '100%')).toBe(true)
    expect(meetsTarget(null, '≥95%')).toBeNull()
  })
})

describe('kpiViews', () => {
  it("takes the month's figure and the server's verdict on the year", () => {
    const views = kpiViews(report, '2023-12')
    expect(views.map((v) => v.key)).toEqual(['call_answer_rate', 'dispatch_timeliness', 'platform_availability'])
    const answer = views[0]!
    expect(answer.month.rate).toBe(94.2)
    expect(answer.month.met).toBe(false) // red this month
    expect(answer.year.rate).toBe(95.3)
    expect(answer.year.met).toBe(true)
    expect(answer.trend).toEqual([96.5, 94.2])
    expect(views[1]!.year.met).toBe(false)
  })

  it('has nothing to judge for a month without figures or outside the report', () => {
    expect(kpiViews(report, '2023-11')[2]!.month.met).toBeNull()
    expect(kpiViews(report, '2024-01')[0]!.month.rate).toBeNull()
    expect(kpiViews(null, '2023-12')).toEqual([])
  })

  it('lists the eight KPIs of the issue', () => {
    expect(KPI_KEYS).toHaveLength(8)
  })
})
