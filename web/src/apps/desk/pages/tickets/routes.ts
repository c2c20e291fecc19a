import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'tickets',
    name: 'tickets',
    meta: { permissions: ['ticket.list'], menu: { label: 'nav.tickets', order: 90 } },
    component: () => import('./views/TicketListPage.vue'),
  },
]
export default routes
