import { describe, expect, it } from 'vitest'
import type { Unit } from '../../../api/types'
import { categoryTree, descendantsOf, isWithin, myCoUnits } from '../options'

const units: Unit[] = [
  { id: '4401', kind: 'city', name: '广州市' },
  { id: '440106', parent_id: '4401', kind: 'district', name: '天河区' },
  { id: '440106001', parent_id: '440106', kind: 'street', name: '五山街道' },
  { id: '440106002', parent_id: '440106', kind: 'street', name: '员村街道' },
  { id: '440104', parent_id: '4401', kind: 'district', name: '越秀区' },
  { id: 'dept-zjj', parent_id: '4401', kind: 'department', name: '住建局' },
]

describe('unit choices', () => {
  it('forward offers only the units below the lead unit', () => {
    expect(descendantsOf(units, '440106').map((u) => u.id)).toEqual(['440106001', '440106002'])
    expect(descendantsOf(units, '440104')).toEqual([])
    expect(descendantsOf(units, undefined)).toEqual([])
  })
  it('co-handling: the co-units within the handler’s own unit', () => {
    expect(isWithin(units, '440106001', '440106')).toBe(true)
    expect(isWithin(units, '440104', '440106')).toBe(false)
    expect(myCoUnits(units, ['440106001', 'dept-zjj'], '440106')).toEqual(['440106001'])
  })
})

describe('categoryTree', () => {
  it('nests the three levels and lets any level be chosen by its path', () => {
    const tree = categoryTree([
      { level1: '城乡建设', level2: '房屋管理', level3: '物业', path: '城乡建设/房屋管理/物业' },
      { level1: '城乡建设', level2: '房屋管理', level3: '维修', path: '城乡建设/房屋管理/维修' },
      { level1: '交通运输', level2: '出租车', level3: '', path: '交通运输/出租车' },
    ])
    expect(tree.map((n) => n.value)).toEqual(['城乡建设', '交通运输'])
    expect(tree[0]!.children![0]!.value).toBe('城乡建设/房屋管理')
    expect(tree[0]!.children![0]!.children!.map((n) => n.label)).toEqual(['物业', '维修'])
    expect(tree[1]!.children![0]!.children).toBeUndefined()
  })

  it('leaves retired categories out of the choices', () => {
    const tree = categoryTree([
      { level1: '城乡建设', level2: '房屋管理', level3: '物业', path: '城乡建设/房屋管理/物业', retired: true },
      { level1: '城乡建设', level2: '房屋管理', level3: '维修', path: '城乡建设/房屋管理/维修' },
      { level1: '交通运输', level2: '出租车', level3: '', path: '交通运输/出租车', retired: true },
    ])
    expect(tree.map((n) => n.value)).toEqual(['城乡建设'])
    expect(tree[0]!.children![0]!.children!.map((n) => n.label)).toEqual(['维修'])
  })
})
