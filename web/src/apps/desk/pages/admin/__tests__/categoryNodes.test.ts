import { describe, expect, it } from 'vitest'
import { categoryAdminTree, nameProblem } from '../composables/categoryNodes'

describe('categoryAdminTree', () => {
  it('nests levels by path; a node is retired only when everything under it is', () => {
    const roots = categoryAdminTree([
      { level1: '城乡建设', level2: '住房保障', level3: '公租房', retired: true },
      { level1: '城乡建设', level2: '住房保障', level3: '廉租房', retired: false },
      { level1: '城乡建设', level2: '物业', level3: '', retired: true },
      { level1: '交通运输', level2: '', level3: '' },
    ])
    expect(roots.map((r) => [r.path, r.retired])).toEqual([['城乡建设', false], ['交通运输', false]])
    const housing = roots[0]!.children[0]!
    expect(housing).toMatchObject({ path: '城乡建设/住房保障', label: '住房保障', depth: 2, retired: false })
    expect(housing.children.map((c) => [c.path, c.depth, c.retired])).toEqual([['城乡建设/住房保障/公租房', 3, true], ['城乡建设/住房保障/廉租房', 3, false]])
    expect(roots[0]!.children[1]).toMatchObject({ path: '城乡建设/物业', retired: true, children: [] })
  })
})

describe('nameProblem', () => {
  it('asks for a trimmed name of 1-40 characters without a slash', () => {
    expect(nameProblem('  公租房 ')).toBe('')
    expect(nameProblem('   ')).toBe('nameRequired')
    expect(nameProblem('a/b')).toBe('nameSlash')
    expect(nameProblem('房'.repeat(40))).toBe('')
    expect(nameProblem('房'.repeat(41))).toBe('nameLong')
  })
})
