import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    meta: { permissions: ['dashboard.view'], menu: { label: 'dashboard.nav', order: 10 } },
    component: () => import('./views/DashboardPage.vue'),
  },
]
export default routes
