import { describe, expect, it } from 'vitest'
import zhUnit from '@/shared/i18n/locales/zh-CN/unitPortal.json'
import enUnit from '@/shared/i18n/locales/en/unitPortal.json'
import zhCallback from '@/shared/i18n/locales/zh-CN/callback.json'
import enCallback from '@/shared/i18n/locales/en/callback.json'

function keys(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix]
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort()
}

describe('the unit portal and callback texts', () => {
  it('have the same keys in both locales', () => {
    expect(keys(enUnit)).toEqual(keys(zhUnit))
    expect(keys(enCallback)).toEqual(keys(zhCallback))
  })
  it('sit under one top-level key each', () => {
    expect(Object.keys(zhUnit)).toEqual(['unitPortal'])
    expect(Object.keys(zhCallback)).toEqual(['callback'])
  })
})
