import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'dispatch',
    name: 'dispatch',
    meta: { permissions: ['dispatch.queue'], menu: { label: 'nav.dispatch', order: 20 } },
    component: () => import('./views/DispatchPage.vue'),
  },
]
export default routes
