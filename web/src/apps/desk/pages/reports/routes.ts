import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'reports',
    name: 'reports',
    meta: { permissions: ['reports.view'], menu: { label: 'reports.nav', order: 15 } },
    component: () => import('./views/ReportsPage.vue'),
  },
]
export default routes
