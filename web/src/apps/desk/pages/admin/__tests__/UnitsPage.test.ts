// The unit tree against a fake API: units nested under their parents, and a move that stores the
// unit with its new parent and everything else unchanged; the unit itself is not offered as parent;
// a retire only after the confirmation, its 409 shown with the link to the unit's tickets, and a
// retired unit (with those below it) tagged in the tree.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import UnitsPage from '../views/UnitsPage.vue'
import adminRoutes from '../routes'

const units = [
  { id: 'gz', name: '广州市', kind: 'city', active: true },
  { id: 'th', name: '天河区', kind: 'district', parent_id: 'gz', active: true },
  { id: 'yx', name: '越秀区', kind: 'district', parent_id: 'gz', active: true },
  { id: 'sp', name: '石牌街道', kind: 'street', parent_id: 'th', active: true },
]
let calls: { method: string; path: string; body: unknown }[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method === 'PUT' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname, body })
  if (url.pathname === '/api/v1/units') return json({ items: units })
  if (url.pathname === '/api/v1/units/sp' && request.method === 'PUT') return json(body)
  if (url.pathname === '/api/v1/units/yx/retire') return json({ error: { code: 'conflict', message: '3 open tickets are led or co-handled by yx or a unit below it; re-dispatch them first (/desk/tickets?unit=yx)' } }, 409)
  if (url.pathname === '/api/v1/units/th/retire') return json({ retired: ['th', 'sp'] })
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/desk/tickets', name: 'tickets', component: { template: '<div />' } }, { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
  await router.push('/desk/admin/units')
  await router.isReady()
  const wrapper = mount(UnitsPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
const messageBoxButton = (text: string) => [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement
const settle = async () => {
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

describe('UnitsPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('moves a street to another district', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
    await router.push('/desk/admin/units')
    await router.isReady()
    const wrapper = mount(UnitsPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="unit-tree"]').text()).toContain('天河区')

    // Expand 天河区 to reach its street, then open the move dialog.
    const thNode = wrapper.find('[data-testid="unit-th"]').element.closest('.el-tree-node__content') as HTMLElement
    ;(thNode.querySelector('.el-tree-node__expand-icon') as HTMLElement).click()
    await flushPromises()
    await wrapper.find('[data-testid="move-sp"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.findComponent({ name: 'UnitDialog' })
    const options = dialog.findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))
    expect(options).toEqual(['gz', 'th', 'yx'])
    const select = dialog.findAllComponents({ name: 'ElSelect' }).at(-1)!
    select.vm.$emit('update:modelValue', 'yx')
    await flushPromises()
    ;(document.querySelector('[data-testid="unit-save"]') as HTMLButtonElement).click()
    await flushPromises()
    const put = calls.find((c) => c.method === 'PUT')
    expect(put?.path).toBe('/api/v1/units/sp')
    expect(put?.body).toEqual({ id: 'sp', name: '石牌街道', kind: 'street', active: true, parent_id: 'yx' })
    wrapper.unmount()
  })

  it('retires a unit only after the confirmation; a 409 shows the message and the tickets link', async () => {
    const wrapper = await mountPage()
    const retires = () => calls.filter((c) => c.method === 'POST').map((c) => c.path)
    await wrapper.find('[data-testid="retire-yx"]').trigger('click')
    await flushPromises()
    messageBoxButton('取消').click()
    await settle()
    expect(retires()).toEqual([])

    await wrapper.find('[data-testid="retire-yx"]').trigger('click')
    await flushPromises()
    messageBoxButton('撤销').click()
    await settle()
    expect(retires()).toEqual(['/api/v1/units/yx/retire'])
    const refused = wrapper.find('[data-testid="unit-retire-refused"]')
    // In the page's language with the count, the server's words as the detail.
    expect(refused.text()).toContain('仍主办或协办 3 件在办工单')
    expect(refused.text()).toContain('3 open tickets are led or co-handled by yx')
    expect(wrapper.find('[data-testid="unit-retire-tickets"]').attributes('href')).toBe('/desk/tickets?unit=yx')
    expect(wrapper.find('[data-testid="unit-yx"]').text()).not.toContain('已撤销')
    wrapper.unmount()
  })

  it('shows a retired unit and those below it as retired', async () => {
    const wrapper = await mountPage()
    await wrapper.find('[data-testid="retire-th"]').trigger('click')
    await flushPromises()
    messageBoxButton('撤销').click()
    await settle()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/units/th/retire'])
    expect(wrapper.find('[data-testid="unit-th"]').text()).toContain('已撤销')
    expect(wrapper.find('[data-testid="retire-th"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="unit-yx"]').text()).not.toContain('已撤销')
    expect(wrapper.find('[data-testid="unit-retire-refused"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
