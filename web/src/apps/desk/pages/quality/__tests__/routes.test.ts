import { describe, expect, it } from 'vitest'
import routes from '../routes'
import { roleHas } from '@/shared/permissions'

const need = (name: string) => routes.find((r) => r.name === name)?.meta?.permissions ?? []

describe('quality routes', () => {
  it('lets supervisors and managers inspect, agents read their own, admins edit settings', () => {
    expect(roleHas('supervisor', need('quality'))).toBe(true)
    expect(roleHas('manager', need('quality'))).toBe(true)
    expect(roleHas('agent', need('quality'))).toBe(false)
    expect(roleHas('agent', need('quality-mine'))).toBe(true)
    expect(roleHas('supervisor', need('quality-mine'))).toBe(false)
    expect(roleHas('admin', need('quality-admin'))).toBe(true)
    expect(roleHas('supervisor', need('quality-admin'))).toBe(false)
  })
})
