// The supervisor's quality page against a fake API: the agent to sample is picked from the active
// agents the server lists ("display name (username)"), and the draw sends that account's id.
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElOption, ElSelect } from 'element-plus'
import { i18n } from '@/shared/i18n'
import { replaceClientForTests } from '@/shared/api/client'
import QualityInspectPage from '../views/QualityInspectPage.vue'

let posted: unknown[] = []
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(String(input), init)
  const url = new URL(request.url)
  if (url.pathname === '/api/v1/quality/agents') {
    return json({ items: [{ id: 7, username: 'agent', display_name: '张敏' }, { id: 9, username: 'agent2', display_name: '' }] })
  }
  if (url.pathname === '/api/v1/quality/checklists') {
    return json({ items: [{ id: 3, name: '默认质检表', active: true, items: [{ key: 'greeting', label: '问候语', max_points: 10 }] }] })
  }
  if (url.pathname === '/api/v1/quality/samples' && request.method === 'POST') {
    posted.push(await request.json())
    return json({ items: [] }, 201)
  }
  return json({ items: [] })
}

describe('QualityInspectPage', () => {
  beforeEach(() => {
    posted = []
    replaceClientForTests(fakeFetch as typeof fetch)
  })

  it('offers the listed agents by name and draws for the one picked', async () => {
    const wrapper = mount(QualityInspectPage, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const select = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-testid') === 'agent-select')
    expect(select).toBeDefined()
    expect(select!.props('filterable')).toBe(true)
    expect(wrapper.get('label[for="q-agent"]').text()).toBe('话务员')
    const labels = select!.findAllComponents(ElOption).map((o) => o.props('label'))
    expect(labels).toEqual(['张敏 (agent)', 'agent2'])
    expect(wrapper.get('[data-testid="draw"]').attributes('disabled')).toBeDefined()
    select!.vm.$emit('update:modelValue', 7)
    await flushPromises()
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(posted).toHaveLength(1)
    expect(posted[0]).toMatchObject({ agent_id: 7, checklist_id: 3, size: 5 })
    wrapper.unmount()
  })
})
