import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../index'
import { homeOf, permissionsOf } from '@/shared/permissions'

function flatten(list: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return list.flatMap((r) => [r, ...flatten(r.children ?? [])])
}

describe('desk routes', () => {
  const all = flatten(routes)

  it('every named route declares meta.permissions', () => {
    const missing = all.filter((r) => r.name && !Array.isArray(r.meta?.permissions)).map((r) => String(r.name))
    expect(missing).toEqual([])
  })

  it('every page route is lazy-loaded', () => {
    const eager = all.filter((r) => r.name && r.component && typeof r.component !== 'function').map((r) => String(r.name))
    expect(eager).toEqual([])
  })

  it("every role's home is a route that role may open", () => {
    for (const [role, home] of Object.entries(homeOf)) {
      const route = all.find((r) => r.name === home)
      expect(route, `${role} lands on ${home}`).toBeDefined()
      const needed = route?.meta?.permissions ?? []
      const granted = permissionsOf(role as keyof typeof homeOf)
      expect(needed.every((p) => granted.includes(p)), `${role} may open ${home}`).toBe(true)
    }
  })
})
