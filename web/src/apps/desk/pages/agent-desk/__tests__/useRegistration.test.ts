import { afterEach, describe, expect, it, vi } from 'vitest'
import { replaceClientForTests } from '@/shared/api/client'
import { ApiError } from '@/shared/api/errors'
import { fieldErrorsOf, needsForce, useRegistration } from '../composables/useRegistration'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

afterEach(() => replaceClientForTests(globalThis.fetch))

describe('useRegistration', () => {
  it('puts the field a 400 names under that field, in Chinese', async () => {
    replaceClientForTests(vi.fn(async () => json(400, { error: { code: 'invalid_argument', message: 'title is required', field: 'title' } })) as typeof fetch)
    const r = useRegistration()
    expect(await r.save({ type: 'complaint', channel: 'phone', title: '' })).toBeNull()
    expect(r.fieldErrors).toEqual({ title: '输入有误' })
    expect(r.error.value).toBeInstanceOf(ApiError)
  })

  it('keeps the registered ticket, its duplicates and its allowed actions; an action updates it', async () => {
    const calls: string[] = []
    replaceClientForTests(vi.fn(async (req: Request) => {
      calls.push(`${req.method} ${new URL(req.url).pathname}`)
      if (req.method === 'POST' && req.url.endsWith('/tickets')) {
        return json(201, { id: 7, state: 'registered', allowed_actions: ['submit', 'merge'], possible_duplicates: [{ id: 3, title: 'x', similarity: 0.8 }] })
      }
      return json(200, { id: 7, state: 'pending_review', allowed_actions: ['merge'] })
    }) as unknown as typeof fetch)
    const r = useRegistration()
    await r.save({ type: 'complaint', channel: 'phone', title: 't' })
    expect(r.ticket.value?.id).toBe(7)
    expect(r.duplicates.value.map((d) => d.id)).toEqual([3])
    expect([...r.allowed.value]).toEqual(['submit', 'merge'])
    expect(await r.run('submit')).toBe(true)
    expect(calls).toEqual(['POST /api/v1/tickets', 'POST /api/v1/tickets/7/submit'])
    expect(r.ticket.value?.state).toBe('pending_review')
    expect(r.allowed.value.has('submit')).toBe(false)
  })

  it('rethrows a merge that needs force so the screen can ask; other failures stay in error', async () => {
    let answer = json(409, { error: { code: 'conflict', message: 'tickets of different districts', field: 'force' } })
    replaceClientForTests(vi.fn(async (req: Request) => (req.url.endsWith('/tickets') ? json(201, { id: 7, allowed_actions: ['merge'] }) : answer.clone())) as unknown as typeof fetch)
    const r = useRegistration()
    await r.save({ type: 'complaint', channel: 'phone', title: 't' })
    await expect(r.run('merge', { merge_into: 3, reason: '重复来电' })).rejects.toSatisfy(needsForce)
    answer = json(409, { error: { code: 'conflict', message: 'closed' } })
    expect(await r.run('merge', { merge_into: 3, reason: '重复来电', force: true })).toBe(false)
    expect((r.error.value as ApiError).code).toBe('conflict')
  })

  it('maps errors without a field to nothing', () => {
    expect(fieldErrorsOf(new ApiError(500, 'internal', 'x'))).toEqual({})
    expect(fieldErrorsOf(new Error('x'))).toEqual({})
  })
})
