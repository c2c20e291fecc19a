// The accounts page against a fake API: the list with last sign-in, a new account created through
// the dialog (a refused password highlighted), and disabling after the confirmation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import type { User } from '@/shared/api/types'
import AccountsPage from '../views/AccountsPage.vue'
import adminRoutes from '../routes'

let users: User[] = []
let calls: { method: string; path: string; body: unknown }[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method !== 'GET' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname, body })
  if (url.pathname === '/api/v1/units') return json({ items: [{ id: 'th', name: '天河区', kind: 'district' }] })
  if (url.pathname === '/api/v1/users' && request.method === 'GET') return json({ items: users })
  if (url.pathname === '/api/v1/users' && request.method === 'POST') {
    const input = body as { username: string; password: string; role: string }
    if (input.password.length < 10) return json({ error: { code: 'invalid_argument', message: 'too short', field: 'password' } }, 400)
    return json({ id: 9, username: input.username, role: input.role, active: true, last_login_at: null }, 201)
  }
  const deactivate = /^\/api\/v1\/users\/(\d+)\/deactivate$/.exec(url.pathname)
  if (deactivate) return json({ ...users.find((u) => u.id === Number(deactivate[1])), active: false })
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
  await router.push('/desk/admin/accounts')
  await router.isReady()
  const wrapper = mount(AccountsPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
const bodyText = () => document.body.textContent ?? ''
function dialogInput(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement
}

describe('AccountsPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
    users = [
      { id: 1, username: 'agent', display_name: '话务员甲', role: 'agent', active: true, last_login_at: '2026-12-01T09:30:00+08:00' },
      { id: 2, username: 'tianhe', display_name: '天河', role: 'unit_handler', unit_id: 'th', active: true, last_login_at: null },
    ]
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists accounts with role, unit and last sign-in', async () => {
    const wrapper = await mountPage()
    const text = wrapper.find('[data-testid="accounts-table"]').text()
    expect(text).toContain('话务员甲')
    expect(text).toContain(dayjs('2026-12-01T09:30:00+08:00').format('YYYY-MM-DD HH:mm'))
    expect(text).toContain('从未登录')
    expect(text).toContain('天河区')
    expect(text).toContain('承办单位')
    wrapper.unmount()
  })

  it('creates an account; a refused password is shown on the password field', async () => {
    const wrapper = await mountPage()
    await wrapper.find('[data-testid="account-create"]').trigger('click')
    await flushPromises()
    const username = dialogInput('acct-username')
    username.value = 'newbie'
    username.dispatchEvent(new Event('input'))
    const password = dialogInput('acct-password')
    password.value = 'short'
    password.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid="account-save"]') as HTMLButtonElement).click()
    await flushPromises()
    const post = calls.find((c) => c.method === 'POST')
    expect(post?.body).toEqual({ username: 'newbie', password: 'short', role: 'agent' })
    expect(document.querySelector('[data-testid="account-dialog"] .el-form-item.is-error')?.textContent).toContain('初始密码')

    password.value = 'a-long-enough-pass'
    password.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid="account-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(wrapper.find('[data-testid="accounts-table"]').text()).toContain('newbie')
    wrapper.unmount()
  })

  it('disables an account after the confirmation', async () => {
    const wrapper = await mountPage()
    const disable = wrapper.findAll('button').find((b) => b.attributes('aria-label') === '停用 agent')
    await disable!.trigger('click')
    await flushPromises()
    expect(bodyText()).toContain('停用 agent？')
    const confirm = [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.trim() === '停用') as HTMLButtonElement
    confirm.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/users/1/deactivate')).toBe(true)
    expect(wrapper.find('[data-testid="accounts-table"]').text()).toContain('已停用')
    wrapper.unmount()
  })
})
