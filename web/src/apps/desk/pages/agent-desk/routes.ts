import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'agent',
    name: 'agent-desk',
    meta: { permissions: ['ticket.register'], menu: { label: 'nav.agentDesk', order: 10 } },
    component: () => import('./views/AgentDeskPage.vue'),
  },
]
export default routes
