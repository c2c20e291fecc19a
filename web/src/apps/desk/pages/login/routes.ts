import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', meta: { permissions: [], public: true }, component: () => import('./views/LoginPage.vue') },
]
export default routes
