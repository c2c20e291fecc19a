import type { RouteRecordRaw } from 'vue-router'

// 系统管理: accounts, units, the dispatch catalogue, the calendar (admins) and the audit trail
// (admins, managers, supervisors). One route per tab so each is lazy and linkable.
const manage = { permissions: ['admin.manage' as const] }
const routes: RouteRecordRaw[] = [
  {
    path: 'admin/accounts',
    name: 'admin-accounts',
    meta: { ...manage, menu: { label: 'nav.admin', order: 90 } },
    component: () => import('./views/AccountsPage.vue'),
  },
  { path: 'admin/units', name: 'admin-units', meta: manage, component: () => import('./views/UnitsPage.vue') },
  { path: 'admin/catalogue', name: 'admin-catalogue', meta: manage, component: () => import('./views/CataloguePage.vue') },
  { path: 'admin/calendar', name: 'admin-calendar', meta: manage, component: () => import('./views/CalendarPage.vue') },
  {
    path: 'admin/audit',
    name: 'admin-audit',
    meta: { permissions: ['audit.view'], menu: { label: 'nav.audit', order: 91 } },
    component: () => import('./views/AuditPage.vue'),
  },
]
export default routes
