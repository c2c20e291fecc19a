import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'tickets/:id(\\d+)',
    name: 'ticket',
    meta: { permissions: ['ticket.read'] },
    component: () => import('./views/TicketPage.vue'),
  },
]
export default routes
