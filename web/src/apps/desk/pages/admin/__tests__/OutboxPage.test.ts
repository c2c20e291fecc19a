// The SMS outbox page against a fake API: messages with their state tags, attempts and last error;
// the state filter goes to the server and starts from the newest; "更多" follows next_cursor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { useSessionStore } from '@/shared/stores/session'
import OutboxPage from '../views/OutboxPage.vue'
import adminRoutes from '../routes'

type State = 'pending' | 'sending' | 'sent' | 'failed'
const message = (id: number, state: State, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'ticket_registered',
  recipient: '138****8000',
  text: `您的诉求已登记，编号 ${id}`,
  ticket_id: id,
  state,
  attempts: state === 'pending' ? 0 : 1,
  next_attempt_at: '2026-12-02T10:00:00+08:00',
  last_error: '',
  created_at: '2026-12-02T10:00:00+08:00',
  sent_at: state === 'sent' ? '2026-12-02T10:00:05+08:00' : null,
  gateway_message_id: '',
  lease_until: null,
  ...extra,
})
const all = [
  message(4, 'failed', { attempts: 8, last_error: 'HTTP 503 (gave up after 8 attempts)' }),
  message(3, 'sent'),
  message(2, 'pending', { kind: 'one_time_code', ticket_id: null, text: '验证码 482913' }),
  message(1, 'sent'),
]
let queries: URLSearchParams[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  if (url.pathname !== '/api/v1/notifications') return json({ error: { code: 'not_found', message: 'no' } }, 404)
  queries.push(url.searchParams)
  const state = url.searchParams.get('state')
  const before = Number(url.searchParams.get('cursor') ?? Infinity)
  const limit = Number(url.searchParams.get('limit'))
  const matching = all.filter((m) => (!state || m.state === state) && m.id < before)
  const items = matching.slice(0, limit)
  return json({ items, next_cursor: matching.length > limit ? String(items.at(-1)?.id) : null })
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'ticket', component: { template: '<div />' } }] })
  await router.push('/desk/admin/outbox')
  await router.isReady()
  const wrapper = mount(OutboxPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('OutboxPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    queries = []
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the messages with state tags, attempts and the last error', async () => {
    const wrapper = await mountPage()
    expect(queries[0]?.get('limit')).toBe('50')
    const table = wrapper.find('[data-testid="outbox-table"]')
    const tags = table.findAll('[data-state]').map((tag) => [tag.attributes('data-state'), tag.text()])
    expect(tags).toEqual([['failed', '失败'], ['sent', '已发送'], ['pending', '待发送'], ['sent', '已发送']])
    expect(table.text()).toContain('HTTP 503 (gave up after 8 attempts)')
    expect(table.text()).toContain('验证码 482913')
    expect(table.text()).toContain('验证码')  // the kind
    expect(table.text()).toContain('138****8000')
    expect(wrapper.text()).toContain('已到最早的短信')
    wrapper.unmount()
  })

  it('filters by state on the server and pages with the cursor', async () => {
    const wrapper = await mountPage()
    const { useOutbox } = await import('../composables/useOutbox')
    const outbox = useOutbox(1)
    await outbox.load({ state: 'sent' })
    expect(queries.at(-1)?.get('state')).toBe('sent')
    expect(outbox.items.value.map((m) => m.id)).toEqual([3])
    expect(outbox.cursor.value).toBe('3')
    await outbox.loadMore()
    expect(queries.at(-1)?.get('cursor')).toBe('3')
    expect(outbox.items.value.map((m) => m.id)).toEqual([3, 1])
    expect(outbox.cursor.value).toBeNull()
    await outbox.load({ state: 'failed' })
    expect(queries.at(-1)?.has('cursor')).toBe(false)
    expect(outbox.items.value.map((m) => m.id)).toEqual([4])
    wrapper.unmount()
  })

  it('shows supervisors the outbox, the audit and the (read-only) settings, not the admin-only tabs', async () => {
    const session = useSessionStore()
    session.me = { id: 2, username: 'supervisor1', role: 'supervisor' } as never
    const wrapper = await mountPage()
    const tabs = wrapper.findAll('.admin-nav__tab').map((tab) => tab.text())
    expect(tabs).toEqual(['系统设置', '审计日志', '短信发件箱'])
    wrapper.unmount()
  })
})
