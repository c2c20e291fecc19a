// The accounts list and what an admin does to one account; each write answers the account as it is
// now, which replaces its row.
import { ref, shallowRef } from 'vue'
import { api } from '@/shared/api/client'
import type { components } from '@/shared/api/schema'
import type { Role, User } from '@/shared/api/types'

export type NewUser = components['schemas']['NewUser']

export const ROLES: Role[] = ['agent', 'dispatcher', 'unit_handler', 'callback_agent', 'supervisor', 'manager', 'admin']

export function useAccounts() {
  const users = shallowRef<User[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      const { data } = await api.GET('/api/v1/users')
      users.value = data?.items ?? []
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  function replace(user: User | undefined) {
    if (!user) return
    const i = users.value.findIndex((u) => u.id === user.id)
    users.value = i < 0 ? [...users.value, user] : users.value.map((u, j) => (j === i ? user : u))
  }

  async function create(input: NewUser) {
    const { data } = await api.POST('/api/v1/users', { body: input })
    replace(data)
    return data
  }
  async function changeRole(id: number, role: Role, unitId: string | undefined) {
    const { data } = await api.PUT('/api/v1/users/{id}/role', { params: { path: { id } }, body: { role, ...(unitId ? { unit_id: unitId } : {}) } })
    replace(data)
  }
  async function setActive(id: number, active: boolean) {
    const { data } = active
      ? await api.POST('/api/v1/users/{id}/reactivate', { params: { path: { id } } })
      : await api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })
    replace(data)
  }
  async function resetPassword(id: number, password: string) {
    await api.PUT('/api/v1/users/{id}/password', { params: { path: { id } }, body: { password } })
  }
  return { users, loading, error, load, create, changeRole, setActive, resetPassword }
}
