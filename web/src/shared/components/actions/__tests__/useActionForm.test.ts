import { ref } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../api/errors'
import type { Ticket, TicketAction } from '../../../api/types'
import { useActionForm } from '../useActionForm'

const ticket = ref({ id: 7, state: 'pending_review', type: 'complaint', urgency: 'normal', category: '', place: { district: '440106' } } as Ticket)

describe('useActionForm', () => {
  it('does not send while a required field is empty', async () => {
    const send = vi.fn()
    const form = useActionForm({ ticket, action: ref<TicketAction>('recall'), send })
    form.reset()
    expect(await form.submit((f) => `need ${f}`)).toBeNull()
    expect(send).not.toHaveBeenCalled()
    expect(form.fieldErrors.value).toEqual({ reason: 'need reason' })
  })

  it('sends the body and resolves to the changed ticket', async () => {
    const send = vi.fn().mockResolvedValue({ ...ticket.value, state: 'registered' })
    const form = useActionForm({ ticket, action: ref<TicketAction>('review'), send })
    form.reset()
    form.form.approve = false
    form.form.reason = '地址不全'
    const changed = await form.submit(() => '')
    expect(send).toHaveBeenCalledWith(7, 'review', { approve: false, reason: '地址不全' })
    expect(changed?.state).toBe('registered')
  })

  it('puts a 400 on the field it names and anything else in the alert', async () => {
    const send = vi.fn().mockRejectedValueOnce(new ApiError(400, 'invalid_argument', 'unknown unit: x', 'lead_unit'))
    const form = useActionForm({ ticket, action: ref<TicketAction>('dispatch'), send })
    form.reset()
    form.form.lead_unit = 'x'
    await form.submit(() => '')
    expect(Object.keys(form.fieldErrors.value)).toEqual(['lead_unit'])
    expect(form.error.value).toBeNull()
    send.mockRejectedValueOnce(new ApiError(409, 'conflict', 'state changed'))
    await form.submit(() => '')
    expect(form.fieldErrors.value).toEqual({})
    expect((form.error.value as ApiError).status).toBe(409)
  })

  it('correct starts from the ticket and sends only what changed', async () => {
    const send = vi.fn().mockResolvedValue(ticket.value)
    const form = useActionForm({ ticket, action: ref<TicketAction>('correct'), send })
    form.reset()
    expect(form.form.type).toBe('complaint')
    form.form.urgency = 'urgent'
    form.form.reason = '来电人说明很急'
    await form.submit(() => '')
    expect(send).toHaveBeenCalledWith(7, 'correct', { urgency: 'urgent', reason: '来电人说明很急' })
  })
})
