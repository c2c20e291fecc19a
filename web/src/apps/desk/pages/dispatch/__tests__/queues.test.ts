import { describe, expect, it } from 'vitest'
import type { Ticket } from '@/shared/api/types'
import { QUEUES, countBadge, offeredActions, queueMatches, queueOf, reasonBody, reasonRequired } from '../composables/queues'

const ticket = (over: Partial<Ticket>): Ticket => ({ id: 1, state: 'pending_review', allowed_actions: [], ...over }) as Ticket

describe('dispatch queues', () => {
  it('has one queue per state, the pending queue first and the default', () => {
    expect(QUEUES.map((q) => q.state)).toEqual(['pending_review', 'return_requested', 'extension_requested', 'dispatched'])
    expect(queueOf(undefined).key).toBe('pending')
    expect(queueOf('nonsense').key).toBe('pending')
    expect(queueOf('extension').state).toBe('extension_requested')
  })

  it('keeps a ticket while it is in the queue state and drops it when it leaves', () => {
    const pending = queueMatches(queueOf('pending'))
    expect(pending(ticket({ state: 'pending_review' }))).toBe(true)
    expect(pending(ticket({ state: 'dispatched' }))).toBe(false)
    expect(pending(ticket({ state: 'registered' }))).toBe(false)
    expect(pending(ticket({ state: 'pending_review', merged_into: 7 }))).toBe(false)
    const recall = queueMatches(queueOf('dispatched'))
    expect(recall(ticket({ state: 'dispatched' }))).toBe(true)
    expect(recall(ticket({ state: 'acknowledged' }))).toBe(false)
  })

  it('shows a "+" on the badge when more pages wait on the server', () => {
    expect(countBadge(5, false)).toBe('5')
    expect(countBadge(200, true)).toBe('200+')
  })

  it('offers only the actions every selected ticket allows', () => {
    const pending = queueOf('pending')
    expect(offeredActions(pending, [])).toEqual([])
    const unreviewed = ticket({ allowed_actions: ['review', 'merge'] })
    const reviewed = ticket({ id: 2, allowed_actions: ['dispatch'] })
    expect(offeredActions(pending, [unreviewed])).toEqual(['dispatch', 'review'])
    expect(offeredActions(pending, [unreviewed, reviewed])).toEqual(['dispatch'])
    expect(offeredActions(pending, [ticket({ allowed_actions: [] })])).toEqual([])
    const returned = queueOf('returned')
    expect(offeredActions(returned, [ticket({ allowed_actions: ['uphold_return', 'reject_return'] })])).toEqual(['uphold_return', 'reject_return'])
    expect(offeredActions(queueOf('dispatched'), [ticket({ allowed_actions: ['recall'] }), ticket({ allowed_actions: [] })])).toEqual([])
  })

  it('requires a reason where the server does and sends approve:false for a rejection in review', () => {
    expect(reasonRequired('reject_return')).toBe(true)
    expect(reasonRequired('recall')).toBe(true)
    expect(reasonRequired('uphold_return')).toBe(false)
    expect(reasonBody('review', ' 地址不全 ')).toEqual({ reason: '地址不全', approve: false })
    expect(reasonBody('uphold_return', '')).toEqual({})
  })
})
