import { describe, expect, it } from 'vitest'
import { checkPhoto, emptyForm, requestBody, validate, type PortalForm } from '../form'
import zhCN from '../locales/zh-CN.json'
import en from '../locales/en.json'

function filled(overrides: Partial<PortalForm> = {}): PortalForm {
  return {
    ...emptyForm(),
    type: 'complaint',
    text: '五山路夜间施工噪音扰民',
    district: '440106',
    street: '440106001',
    address: '五山路 100 号',
    name: '陈女士',
    phone: '138 0013 8000',
    consent: true,
    ...overrides,
  }
}

describe('validate', () => {
  it('accepts a complete form', () => {
    expect(validate(filled())).toEqual({})
  })
  it('names every missing field of an empty form', () => {
    expect(Object.keys(validate(emptyForm())).sort()).toEqual(
      ['consent', 'name', 'phone', 'place.address', 'place.district', 'place.street', 'text', 'type'].sort(),
    )
  })
  it('counts characters, not UTF-16 units, and trims', () => {
    expect(validate(filled({ text: '    噪音扰    ' })).text).toBe('textShort')
    expect(validate(filled({ text: '噪音扰民了' })).text).toBeUndefined()
    expect(validate(filled({ text: '𠀀'.repeat(2000) })).text).toBeUndefined()
    expect(validate(filled({ text: '字'.repeat(2001) })).text).toBe('textLong')
    expect(validate(filled({ name: '陈'.repeat(21) })).name).toBe('nameLong')
  })
  it('wants a mainland mobile number', () => {
    expect(validate(filled({ phone: '12800138000' })).phone).toBe('phone')
    expect(validate(filled({ phone: '1380013800' })).phone).toBe('phone')
    expect(validate(filled({ phone: '020-83838383' })).phone).toBe('phone')
    expect(validate(filled({ phone: '139-0000-0000' })).phone).toBeUndefined()
  })
  it('refuses without consent', () => {
    expect(validate(filled({ consent: false }))).toEqual({ consent: 'consent' })
  })
})

describe('checkPhoto', () => {
  it('takes JPEG, PNG and WebP up to 8 MB', () => {
    expect(checkPhoto({ type: 'image/jpeg', size: 1000 })).toBeNull()
    expect(checkPhoto({ type: 'image/webp', size: 8 * 1024 * 1024 })).toBeNull()
    expect(checkPhoto({ type: 'image/png', size: 8 * 1024 * 1024 + 1 })).toBe('photoSize')
    expect(checkPhoto({ type: 'image/gif', size: 10 })).toBe('photoType')
    expect(checkPhoto({ type: '', size: 10 })).toBe('photoType')
  })
})

describe('requestBody', () => {
  it('sends the normalised phone, the place and the location only when both coordinates are known', () => {
    const body = requestBody(filled({ latitude: 23.13, longitude: null }), 'c', '7')
    expect(body.phone).toBe('13800138000')
    expect(body.place).toEqual({ district: '440106', street: '440106001', address: '五山路 100 号' })
    expect(body.challenge).toBe('c')
    expect(body.nonce).toBe('7')
    expect(requestBody(filled({ latitude: 23.13, longitude: 113.26 }), 'c', '7').place).toMatchObject({
      latitude: 23.13,
      longitude: 113.26,
    })
  })
})

describe('locales', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix]
  it('English has every Chinese key, and every validation message exists', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
    for (const message of Object.values(validate(emptyForm())))
      expect(Object.keys(zhCN.portal.errors)).toContain(message)
  })
})
