import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: 'start', name: 'landing', meta: { permissions: [] }, component: () => import('./views/NoDeskPage.vue') },
  { path: 'forbidden', name: 'forbidden', meta: { permissions: [] }, component: () => import('./views/ForbiddenPage.vue') },
  { path: 'no-desk', name: 'no-desk', meta: { permissions: [] }, component: () => import('./views/NoDeskPage.vue') },
  { path: ':rest(.*)*', name: 'not-found', meta: { permissions: [] }, component: () => import('./views/NotFoundPage.vue') },
]
export default routes
