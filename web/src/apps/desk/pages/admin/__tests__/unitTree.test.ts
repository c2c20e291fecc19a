import { describe, expect, it } from 'vitest'
import type { Unit } from '@/shared/api/types'
import { descendantsOf, possibleParents, unitTree } from '../composables/unitTree'

const units: Unit[] = [
  { id: 'gz', name: '广州市', kind: 'city' },
  { id: 'th', name: '天河区', kind: 'district', parent_id: 'gz' },
  { id: 'sp', name: '石牌街道', kind: 'street', parent_id: 'th' },
  { id: 'yx', name: '越秀区', kind: 'district', parent_id: 'gz' },
  { id: 'orphan', name: '无上级', kind: 'department', parent_id: 'gone' },
]

describe('unitTree', () => {
  it('nests units under their parents; a unit whose parent is unknown is a root', () => {
    const roots = unitTree(units)
    expect(roots.map((r) => r.id)).toEqual(['gz', 'orphan'])
    expect(roots[0]!.children.map((c) => c.id)).toEqual(['th', 'yx'])
    expect(roots[0]!.children[0]!.children.map((c) => c.label)).toEqual(['石牌街道'])
  })

  it('a unit cannot move below itself or below one of its own', () => {
    expect([...descendantsOf(units, 'th')].sort()).toEqual(['sp', 'th'])
    expect(possibleParents(units, 'th').map((u) => u.id)).toEqual(['gz', 'yx', 'orphan'])
    expect(possibleParents(units, null)).toHaveLength(5)
  })

  it('survives a loop in the data', () => {
    const loop: Unit[] = [{ id: 'a', parent_id: 'b' }, { id: 'b', parent_id: 'a' }]
    expect([...descendantsOf(loop, 'a')].sort()).toEqual(['a', 'b'])
  })
})
