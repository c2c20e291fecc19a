// The dispatch catalogue against a fake API: rules listed with unit names, a delete only after the
// confirmation (cancel sends nothing), and the try-it box showing what /dispatch-catalogue/try answers (category and words, rule, units).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import CataloguePage from '../views/CataloguePage.vue'
import adminRoutes from '../routes'

let calls: { method: string; path: string; body: unknown }[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method === 'POST' || request.method === 'PUT' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname, body })
  if (url.pathname === '/api/v1/units') return json({ items: [{ id: 'housing', name: '市住建局', kind: 'department' }, { id: 'th', name: '天河区', kind: 'district' }] })
  if (url.pathname === '/api/v1/categories') return json({ items: [] })
  if (url.pathname === '/api/v1/dispatch-catalogue') return json({ items: [{ id: 'zj', category: '城乡建设', lead_unit: 'housing', co_units: [], place_co_handles: true }, { id: 'zj-2', category: '城乡建设/住房', lead_unit: 'housing' }] })
  if (url.pathname === '/api/v1/dispatch-catalogue/zj' && request.method === 'DELETE') return json({ status: 'deleted' })
  if (url.pathname === '/api/v1/dispatch-catalogue/try') {
    const text = (body as { text: string }).text
    if (text.includes('违章')) return json({ category: '城乡建设/违章建筑', keywords: ['违章', '搭建'], place: { district: 'th', street: '' }, units: ['housing', 'th'], rule: { id: 'zj', category: '城乡建设', lead_unit: 'housing', co_units: [], place_co_handles: true } })
    return json({ category: '', keywords: [], place: {}, units: [], rule: null })
  }
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
  await router.push('/desk/admin/catalogue')
  await router.isReady()
  const wrapper = mount(CataloguePage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
const messageBoxButton = (text: string) => [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement
const settle = async () => {
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

describe('CataloguePage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    calls = []
    resetReferenceForTests()
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('deletes a rule only after the confirmation', async () => {
    const wrapper = await mountPage()
    const table = () => wrapper.find('[data-testid="catalogue-table"]').text()
    expect(table()).toContain('市住建局')
    expect(table()).toContain('属地协办')
    const del = () => wrapper.findAll('button').find((b) => b.attributes('aria-label') === '删除 zj')!
    await del().trigger('click')
    await flushPromises()
    messageBoxButton('取消').click()
    await settle()
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)

    await del().trigger('click')
    await flushPromises()
    messageBoxButton('删除').click()
    await settle()
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/dispatch-catalogue/zj'])
    expect(wrapper.findAll('button').some((b) => b.attributes('aria-label') === '删除 zj')).toBe(false)
    expect(table()).toContain('zj-2')
    wrapper.unmount()
  })

  it('tries a message: category with its words, place, the matched rule and its units by name', async () => {
    const wrapper = await mountPage()
    await wrapper.find('[data-testid="classify-text"]').setValue('天河区有人违章搭建')
    await wrapper.find('[data-testid="classify-run"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.path === '/api/v1/dispatch-catalogue/try')?.body).toEqual({ text: '天河区有人违章搭建' })
    expect(calls.some((c) => c.path === '/api/v1/classify')).toBe(false)
    const result = wrapper.find('[data-testid="classify-result"]').text()
    expect(wrapper.find('[data-testid="classify-category"]').text()).toContain('城乡建设/违章建筑')
    expect(wrapper.find('[data-testid="classify-keywords"]').text()).toContain('违章、搭建')
    expect(result).toContain('天河区')
    expect(wrapper.find('[data-testid="classify-rule"]').text()).toContain('zj')
    expect(wrapper.find('[data-testid="classify-rule"]').text()).toContain('城乡建设')
    const unitsShown = wrapper.findAll('[data-testid="classify-unit"]').map((u) => u.text())
    expect(unitsShown).toHaveLength(2)
    expect(unitsShown[0]).toContain('市住建局')
    expect(unitsShown[0]).toContain('主办单位')
    expect(unitsShown[1]).toContain('天河区')
    expect(unitsShown[1]).toContain('协办单位')

    await wrapper.find('[data-testid="classify-text"]').setValue('今天天气很好')
    await wrapper.find('[data-testid="classify-run"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="classify-rule"]').text()).toContain('没有匹配的规则')
    expect(wrapper.findAll('[data-testid="classify-unit"]')).toHaveLength(0)
    wrapper.unmount()
  })
})
