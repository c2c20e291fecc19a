import { describe, expect, it } from 'vitest'
import { mergeMessages } from '../index'

const zh = mergeMessages(import.meta.glob('../locales/zh-CN/*.json', { eager: true }))
const en = mergeMessages(import.meta.glob('../locales/en/*.json', { eager: true }))

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('locales', () => {
  it('zh-CN and English have the same keys', () => {
    const zhKeys = new Set(keys(zh))
    const enKeys = new Set(keys(en))
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([])
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([])
  })

  it('every Chinese text is non-empty', () => {
    const empty = keys(zh).filter((k) => {
      const v = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)?.[part], zh)
      return typeof v !== 'string' || v.trim() === ''
    })
    expect(empty).toEqual([])
  })
})

describe('label', () => {
  it('names a dotted API field in Chinese', async () => {
    const { label } = await import('../index')
    expect(label('field', 'caller.phone')).toBe('电话')
    expect(label('state', 'no_such_state')).toBe('no_such_state')
  })
})
