import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'callback',
    name: 'callback',
    meta: { permissions: ['callback.queue'], menu: { label: 'nav.callback', order: 40 } },
    component: () => import('./views/CallbackPage.vue'),
  },
]
export default routes
