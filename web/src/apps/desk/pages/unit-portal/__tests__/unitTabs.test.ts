import { describe, expect, it } from 'vitest'
import type { Ticket } from '@/shared/api/types'
import { inSubtree, isCoUnit, pendingCoUnits, tabMatches, tabQuery, unitsNamedIn } from '../composables/unitTabs'

const parents: Record<string, string> = { '4401': '', '440106': '4401', '440106021': '440106', '440104': '4401', 'dept-zjj': '4401' }
const parentOf = (id: string) => parents[id]
const ticket = (over: Partial<Ticket>): Ticket => ({ id: 1, state: 'dispatched', lead_unit: '440106', co_units: [], ...over }) as Ticket

describe('inSubtree', () => {
  it('holds for the unit itself and units below it', () => {
    expect(inSubtree('440106', '440106', parentOf)).toBe(true)
    expect(inSubtree('440106021', '440106', parentOf)).toBe(true)
    expect(inSubtree('440104', '440106', parentOf)).toBe(false)
    expect(inSubtree('4401', '440106', parentOf)).toBe(false)
  })
  it('falls back to the id prefix while the unit tree is not loaded', () => {
    expect(inSubtree('440106021', '440106')).toBe(true)
    expect(inSubtree('440104', '440106')).toBe(false)
    expect(inSubtree('440106099', '440106', parentOf)).toBe(true)
  })
  it('is false without a unit', () => {
    expect(inSubtree(undefined, '440106', parentOf)).toBe(false)
    expect(inSubtree('440106', undefined, parentOf)).toBe(false)
  })
})

describe('tab matching', () => {
  it('puts a dispatched ticket of my unit or a sub-unit in 待签收', () => {
    expect(tabMatches('pending', ticket({}), '440106', parentOf)).toBe(true)
    expect(tabMatches('pending', ticket({ lead_unit: '440106021' }), '440106', parentOf)).toBe(true)
    expect(tabMatches('handling', ticket({}), '440106', parentOf)).toBe(false)
  })
  it('sorts states into the tabs', () => {
    expect(tabMatches('handling', ticket({ state: 'acknowledged' }), '440106', parentOf)).toBe(true)
    expect(tabMatches('handling', ticket({ state: 'in_progress' }), '440106', parentOf)).toBe(true)
    expect(tabMatches('requested', ticket({ state: 'extension_requested' }), '440106', parentOf)).toBe(true)
    expect(tabMatches('requested', ticket({ state: 'return_requested' }), '440106', parentOf)).toBe(true)
    expect(tabMatches('replied', ticket({ state: 'replied' }), '440106', parentOf)).toBe(true)
    expect(tabMatches('replied', ticket({ state: 'callback_pending' }), '440106', parentOf)).toBe(false)
  })
  it('keeps a ticket where my unit only co-handles out of the lead tabs and in 协办', () => {
    const co = ticket({ lead_unit: 'dept-zjj', co_units: ['440106'] })
    expect(tabMatches('pending', co, '440106', parentOf)).toBe(false)
    expect(tabMatches('co', co, '440106', parentOf)).toBe(true)
    expect(tabMatches('co', ticket({}), '440106', parentOf)).toBe(false)
    expect(tabMatches('co', { ...co, state: 'replied' }, '440106', parentOf)).toBe(false)
  })
  it('drops a ticket once it leaves the tab (acknowledged leaves 待签收)', () => {
    expect(tabMatches('pending', ticket({ state: 'acknowledged' }), '440106', parentOf)).toBe(false)
  })
  it('asks the server for the tab states, open work by deadline', () => {
    expect(tabQuery('handling')).toEqual({ state: 'acknowledged,in_progress', sort: 'deadline' })
    expect(tabQuery('replied')).toEqual({ state: 'replied', sort: 'newest' })
  })
})

describe('co-units', () => {
  it('detects my unit among the co-units', () => {
    expect(isCoUnit({ co_units: ['440104', '440106'] }, '440106')).toBe(true)
    expect(isCoUnit({ co_units: [] }, '440106')).toBe(false)
    expect(isCoUnit({ co_units: ['440106'] }, undefined)).toBe(false)
  })
  it('lists the co-units that owe their opinion', () => {
    expect(pendingCoUnits({ co_handling: [{ unit: '440104', opinion: '' }, { unit: 'dept-zjj', opinion: '同意' }] })).toEqual(['440104'])
    expect(pendingCoUnits({ co_handling: [] })).toEqual([])
  })
  it("reads the units named by the server's 409", () => {
    expect(unitsNamedIn('co-handling units have not given their opinion yet: 440104, dept-zjj (wait for co_opinion, or give a reason)')).toEqual(['440104', 'dept-zjj'])
    expect(unitsNamedIn('something else')).toEqual([])
  })
})
