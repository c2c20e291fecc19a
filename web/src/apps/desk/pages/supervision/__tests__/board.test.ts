import { describe, expect, it } from 'vitest'
import type { Ticket, TicketEvent } from '@/shared/api/types'
import { byDeadline, isNearlyDue, isOverdue, noticesOf, ofUnit, unitCounts } from '../composables/board'

const NOW = Date.parse('2026-12-02T12:00:00+08:00')
const ticket = (id: number, over: Partial<Ticket> = {}): Ticket =>
  ({ id, state: 'in_progress', lead_unit: '440106', created_at: '2026-11-22T12:00:00+08:00', deadline: '2026-12-12T12:00:00+08:00', overdue: false, ...over }) as Ticket

describe('supervision board rules', () => {
  it('calls a ticket overdue past its deadline or when the server says so, only while open', () => {
    expect(isOverdue(ticket(1, { deadline: '2026-12-01T12:00:00+08:00' }), NOW)).toBe(true)
    expect(isOverdue(ticket(2, { overdue: true }), NOW)).toBe(true)
    expect(isOverdue(ticket(3), NOW)).toBe(false)
    expect(isOverdue(ticket(4, { state: 'closed', deadline: '2026-12-01T12:00:00+08:00' }), NOW)).toBe(false)
  })

  it('nearly due follows the configurable yellow share of the time left', () => {
    // 20 days in all, 1 day left: 5 % left
    const t = ticket(1, { deadline: '2026-12-03T12:00:00+08:00' })
    expect(isNearlyDue(t, NOW, 0.25)).toBe(true)
    expect(isNearlyDue(t, NOW, 0.04)).toBe(false)
    // half the time left
    expect(isNearlyDue(ticket(2), NOW, 0.25)).toBe(false)
    expect(isNearlyDue(ticket(2), NOW, 0.6)).toBe(true)
    expect(isNearlyDue(ticket(3, { overdue: true }), NOW, 0.9)).toBe(false)
  })

  it('counts overdue and nearly-due tickets per lead unit, the most overdue first, each ticket once', () => {
    const overdue = [ticket(1, { lead_unit: 'a' }), ticket(2, { lead_unit: 'b' }), ticket(3, { lead_unit: 'b' }), ticket(3, { lead_unit: 'b' })]
    const nearly = [ticket(4, { lead_unit: 'a' }), ticket(5, { lead_unit: 'c' }), ticket(1, { lead_unit: 'a' })]
    expect(unitCounts(overdue, nearly)).toEqual([
      { unit: 'b', overdue: 2, nearlyDue: 0 },
      { unit: 'a', overdue: 1, nearlyDue: 1 },
      { unit: 'c', overdue: 0, nearlyDue: 1 },
    ])
    expect(unitCounts([], [])).toEqual([])
  })

  it('filters by unit and sorts by the nearest deadline', () => {
    const rows = [ticket(2, { lead_unit: 'a', deadline: '2026-12-05T00:00:00+08:00' }), ticket(1, { lead_unit: 'b', deadline: '2026-12-04T00:00:00+08:00' }), ticket(3, { lead_unit: 'a', deadline: '2026-12-04T00:00:00+08:00' })]
    expect(ofUnit(rows, 'a').map((t) => t.id)).toEqual([2, 3])
    expect(ofUnit(rows, '').length).toBe(3)
    expect(rows.slice().sort(byDeadline).map((t) => t.id)).toEqual([1, 3, 2])
  })

  it('reads the notices from the history, newest first', () => {
    const history = [
      { id: 1, action: 'dispatch', actor: 'dispatcher', at: '2026-12-01T09:00:00+08:00' },
      { id: 5, action: 'supervise', actor: 'supervisor', role: 'supervisor', at: '2026-12-01T10:00:00+08:00', reason: '请尽快办理' },
      { id: 9, action: 'supervise', actor: 'supervisor', role: 'supervisor', at: '2026-12-02T10:00:00+08:00', reason: '再次督办', payload: { note: '今日答复' } },
    ] as TicketEvent[]
    expect(noticesOf(history)).toEqual([
      { id: 9, actor: 'supervisor', role: 'supervisor', at: '2026-12-02T10:00:00+08:00', reason: '再次督办', note: '今日答复' },
      { id: 5, actor: 'supervisor', role: 'supervisor', at: '2026-12-01T10:00:00+08:00', reason: '请尽快办理', note: '' },
    ])
  })
})
