// ECharts on demand: only the charts and components the console draws are registered (line, bar,
// pie, map; tooltip, visualMap, grid, legend), with the canvas renderer. Import `echarts` from here,
// never from 'echarts'.
import * as echarts from 'echarts/core'
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, BarChart, PieChart, MapChart, TooltipComponent, VisualMapComponent, GridComponent, LegendComponent, MarkLineComponent, CanvasRenderer])

export { echarts }
export type EChartsOption = echarts.EChartsCoreOption
