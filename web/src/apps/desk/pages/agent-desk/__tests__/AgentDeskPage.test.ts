// The page with the real Element Plus and a mocked API: a screen pop (?phone=) shows the caller's
// history and fills the form; typing brings suggestions and the place; Alt+A accepts; Alt+S saves
// the body the API expects and shows the registered ticket, its title as text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import AgentDeskPage from '../views/AgentDeskPage.vue'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const posted: Array<{ path: string; body: unknown }> = []
const EVIL = '<img src=x onerror=alert(1)>'

function fakeApi(req: Request): Promise<Response> | Response {
  const url = new URL(req.url)
  const path = url.pathname
  if (req.method === 'GET' && path === '/api/v1/units') {
    return json({ items: [
      { id: '4401', parent_id: '', kind: 'city', name: '广州市' },
      { id: '440106', parent_id: '4401', kind: 'district', name: '天河区' },
      { id: '440106006', parent_id: '440106', kind: 'street', name: '石牌街道' },
      { id: '440104', parent_id: '4401', kind: 'district', name: '越秀区' },
    ] })
  }
  if (path === '/api/v1/categories') return json({ items: [{ level1: '环境保护', level2: '环境污染', level3: '噪声污染', path: '环境保护/环境污染/噪声污染' }] })
  if (path === '/api/v1/deadline-preview') return json({ type: url.searchParams.get('type'), urgency: url.searchParams.get('urgency'), deadline: '2026-12-23T23:59:59+08:00' })
  if (req.method === 'GET' && path === '/api/v1/tickets') {
    return json({ items: url.searchParams.get('caller_phone') === '13800000000' ? [{ id: 41, title: '上次的噪音投诉', state: 'closed', created_at: '2026-11-01T10:00:00+08:00' }] : [] })
  }
  return req.json().then((body: unknown) => {
    posted.push({ path, body })
    if (path === '/api/v1/classify') {
      return json({
        classification: { label: '环境保护', score: 0.95, top: [{ label: '环境保护', score: 0.95, words: ['噪音', '夜间'] }, { label: '城乡建设', score: 0.04, words: ['工地'] }] },
        place: { district: '440106', street: '440106006', name: '石牌街道', source: 'text' },
        dispatch_suggestions: [],
      })
    }
    if (path === '/api/v1/tickets') {
      const b = body as { title: string }
      return json({ id: 3001, title: b.title, state: 'registered', deadline: '2026-12-23T23:59:59+08:00', allowed_actions: ['submit', 'resolve_at_intake', 'merge'], possible_duplicates: [{ id: 41, title: '上次的噪音投诉', state: 'closed', similarity: 0.7 }] }, 201)
    }
    return json({ error: { code: 'not_found', message: path } }, 404)
  })
}

async function mountAt(url: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/desk/agent', name: 'agent-desk', component: AgentDeskPage },
      { path: '/desk/tickets/:id', name: 'ticket', component: defineComponent({ template: '<p />' }) },
    ],
  })
  await router.push(url)
  await router.isReady()
  const wrapper = mount(AgentDeskPage, { attachTo: document.body, global: { plugins: [i18n, router] } })
  await flushPromises()
  return { wrapper, router }
}

const key = (code: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: code.slice(3).toLowerCase(), code, altKey: true, bubbles: true }))
const settle = async (ms = 0) => {
  await new Promise((r) => setTimeout(r, ms))
  await flushPromises()
}

beforeEach(() => {
  localStorage.clear()
  posted.length = 0
  resetReferenceForTests()
  replaceClientForTests(((input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(fakeApi(input instanceof Request ? input : new Request(input, init)))) as typeof fetch)
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('AgentDeskPage', () => {
  it('takes a screen pop, suggests as the agent types, accepts with Alt+A and saves with Alt+S', async () => {
    const { wrapper } = await mountAt('/desk/agent?phone=13800000000')
    expect(wrapper.get('[data-testid="caller-history"]').text()).toContain('上次的噪音投诉')
    expect((wrapper.get('#intake-phone').element as HTMLInputElement).value).toBe('13800000000')
    expect(wrapper.get('[data-testid="deadline-preview"]').text()).toMatch(/2026-12-2[34] \d\d:59/)

    await wrapper.get('#intake-title').setValue(EVIL)
    await wrapper.get('#intake-text').setValue('天河区石牌街道工地夜间施工噪音')
    await settle(450)
    const top = wrapper.get('[data-testid="suggestion-0"]').text()
    expect(top).toContain('环境保护')
    expect(top).toContain('噪音')
    expect(wrapper.get('[data-testid="place-found"]').text()).toContain('天河区 · 石牌街道')
    expect(wrapper.get('[data-testid="place-note"]').text()).toBe('已按识别结果填写地点')

    key('KeyA')
    await settle()
    expect(wrapper.get('[data-testid="suggestion-0"]').text()).toContain('已采用')

    key('KeyS')
    await settle()
    const saved = posted.find((p) => p.path === '/api/v1/tickets')
    expect(saved?.body).toEqual({
      type: 'complaint', channel: 'phone', title: EVIL, text: '天河区石牌街道工地夜间施工噪音', urgency: 'normal',
      caller: { name: '', phone: '13800000000', confidential: false },
      place: { district: '440106', street: '440106006' },
      category: '环境保护',
    })
    expect(wrapper.get('[data-testid="registered-id"]').text()).toContain('3001')
    expect(wrapper.get('[data-testid="registered-title"]').text()).toBe(EVIL)
    expect(wrapper.find('[data-testid="registered"] img').exists()).toBe(false)
    expect(wrapper.find('[data-testid="action-submit"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="action-resolve_at_intake"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="action-rate_intake"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="merge-41"]').exists()).toBe(true)
    expect(localStorage.getItem('hotline.agentDesk.draft')).toBeNull()
    wrapper.unmount()
  })

  it('says so for an unknown caller and restores a draft', async () => {
    localStorage.setItem('hotline.agentDesk.draft', JSON.stringify({ title: '路灯不亮', caller: { phone: '13900000000' } }))
    const { wrapper } = await mountAt('/desk/agent')
    expect((wrapper.get('#intake-title').element as HTMLInputElement).value).toBe('路灯不亮')
    expect(wrapper.text()).toContain('已恢复未保存的草稿')
    expect(wrapper.get('[data-testid="no-history"]').text()).toBe('该号码无历史工单')
    wrapper.unmount()
  })
})
