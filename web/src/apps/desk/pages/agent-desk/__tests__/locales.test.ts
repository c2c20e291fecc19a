import { describe, expect, it } from 'vitest'
import zh from '@/shared/i18n/locales/zh-CN/agentDesk.json'
import en from '@/shared/i18n/locales/en/agentDesk.json'

const keys = (o: unknown, prefix = ''): string[] =>
  o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)]

describe('agentDesk texts', () => {
  it('has the same keys in zh-CN and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
    for (const k of keys(zh)) expect(k.split('.').reduce<any>((o, p) => o[p], zh)).not.toBe('')
  })
})
