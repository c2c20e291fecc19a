import { describe, expect, it, vi } from 'vitest'
import type { Ticket } from '@/shared/api/types'
import { ApiError } from '@/shared/api/errors'
import { dispatchTicket, runBulk } from '../composables/bulk'

const ticket = (id: number, over: Partial<Ticket> = {}): Ticket => ({ id, title: `工单${id}`, state: 'pending_review', reviewed: true, allowed_actions: ['dispatch'], ...over }) as Ticket

describe('bulk actions', () => {
  it('tries every ticket and reports each failure without losing the others', async () => {
    const run = vi.fn(async (t: Ticket) => {
      if (t.id === 2) throw new Error('boom')
      return { ...t, state: 'dispatched' } as Ticket
    })
    const result = await runBulk([ticket(1), ticket(2), ticket(3)], run, (e) => `失败：${(e as Error).message}`)
    expect(run).toHaveBeenCalledTimes(3)
    expect(result.done.map((t) => t.id)).toEqual([1, 3])
    expect(result.failed).toHaveLength(1)
    expect(result.failed[0]).toMatchObject({ id: 2, title: '工单2', message: '失败：boom' })
  })

  it('uses the Chinese message of an ApiError by default', async () => {
    const conflict = new ApiError(409, 'conflict', 'state')
    const result = await runBulk([ticket(1)], async () => {
      throw conflict
    })
    expect(result.failed[0]!.message).toContain('当前状态不允许此操作')
  })

  it('reviews an unreviewed ticket before dispatching it, and drops the lead unit from the co-units', async () => {
    const calls: [number, string, unknown][] = []
    const apply = vi.fn(async (id: number, action: string, body: unknown) => {
      calls.push([id, action, body])
      return ticket(id, { reviewed: true, state: action === 'dispatch' ? 'dispatched' : 'pending_review' })
    })
    const done = await dispatchTicket(ticket(9, { reviewed: false, allowed_actions: ['review', 'dispatch'] }), { lead_unit: '440106', co_units: ['440106', 'dept-zjj', 'dept-zjj'] }, apply as never)
    expect(done.state).toBe('dispatched')
    expect(calls).toEqual([
      [9, 'review', { approve: true }],
      [9, 'dispatch', { lead_unit: '440106', co_units: ['dept-zjj'] }],
    ])
  })

  it('dispatches a reviewed ticket at once', async () => {
    const apply = vi.fn(async (id: number) => ticket(id, { state: 'dispatched' }))
    await dispatchTicket(ticket(4), { lead_unit: '440104', co_units: [] }, apply as never)
    expect(apply).toHaveBeenCalledTimes(1)
    expect(apply).toHaveBeenCalledWith(4, 'dispatch', { lead_unit: '440104', co_units: [] })
  })
})
