// The category tree against a fake API: retired categories greyed and tagged, a child added under
// a node, a rename sent with the node's path, a retire only after the confirmation, and a name the
// page refuses before asking the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import { resetReferenceForTests } from '@/shared/composables/useReference'
import CategoriesPage from '../views/CategoriesPage.vue'
import adminRoutes from '../routes'

let categories: { level1: string; level2: string; level3: string; path: string; retired: boolean }[] = []
let calls: { method: string; path: string; body: unknown }[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  const body = request.method === 'POST' ? await request.clone().json().catch(() => null) : null
  calls.push({ method: request.method, path: url.pathname, body })
  if (url.pathname === '/api/v1/categories' && request.method === 'GET') return json({ items: categories })
  if (url.pathname === '/api/v1/categories') return json({ level1: '城乡建设', level2: '住房保障', level3: '廉租房', path: '城乡建设/住房保障/廉租房', retired: false }, 201)
  if (url.pathname === '/api/v1/categories/rename') return json({ from: '城乡建设/住房保障', path: '城乡建设/住房', moved_rules: ['housing'] })
  if (url.pathname === '/api/v1/categories/retire') return json({ path: '交通运输', retired: true })
  return json({ error: { code: 'not_found', message: 'no' } }, 404)
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [...adminRoutes.map((r) => ({ ...r, path: `/desk/${r.path}` }) as typeof r), { path: '/:p(.*)*', name: 'other', component: { template: '<div />' } }] })
  await router.push('/desk/admin/categories')
  await router.isReady()
  const wrapper = mount(CategoriesPage, { global: { plugins: [router, i18n], stubs: { transition: false } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
const messageBoxButton = (text: string) => [...document.querySelectorAll('.el-message-box button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement
const settle = async () => {
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}
const node = (path: string) => document.querySelector(`[data-testid="category-${path}"]`) as HTMLElement
const button = (path: string, testid: string) => node(path).querySelector(`[data-testid="${testid}"]`) as HTMLButtonElement
const nameInput = () => document.querySelector('[data-testid="category-name"] input, input[data-testid="category-name"]') as HTMLInputElement
const saveButton = () => document.querySelector('[data-testid="category-save"]') as HTMLButtonElement

describe('CategoriesPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    resetReferenceForTests()
    calls = []
    categories = [
      { level1: '城乡建设', level2: '住房保障', level3: '公租房', path: '城乡建设/住房保障/公租房', retired: false },
      { level1: '城乡建设', level2: '物业', level3: '', path: '城乡建设/物业', retired: true },
      { level1: '交通运输', level2: '', level3: '', path: '交通运输', retired: false },
    ]
    replaceClientForTests(fakeFetch as typeof fetch)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('greys and tags a retired category and offers to restore it', async () => {
    const wrapper = await mountPage()
    expect(node('城乡建设/物业').classList).toContain('categories__node--retired')
    expect(node('城乡建设/物业').textContent).toContain('已停用')
    expect(button('城乡建设/物业', 'category-restore')).toBeTruthy()
    expect(button('城乡建设/物业', 'category-add-child')).toBeNull()
    expect(button('城乡建设/住房保障/公租房', 'category-add-child')).toBeNull() // three levels at most
    expect(node('交通运输').textContent).not.toContain('已停用')
    expect(wrapper.find('[data-testid="category-rules"]').text()).toContain('找不到改名前的工单')
    wrapper.unmount()
  })

  it('adds a child under a node and renames a node by its path', async () => {
    const wrapper = await mountPage()
    button('城乡建设/住房保障', 'category-add-child').click()
    await flushPromises()
    expect(document.querySelector('[data-testid="category-dialog-where"]')?.textContent).toContain('城乡建设/住房保障')
    nameInput().value = ' 廉租房 '
    nameInput().dispatchEvent(new Event('input'))
    saveButton().click()
    await settle()
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/categories')?.body).toEqual({ parent: '城乡建设/住房保障', name: '廉租房' })
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/categories')).toHaveLength(2) // reloaded

    button('城乡建设/住房保障', 'category-rename').click()
    await flushPromises()
    expect(nameInput().value).toBe('住房保障')
    nameInput().value = '住房'
    nameInput().dispatchEvent(new Event('input'))
    saveButton().click()
    await settle()
    expect(calls.find((c) => c.path === '/api/v1/categories/rename')?.body).toEqual({ path: '城乡建设/住房保障', name: '住房' })
    wrapper.unmount()
  })

  it('refuses a name with a slash before asking the server', async () => {
    const wrapper = await mountPage()
    ;(document.querySelector('[data-testid="category-add"]') as HTMLButtonElement).click()
    await flushPromises()
    nameInput().value = '城乡/建设'
    nameInput().dispatchEvent(new Event('input'))
    saveButton().click()
    await settle()
    expect(document.querySelector('.el-dialog .el-form-item')?.classList).toContain('is-error')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
    wrapper.unmount()
  })

  it('retires a node only after the confirmation', async () => {
    const wrapper = await mountPage()
    button('交通运输', 'category-retire').click()
    await settle()
    messageBoxButton('取消').click()
    await settle()
    expect(calls.some((c) => c.path === '/api/v1/categories/retire')).toBe(false)
    button('交通运输', 'category-retire').click()
    await settle()
    messageBoxButton('停用').click()
    await settle()
    expect(calls.find((c) => c.path === '/api/v1/categories/retire')?.body).toEqual({ path: '交通运输', retired: true })
    wrapper.unmount()
  })
})
