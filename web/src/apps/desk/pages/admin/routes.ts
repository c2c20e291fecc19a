import type { RouteRecordRaw } from 'vue-router'

// 系统管理: accounts, units, dispatch catalogue, calendar, categories (admins), the settings and the
// audit trail (admins, managers, supervisors), the SMS outbox (admins, supervisors). /desk/admin
// opens the accounts.
const routes: RouteRecordRaw[] = [
  { path: 'admin', name: 'admin', meta: { permissions: ['admin.manage'] }, redirect: { name: 'admin-accounts' } },
  {
    path: 'admin/accounts',
    name: 'admin-accounts',
    meta: { permissions: ['admin.manage'], menu: { label: 'admin.nav.admin', order: 80 } },
    component: () => import('./views/AccountsPage.vue'),
  },
  { path: 'admin/units', name: 'admin-units', meta: { permissions: ['admin.manage'] }, component: () => import('./views/UnitsPage.vue') },
  { path: 'admin/catalogue', name: 'admin-catalogue', meta: { permissions: ['admin.manage'] }, component: () => import('./views/CataloguePage.vue') },
  { path: 'admin/calendar', name: 'admin-calendar', meta: { permissions: ['admin.manage'] }, component: () => import('./views/CalendarPage.vue') },
  { path: 'admin/categories', name: 'admin-categories', meta: { permissions: ['admin.manage'] }, component: () => import('./views/CategoriesPage.vue') },
  // Read by managers and supervisors too (dashboard.view); only admins save (checked by the server).
  { path: 'admin/settings', name: 'admin-settings', meta: { permissions: ['dashboard.view'] }, component: () => import('./views/SettingsPage.vue') },
  {
    path: 'admin/audit',
    name: 'audit',
    meta: { permissions: ['audit.view'], menu: { label: 'admin.nav.audit', order: 85 } },
    component: () => import('./views/AuditPage.vue'),
  },
  {
    path: 'admin/outbox',
    name: 'admin-outbox',
    meta: { permissions: ['notifications.view'] },
    component: () => import('./views/OutboxPage.vue'),
  },
]
export default routes
