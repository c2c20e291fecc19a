import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'quality',
    name: 'quality',
    meta: { permissions: ['quality.score'], menu: { label: 'quality.nav.inspect', order: 60 } },
    component: () => import('./views/QualityInspectPage.vue'),
  },
  {
    path: 'quality/mine',
    name: 'quality-mine',
    meta: { permissions: ['quality.own'], menu: { label: 'quality.nav.mine', order: 61 } },
    component: () => import('./views/MyQualityPage.vue'),
  },
  {
    path: 'quality/admin',
    name: 'quality-admin',
    meta: { permissions: ['quality.admin'], menu: { label: 'quality.nav.admin', order: 62 } },
    component: () => import('./views/QualityAdminPage.vue'),
  },
]
export default routes
