// Reference data is fetched once per tab, again after an admin change in this tab
// (`invalidateUnits`) and again in the background once it is older than `kStaleMs`; the old names
// stay until the new ones arrive.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { replaceClientForTests } from '../../api/client'
import { invalidateUnits, kStaleMs, loadUnits, resetReferenceForTests, useUnits } from '../useReference'

let served = '天河区'
let fetches = 0
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  fetches++
  const items = new URL(request.url).pathname === '/api/v1/units' ? [{ id: 'th', name: served, kind: 'district', active: true }] : []
  return new Response(JSON.stringify({ items }), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

describe('useReference', () => {
  beforeEach(() => {
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
    served = '天河区'
    fetches = 0
  })
  afterEach(() => vi.useRealTimers())

  it('fetches once, again after an invalidation, and again once stale', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    await loadUnits()
    const { name } = useUnits()
    await loadUnits()
    expect(fetches).toBe(1)
    expect(name('th')).toBe('天河区')

    served = '天河新区'
    invalidateUnits()
    expect(name('th')).toBe('天河区')  // the old name until the new one arrives
    await loadUnits()
    expect(fetches).toBe(2)
    expect(name('th')).toBe('天河新区')

    served = '天河区'
    vi.setSystemTime(Date.now() + kStaleMs - 1000)
    await loadUnits()
    expect(fetches).toBe(2)
    vi.setSystemTime(Date.now() + 2000)
    await loadUnits()
    expect(fetches).toBe(3)
    expect(name('th')).toBe('天河区')
  })
})
