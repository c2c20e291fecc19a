// The portal's own vue-i18n instance: zh-CN by default, English on a switch, both bundled (a few
// KB); the desk's shared i18n is not used because it brings Element Plus and every desk text.
import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type PortalLocale = 'zh-CN' | 'en'
const STORAGE_KEY = 'hotline.portal.locale'

function saved(): PortalLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: saved(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function switchLocale(next?: PortalLocale): void {
  const current = i18n.global.locale.value as PortalLocale
  const target = next ?? (current === 'en' ? 'zh-CN' : 'en')
  i18n.global.locale.value = target
  document.documentElement.lang = target
  try {
    localStorage.setItem(STORAGE_KEY, target)
  } catch {
    /* private mode: the choice lasts for the page */
  }
}
