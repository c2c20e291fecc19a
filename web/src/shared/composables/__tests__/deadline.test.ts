import { describe, expect, it } from 'vitest'
import { deadlineLight } from '../deadline'

const created = '2026-12-01T09:00:00+08:00'
const deadline = '2026-12-05T09:00:00+08:00'
const at = (iso: string) => Date.parse(iso)

describe('deadlineLight', () => {
  it('is green with most of the time left', () => {
    expect(deadlineLight({ state: 'dispatched', created_at: created, deadline }, at('2026-12-02T09:00:00+08:00'))).toBe('green')
  })
  it('turns yellow when less than the share is left', () => {
    expect(deadlineLight({ state: 'dispatched', created_at: created, deadline }, at('2026-12-04T12:00:00+08:00'))).toBe('yellow')
    expect(deadlineLight({ state: 'dispatched', created_at: created, deadline }, at('2026-12-04T12:00:00+08:00'), 0.1)).toBe('green')
  })
  it('is red once the deadline passed or the server says overdue', () => {
    expect(deadlineLight({ state: 'in_progress', created_at: created, deadline }, at('2026-12-05T09:00:01+08:00'))).toBe('red')
    expect(deadlineLight({ state: 'in_progress', created_at: created, deadline, overdue: true }, at('2026-12-02T09:00:00+08:00'))).toBe('red')
  })
  it('shows no running light for finished tickets or without a deadline', () => {
    expect(deadlineLight({ state: 'closed', created_at: created, deadline }, at('2026-12-09T09:00:00+08:00'))).toBe('done')
    expect(deadlineLight({ state: 'registered', created_at: created }, at('2026-12-02T09:00:00+08:00'))).toBe('none')
  })
})
