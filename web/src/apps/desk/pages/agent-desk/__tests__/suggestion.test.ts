import { describe, expect, it } from 'vitest'
import type { Category, DispatchAdvice } from '@/shared/api/types'
import { applyPlace, categoryForLabel, foundPlace, placeAction, topGuesses } from '../composables/suggestion'
import { categoryTree } from '@/shared/composables/categoryTree'
import { emptyDraft } from '../composables/draft'

const categories: Category[] = [
  { level1: '环境保护', level2: '环境污染', level3: '噪声污染', path: '环境保护/环境污染/噪声污染' },
  { level1: '环境保护', level2: '环境污染', level3: '大气污染', path: '环境保护/环境污染/大气污染' },
  { level1: '城乡建设', level2: '市政设施', level3: '路灯', path: '城乡建设/市政设施/路灯' },
  { level1: '交通运输', level2: '交通运输', level3: '出租车管理', path: '交通运输/交通运输/出租车管理' },
]
const advice: DispatchAdvice = {
  classification: {
    label: '环境保护',
    score: 0.94,
    top: [
      { label: '环境保护', score: 0.94, words: ['噪音', '夜间'] },
      { label: '城乡建设', score: 0.05, words: ['工地'] },
      { label: '卫生计生', score: 0.01, words: [] },
      { label: '政法', score: 0.0, words: [] },
    ],
  },
  place: { district: '440106', street: '440106006', name: '石牌街道', source: 'text' },
  dispatch_suggestions: [],
}

describe('the suggestion → form mapping', () => {
  it('keeps the top 3 with their scores and words', () => {
    expect(topGuesses(advice)).toEqual([
      { label: '环境保护', score: 0.94, words: ['噪音', '夜间'] },
      { label: '城乡建设', score: 0.05, words: ['工地'] },
      { label: '卫生计生', score: 0.01, words: [] },
    ])
    expect(topGuesses(null)).toEqual([])
    expect(topGuesses({ classification: null })).toEqual([])
  })

  it('maps a label to a picker value only when it is a category or a whole-level prefix', () => {
    expect(categoryForLabel('环境保护', categories)).toBe('环境保护')
    expect(categoryForLabel('环境保护/环境污染', categories)).toBe('环境保护/环境污染')
    expect(categoryForLabel('环境', categories)).toBeNull()
    expect(categoryForLabel('卫生计生', categories)).toBeNull()
    expect(categoryForLabel('', categories)).toBeNull()
  })

  it('fills empty place pickers, offers a different place, and does nothing when they agree', () => {
    const found = foundPlace(advice)!
    expect(found).toEqual({ district: '440106', street: '440106006', name: '石牌街道' })
    const place = emptyDraft().place
    expect(placeAction(place, found)).toBe('fill')
    applyPlace(place, found)
    expect(place).toEqual({ district: '440106', street: '440106006', address: '' })
    expect(placeAction(place, found)).toBe('none')
    expect(placeAction({ district: '440104', street: '', address: '' }, found)).toBe('offer')
    expect(placeAction(place, foundPlace({ place: null }))).toBe('none')
    expect(placeAction({ district: '440106', street: '440106006', address: '' }, { district: '440106', street: '', name: '天河区' })).toBe('none')
  })
})

describe('categoryTree', () => {
  it('builds three levels with path values, every level selectable', () => {
    const tree = categoryTree(categories)
    expect(tree.map((n) => n.value)).toEqual(['环境保护', '城乡建设', '交通运输'])
    const env = tree[0]!
    expect(env.children?.map((n) => n.value)).toEqual(['环境保护/环境污染'])
    expect(env.children?.[0]?.children?.map((n) => [n.value, n.label])).toEqual([
      ['环境保护/环境污染/噪声污染', '噪声污染'],
      ['环境保护/环境污染/大气污染', '大气污染'],
    ])
    expect(env.children?.[0]?.children?.[0]).not.toHaveProperty('children')
    // A level named like its parent stays its own node.
    expect(tree[2]!.children?.[0]?.value).toBe('交通运输/交通运输')
  })
})
