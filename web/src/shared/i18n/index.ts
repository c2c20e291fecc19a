// The one module that switches the language: vue-i18n's messages, Element Plus' locale (read by
// ElConfigProvider in App.vue) and dayjs together. zh-CN is the default and the fallback and is
// bundled; English is loaded on demand. Each feature keeps its texts in its own JSON file per
// locale (locales/<locale>/<domain>.json), under one top-level key named for the domain.
import { createI18n } from 'vue-i18n'
import { ref, shallowRef, type Ref } from 'vue'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import zhCnElement from 'element-plus/es/locale/lang/zh-cn'
import type { Language } from 'element-plus/es/locale'

export type Locale = 'zh-CN' | 'en'
export const locales: Locale[] = ['zh-CN', 'en']
type Messages = Record<string, unknown>

export function mergeMessages(files: Record<string, { default: Messages } | Messages>): Messages {
  const out: Messages = {}
  for (const mod of Object.values(files)) {
    const messages = ('default' in mod ? mod.default : mod) as Messages
    for (const [key, value] of Object.entries(messages)) {
      out[key] = { ...((out[key] as Messages) ?? {}), ...(value as Messages) }
    }
  }
  return out
}

const zhFiles = import.meta.glob<{ default: Messages }>('./locales/zh-CN/*.json', { eager: true })
const enLoaders = import.meta.glob<{ default: Messages }>('./locales/en/*.json')

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': mergeMessages(zhFiles) } as never,
  missingWarn: false,
  fallbackWarn: false,
})

export const currentLocale = ref<Locale>('zh-CN')
export const elementLocale = shallowRef<Language>(zhCnElement)
const STORAGE_KEY = 'hotline.locale'

export async function setLocale(locale: Locale): Promise<void> {
  if (locale === 'en') {
    if (!i18n.global.availableLocales.includes('en')) {
      const files = await Promise.all(Object.values(enLoaders).map((load) => load()))
      i18n.global.setLocaleMessage('en', mergeMessages(Object.fromEntries(files.map((f, i) => [i, f]))) as never)
    }
    const element = await import('element-plus/es/locale/lang/en')
    elementLocale.value = element.default
    dayjs.locale('en')
  } else {
    elementLocale.value = zhCnElement
    dayjs.locale('zh-cn')
  }
  ;(i18n.global.locale as unknown as Ref<string>).value = locale
  currentLocale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function savedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'zh-CN') return saved
  } catch {
    /* ignore */
  }
  return 'zh-CN'
}

type Translator = { t: (key: string, params?: Record<string, unknown>) => string; te: (key: string, locale?: string) => boolean }
const g = i18n.global as unknown as Translator

export const localeRef = i18n.global.locale as unknown as Ref<string>

export const t = (key: string, params?: Record<string, unknown>): string => (params ? g.t(key, params) : g.t(key))

// The text of a vocabulary value (`state.closed`), or the value itself when the server sends a
// value this build does not know. A dotted field name from the API ("caller.phone") is looked up
// as one key ("caller_phone"): vue-i18n reads dots as nesting.
export function label(domain: string, value: string | undefined | null): string {
  if (!value) return ''
  const key = `${domain}.${value.replace(/\./g, '_')}`
  return g.te(key) || g.te(key, 'zh-CN') ? g.t(key) : value
}
