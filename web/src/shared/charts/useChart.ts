// One chart in one element: created when the element mounts, fed `option` whenever it changes,
// resized with the element, disposed on unmount. `onClick` receives the clicked item's params.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import { echarts, type EChartsOption } from './echarts'

export interface ChartClick {
  name?: string
  data?: unknown
  dataIndex?: number
  seriesIndex?: number
}

export function useChart(el: Ref<HTMLElement | null>, option: () => EChartsOption | null, onClick?: (params: ChartClick) => void) {
  let chart: echarts.ECharts | null = null
  let observer: ResizeObserver | null = null
  const render = () => {
    const next = option()
    if (chart && next) chart.setOption(next, { notMerge: true })
  }
  onMounted(() => {
    if (!el.value) return
    chart = echarts.init(el.value, undefined, { renderer: 'canvas' })
    if (onClick) chart.on('click', (params) => onClick(params as ChartClick))
    render()
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => chart?.resize())
      observer.observe(el.value)
    }
  })
  watch(option, render)
  onBeforeUnmount(() => {
    observer?.disconnect()
    chart?.dispose()
    chart = null
  })
}
