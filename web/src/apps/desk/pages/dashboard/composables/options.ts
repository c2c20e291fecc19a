// ECharts options of the dashboard, built from the server's figures (pure: tested without a canvas).
import type { EChartsOption } from '@/shared/charts/echarts'
import type { Dashboard, KeyCount } from '@/shared/api/types'
import { MAP_NAME } from '@/shared/charts/districtMap'

const BLUE = '#409eff'
const RED = '#f56c6c'
const GREEN = '#67c23a'

export type MapMetric = 'intake' | 'overdue_share'

export function hourOption(byHour: readonly number[], name: string): EChartsOption {
  return {
    grid: { left: 36, right: 8, top: 10, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: byHour.map((_, h) => String(h)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name, data: [...byHour], itemStyle: { color: BLUE } }],
  }
}

export function pieOption(counts: readonly KeyCount[], labelOf: (key: string) => string): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '75%'],
        label: { show: false }, // the counts are the links under the chart
        data: counts.map((c) => ({ name: labelOf(c.key), value: c.count, key: c.key })),
      },
    ],
  }
}

export function categoriesOption(counts: readonly KeyCount[]): EChartsOption {
  const shown = [...counts].reverse() // the largest on top
  const short = (key: string) => key.split('/').slice(-2).join('/')
  return {
    grid: { left: 150, right: 24, top: 6, bottom: 20 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((c) => short(c.key)), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: shown.map((c) => ({ value: c.count, key: c.key })), itemStyle: { color: BLUE } }],
  }
}

// `names`: district code → name, matched to the map's features by name (the npm shapes carry
// names and codes; a deployment's GeoJSON at least names).
export function mapOption(dashboard: Dashboard | null, metric: MapMetric, names: (code: string) => string, selected: string | null, title: string): EChartsOption {
  const data = (dashboard?.districts ?? []).map((d) => ({
    name: names(d.district),
    code: d.district,
    value: metric === 'intake' ? d.intake : Math.round((d.overdue_share ?? 0) * 1000) / 10,
    selected: d.district === selected,
  }))
  const max = Math.max(1, ...data.map((d) => d.value))
  return {
    tooltip: { trigger: 'item', formatter: (p: unknown) => `${(p as { name: string }).name}: ${(p as { value?: number }).value ?? 0}${metric === 'intake' ? '' : '%'}` },
    visualMap: {
      min: 0,
      max: metric === 'intake' ? max : Math.max(10, max),
      left: 4,
      bottom: 4,
      itemHeight: 80,
      calculable: false,
      text: [title, ''],
      inRange: { color: metric === 'intake' ? ['#e6f1fc', BLUE] : ['#fdf6ec', RED] },
    },
    series: [
      {
        type: 'map',
        map: MAP_NAME,
        roam: false,
        layoutSize: '100%',
        selectedMode: 'single',
        label: { show: true, fontSize: 9 },
        emphasis: { label: { show: true } },
        data,
      },
    ],
  }
}

export function sparkOption(trend: readonly (number | null)[], months: readonly string[], met: boolean | null): EChartsOption {
  return {
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    tooltip: { trigger: 'axis', formatter: (p: unknown) => { const item = (p as { name: string; value: number | null }[])[0]; return item ? `${item.name}: ${item.value ?? '—'}%` : '' } },
    xAxis: { type: 'category', show: false, data: [...months] },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: [...trend], symbol: 'none', connectNulls: false, lineStyle: { width: 1.5, color: met === false ? RED : GREEN } }],
  }
}
