// The desk's router. Each page folder owns a `routes.ts` (collected here by a glob); every named
// route declares `meta.permissions`, and one guard sends a signed-out user to the login page and a
// user without the permissions to the 403 page. Every page is lazy-loaded.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import DeskLayout from '../layouts/DeskLayout.vue'
import { useSessionStore } from '@/shared/stores/session'
import { homeOf, roleHas, type Permission } from '@/shared/permissions'
import { useEventSocket } from '@/shared/realtime'

declare module 'vue-router' {
  interface RouteMeta {
    permissions: Permission[]
    public?: boolean
    menu?: { label: string; order: number; icon?: string }
    title?: string
  }
}

const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('../pages/*/routes.ts', { eager: true })
export const pageRoutes: RouteRecordRaw[] = Object.values(modules).flatMap((m) => m.default)

export const routes: RouteRecordRaw[] = [
  ...pageRoutes.filter((r) => r.meta?.public),
  {
    path: '/',
    component: DeskLayout,
    children: [
      { path: '', name: 'home', meta: { permissions: [] }, redirect: () => ({ name: 'landing' }) },
      ...pageRoutes.filter((r) => !r.meta?.public),
    ],
  },
]

export function createDeskRouter() {
  const router = createRouter({ history: createWebHistory('/desk/'), routes })
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (to.meta.public) return true
    if (!session.token) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    if (!session.me) {
      try {
        await session.loadMe()
      } catch {
        session.forget()
        return { name: 'login' }
      }
      if (!session.me) return { name: 'login' }
    }
    try {
      useEventSocket().start()
    } catch {
      /* tests without a socket */
    }
    if (to.name === 'landing') return { name: homeOf[session.role ?? 'admin'], replace: true }
    if (!roleHas(session.role, to.meta.permissions ?? [])) return { name: 'forbidden' }
    return true
  })
  return router
}
