// The dashboard's data: one request per figure source, and ticket events refetching the aggregate
// once per debounce window (never a list).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { replaceClientForTests } from '@/shared/api/client'
import { installEventSocket } from '@/shared/realtime'
import type { SocketHandlers } from '@/shared/realtime/socket'
import { useDashboard } from '../composables/useDashboard'

let calls: string[] = []
let handlers: Partial<SocketHandlers> = {}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const dashboard = { date: '2024-05-06', now: '2024-05-06T10:00:00+08:00', district: null, nearly_due_share: 0.25, intake: { total: 3, by_channel: [], by_type: [], by_hour: Array(24).fill(0) }, top_categories: [], units: [], districts: [] }

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  calls.push(url.pathname + url.search)
  if (url.pathname === '/api/v1/dashboard') return json(dashboard)
  if (url.pathname === '/api/v1/reports/kpi') return json({ error: { code: 'not_found', message: 'no KPI records', field: 'year' } }, 404)
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

function mountWith(district: string | null) {
  let api: ReturnType<typeof useDashboard> | null = null
  const Probe = defineComponent({
    setup() {
      api = useDashboard({ month: () => '2024-05', district: () => district }, 1000)
      return () => h('div')
    },
  })
  const wrapper = mount(Probe)
  return { wrapper, api: () => api! }
}

describe('useDashboard', () => {
  beforeEach(() => {
    calls = []
    handlers = {}
    replaceClientForTests(fakeFetch as typeof fetch)
    installEventSocket({
      on: (name: keyof SocketHandlers, handler: never) => {
        handlers[name] = handler
        return () => delete handlers[name]
      },
    } as never)
  })
  afterEach(() => vi.useRealTimers())

  it('reads the aggregate and the KPI report, and says when the year has no KPI records', async () => {
    const { api } = mountWith('440106')
    await flushPromises()
    expect(calls).toEqual(['/api/v1/dashboard?district=440106&nearly_due_share=0.25', '/api/v1/reports/kpi?year=2024'])
    expect(api().dashboard.value?.intake.total).toBe(3)
    expect(api().reportMissing.value).toBe(true)
    expect(api().error.value).toBeNull()
  })

  it('refetches once per debounce window however many events arrive', async () => {
    vi.useFakeTimers()
    mountWith(null)
    await flushPromises()
    calls = []
    for (let i = 0; i < 5; i++) handlers.event?.({} as never)
    expect(calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(calls.filter((c) => c.startsWith('/api/v1/dashboard'))).toHaveLength(1)
    expect(calls.some((c) => c.startsWith('/api/v1/tickets'))).toBe(false)
  })

  it('stops listening when the page goes', async () => {
    const { wrapper } = mountWith(null)
    await flushPromises()
    expect(handlers.event).toBeDefined()
    wrapper.unmount()
    expect(handlers.event).toBeUndefined()
  })
})
