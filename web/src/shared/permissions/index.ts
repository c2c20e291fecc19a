// What each role may open in the desk. Routes declare `meta.permissions`; menus and buttons use
// `hasPermission`. Which action a ticket allows is never decided here: that is the server's
// `allowed_actions`, from its transition table.
import type { Role } from '../api/types'

export type Permission =
  | 'ticket.read'
  | 'ticket.register'
  | 'ticket.list'
  | 'dispatch.queue'
  | 'unit.inbox'
  | 'callback.queue'
  | 'supervision.board'
  | 'dashboard.view'
  | 'reports.view'
  | 'reports.evaluate'
  | 'admin.manage'
  | 'audit.view'
  | 'notifications.view'
  | 'quality.score'
  | 'quality.own'
  | 'quality.admin'

const byRole: Record<Role, readonly Permission[]> = {
  agent: ['ticket.read', 'ticket.list', 'ticket.register', 'quality.own'],
  dispatcher: ['ticket.read', 'ticket.list', 'dispatch.queue'],
  unit_handler: ['ticket.read', 'ticket.list', 'unit.inbox'],
  callback_agent: ['ticket.read', 'ticket.list', 'callback.queue'],
  supervisor: ['ticket.read', 'ticket.list', 'supervision.board', 'dashboard.view', 'reports.view', 'audit.view', 'notifications.view', 'quality.score'],
  manager: ['ticket.read', 'ticket.list', 'dashboard.view', 'reports.view', 'reports.evaluate', 'audit.view', 'quality.score'],
  admin: ['admin.manage', 'audit.view', 'notifications.view', 'dashboard.view', 'reports.view', 'reports.evaluate', 'quality.admin'],
}

export function permissionsOf(role: Role | undefined | null): readonly Permission[] {
  return role ? (byRole[role] ?? []) : []
}

export function roleHas(role: Role | undefined | null, needed: readonly Permission[]): boolean {
  const granted = permissionsOf(role)
  return needed.every((p) => granted.includes(p))
}

// Where each role lands after signing in (a route name).
export const homeOf: Record<Role, string> = {
  agent: 'agent-desk',
  dispatcher: 'dispatch',
  unit_handler: 'unit-portal',
  callback_agent: 'callback',
  supervisor: 'supervision',
  manager: 'dashboard',
  admin: 'admin-accounts',
}
