// The signed-in user: token, identity, role and unit. The token is kept in localStorage so a reload
// or a second tab stays signed in; signing out (or a 401 from the API) forgets it.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '../api/client'
import type { Me, Role } from '../api/types'
import { permissionsOf, roleHas, type Permission } from '../permissions'

const TOKEN_KEY = 'hotline.token'

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(readToken())
  const me = ref<Me | null>(null)
  const role = computed<Role | undefined>(() => me.value?.role as Role | undefined)
  const permissions = computed(() => permissionsOf(role.value))

  function remember(next: string | null) {
    token.value = next
    try {
      if (next) localStorage.setItem(TOKEN_KEY, next)
      else localStorage.removeItem(TOKEN_KEY)
    } catch {
      /* ignore */
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const { data } = await api.POST('/api/v1/auth/login', { body: { username, password } })
    if (!data?.token) throw new Error('login: no token')
    remember(data.token)
    await loadMe()
  }

  async function loadMe(): Promise<Me | null> {
    if (!token.value) return null
    const { data } = await api.GET('/api/v1/me')
    me.value = data ?? null
    return me.value
  }

  async function logout(): Promise<void> {
    try {
      if (token.value) await api.POST('/api/v1/auth/logout')
    } catch {
      /* the session may be gone already */
    }
    forget()
  }

  function forget() {
    remember(null)
    me.value = null
  }

  function hasPermission(...needed: Permission[]): boolean {
    return roleHas(role.value, needed)
  }

  return { token, me, role, permissions, login, loadMe, logout, forget, hasPermission }
})
