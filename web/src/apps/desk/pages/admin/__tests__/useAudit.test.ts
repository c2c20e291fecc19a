import { beforeEach, describe, expect, it } from 'vitest'
import { replaceClientForTests } from '@/shared/api/client'
import { useAudit } from '../composables/useAudit'

const all = Array.from({ length: 5 }, (_, i) => ({ id: 5 - i, at: '2026-12-02T10:00:00+08:00', actor_id: 7, actor: 'admin', role: 'admin', action: 'login', ticket_id: 0, reason: '', subject: '', before: '', after: '' }))
let queries: URLSearchParams[] = []
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  queries.push(url.searchParams)
  const before = Number(url.searchParams.get('before') ?? Infinity)
  const limit = Number(url.searchParams.get('limit'))
  return json({ items: all.filter((e) => e.id < before).slice(0, limit) })
}

describe('useAudit', () => {
  beforeEach(() => {
    queries = []
    replaceClientForTests(fakeFetch as typeof fetch)
  })

  it('pages with the oldest id shown as the cursor until a short page', async () => {
    const audit = useAudit(2)
    await audit.load({ actorId: 7 })
    expect(audit.items.value.map((e) => e.id)).toEqual([5, 4])
    expect(audit.more.value).toBe(true)
    await audit.loadMore()
    expect(queries.at(-1)?.get('before')).toBe('4')
    expect(queries.at(-1)?.get('actor_id')).toBe('7')
    await audit.loadMore()
    expect(audit.items.value.map((e) => e.id)).toEqual([5, 4, 3, 2, 1])
    expect(audit.more.value).toBe(false)
  })

  it('a new filter starts again from the newest', async () => {
    const audit = useAudit(2)
    await audit.load()
    await audit.loadMore()
    await audit.load({ ticketId: 42 })
    expect(queries.at(-1)?.get('ticket_id')).toBe('42')
    expect(queries.at(-1)?.has('before')).toBe(false)
    expect(audit.items.value.map((e) => e.id)).toEqual([5, 4])
  })
})
