import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'supervision',
    name: 'supervision',
    meta: { permissions: ['supervision.board'], menu: { label: 'nav.supervision', order: 50 } },
    component: () => import('./views/SupervisionPage.vue'),
  },
]
export default routes
