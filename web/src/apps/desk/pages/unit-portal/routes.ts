import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'unit',
    name: 'unit-portal',
    meta: { permissions: ['unit.inbox'], menu: { label: 'nav.unitPortal', order: 30 } },
    component: () => import('./views/UnitPortalPage.vue'),
  },
]
export default routes
