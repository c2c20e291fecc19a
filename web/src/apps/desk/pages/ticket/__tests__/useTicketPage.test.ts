import { defineComponent, h, ref } from 'vue'
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { replaceClientForTests } from '@/shared/api/client'
import type { EventMessage, Ticket } from '@/shared/api/types'
import { useTicketPage } from '../composables/useTicketPage'

let historyCalls = 0
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(input instanceof Request ? input.url : String(input)).pathname
  if (path.endsWith('/history')) {
    historyCalls++
    return json({ items: [] })
  }
  return json({ id: 7, state: 'pending_review', version: 3, allowed_actions: ['review'] })
}

function host() {
  let page!: ReturnType<typeof useTicketPage>
  const wrapper = mount(defineComponent({
    setup() {
      page = useTicketPage({ id: ref(7), myUserId: () => 2 })
      void page.load()
      return () => h('div')
    },
  }))
  return { wrapper, page: () => page }
}

const message = (extra: Partial<EventMessage>): EventMessage =>
  ({ type: 'event', ticket_id: 7, actor: 'agent', actor_id: 1, ticket: { id: 7, state: 'registered', version: 4, allowed_actions: ['correct'] } as Ticket, ...extra }) as EventMessage

describe('useTicketPage live updates', () => {
  beforeEach(() => {
    replaceClientForTests(fakeFetch as typeof fetch)
    historyCalls = 0
  })

  it('takes the ticket an event carries, refetches the history and says who changed it', async () => {
    const { page } = host()
    await flushPromises()
    expect(page().status.value).toBe('ready')
    const before = historyCalls
    page().onEvent(message({}))
    await flushPromises()
    expect(page().ticket.value?.state).toBe('registered')
    expect(page().actions.value).toEqual(['correct'])
    expect(historyCalls).toBe(before + 1)
    expect(page().notice.value?.actor).toBe('agent')
  })

  it('ignores other tickets and older versions; no notice for the user’s own action', async () => {
    const { page } = host()
    await flushPromises()
    page().onEvent(message({ ticket_id: 8 }))
    expect(page().ticket.value?.version).toBe(3)
    page().onEvent(message({ ticket: { id: 7, version: 2, state: 'registered' } as Ticket }))
    expect(page().ticket.value?.version).toBe(3)
    page().onEvent(message({ actor_id: 2, actor: 'dispatcher' }))
    expect(page().ticket.value?.version).toBe(4)
    expect(page().notice.value).toBeNull()
  })
})
