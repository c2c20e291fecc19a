import { describe, expect, it } from 'vitest'
import type { TicketEvent } from '@/shared/api/types'
import { payloadLines, type TimelineDeps } from '../composables/timeline'
import { filterPalette, moveIndex } from '../composables/palette'
import { isMasked } from '../composables/format'
import { statusOf } from '../composables/useTicketPage'
import { ApiError } from '@/shared/api/errors'

const texts: Record<string, string> = {
  'field.note': '办理记录', 'field.lead_unit': '主办单位', 'field.co_units': '协办单位', 'field.urgency': '紧急程度', 'field.rating': '满意度',
  'ticket.payload.approved': '审核结果', 'ticket.payload.approvedYes': '通过', 'ticket.payload.approvedNo': '退回',
  'ticket.payload.emptyValue': '（空）', 'ticket.payload.merged_from': '并入的工单', 'field.deadline': '办理时限',
}
const deps: TimelineDeps = {
  unitName: (id) => ({ '440106': '天河区', 'dept-zjj': '住建局' })[id] ?? id,
  label: (domain, value) => (({ 'urgency.urgent': '紧急', 'urgency.normal': '一般', 'rating.dissatisfied': '不满意' }) as Record<string, string>)[`${domain}.${value}`] ?? value,
  t: (key, params) => (key === 'ticket.payload.change' ? `${params!.field}：${params!.before} → ${params!.after}` : (texts[key] ?? key)),
  te: (key) => key in texts || key === 'ticket.payload.change',
  date: (iso) => iso.slice(0, 10),
}
const event = (action: string, payload: Record<string, string>): TicketEvent => ({ action, payload }) as TicketEvent

describe('payloadLines', () => {
  it('names units, codes and dates', () => {
    const lines = payloadLines(event('dispatch', { lead_unit: '440106', co_units: '440106,dept-zjj', acknowledge_deadline: '2026-12-03T23:59:59+08:00' }), deps)
    expect(lines.map((l) => l.value)).toEqual(['天河区', '天河区、住建局', '2026-12-03'])
    expect(payloadLines(event('review', { approved: '0' }), deps)[0]).toMatchObject({ label: '审核结果', value: '退回' })
    expect(payloadLines(event('callback', { rating: 'dissatisfied' }), deps)[0]!.value).toBe('不满意')
  })

  it('shows a correction as before → after, once per field', () => {
    const lines = payloadLines(event('correct', { before_urgency: 'normal', after_urgency: 'urgent', before_address: '', after_address: '天河路1号' }), deps)
    expect(lines.map((l) => l.value)).toEqual(['紧急程度：一般 → 紧急', 'address：（空） → 天河路1号'])
    expect(lines.every((l) => l.kind === 'change')).toBe(true)
  })

  it('keeps text as text, links merged tickets, and leaves out what the ticket shows on register', () => {
    const note = payloadLines(event('handle', { note: '<img src=x onerror=alert(1)>\n第二行' }), deps)[0]!
    expect(note).toMatchObject({ kind: 'text', value: '<img src=x onerror=alert(1)>\n第二行' })
    expect(payloadLines(event('merge', { merged_from: '12,15' }), deps)[0]).toMatchObject({ kind: 'tickets', tickets: [12, 15] })
    const register = payloadLines(event('register', { title: 't', text: 'x', caller_phone: '138****', urgency: 'normal', street: '' }), deps)
    expect(register.map((l) => l.key)).toEqual(['urgency'])
  })
})

describe('the command palette', () => {
  const items = [{ action: 'review', label: '审核' }, { action: 'dispatch', label: '派单' }, { action: 'review_reply', label: '审核答复' }]
  it('filters by label or action name', () => {
    expect(filterPalette(items, '').length).toBe(3)
    expect(filterPalette(items, '审核').map((i) => i.action)).toEqual(['review', 'review_reply'])
    expect(filterPalette(items, 'DISP').map((i) => i.action)).toEqual(['dispatch'])
    expect(filterPalette(items, '归档')).toEqual([])
  })
  it('moves the highlight around the ends', () => {
    expect(moveIndex(2, 1, 3)).toBe(0)
    expect(moveIndex(0, -1, 3)).toBe(2)
    expect(moveIndex(0, 1, 0)).toBe(0)
  })
})

describe('page helpers', () => {
  it('offers the reveal only for a masked caller', () => {
    expect(isMasked({ name: '郑**', phone: '135****9331' })).toBe(true)
    expect(isMasked({ name: '郑女士', phone: '13594409331' })).toBe(false)
    expect(isMasked(undefined)).toBe(false)
  })
  it('tells not found, forbidden and other errors apart', () => {
    expect(statusOf(new ApiError(404, 'not_found', ''))).toBe('not_found')
    expect(statusOf(new ApiError(403, 'forbidden', ''))).toBe('forbidden')
    expect(statusOf(new ApiError(0, 'network', ''))).toBe('error')
  })
})
