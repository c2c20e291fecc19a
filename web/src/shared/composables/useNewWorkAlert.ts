// New work while the tab is hidden (an agent on another window, a handler in another system): the
// tab's title counts it ("(3) …"), the favicon gets a red badge, a short tone sounds and, when the
// user allowed it, a browser notification names the ticket. Nothing happens while the tab is
// visible: the live list already shows the row. Coming back to the tab clears the count.
import { onBeforeUnmount, ref } from 'vue'
import type { Ticket } from '../api/types'
import { t } from '../i18n'

export interface AlertEnv {
  doc: Document
  notify?: (title: string, body: string) => void
  tone?: () => void
}

function defaultNotify(title: string, body: string) {
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body })
}

function defaultTone() {
  try {
    const Ctx = (window as unknown as { AudioContext?: typeof AudioContext }).AudioContext
    if (!Ctx) return
    const ctx = new Ctx()
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.frequency.value = 880
    gain.gain.value = 0.05
    osc.connect(gain).connect(ctx.destination)
    osc.start()
    osc.stop(ctx.currentTime + 0.15)
    osc.onended = () => void ctx.close()
  } catch {
    /* no audio: the title and the badge still tell */
  }
}

function badgeIcon(doc: Document, count: number): string | null {
  const canvas = doc.createElement('canvas')
  canvas.width = canvas.height = 32
  const g = canvas.getContext?.('2d')
  if (!g) return null
  g.fillStyle = '#c0392b'
  g.fillRect(0, 0, 32, 32)
  g.fillStyle = '#ffd666'
  g.beginPath()
  g.arc(22, 10, 10, 0, Math.PI * 2)
  g.fill()
  g.fillStyle = '#000'
  g.font = 'bold 14px sans-serif'
  g.textAlign = 'center'
  g.fillText(count > 9 ? '9+' : String(count), 22, 15)
  return canvas.toDataURL('image/png')
}

export function useNewWorkAlert(env: AlertEnv = { doc: document }) {
  const doc = env.doc
  const unseen = ref(0)
  let baseTitle = doc.title
  const icon = () => doc.querySelector<HTMLLinkElement>('link[rel="icon"]')
  let baseIcon = icon()?.href ?? ''

  function clear() {
    if (!unseen.value) return
    unseen.value = 0
    doc.title = baseTitle
    const link = icon()
    if (link && baseIcon) link.href = baseIcon
  }

  function notify(ticket: Ticket) {
    if (doc.visibilityState !== 'hidden') return
    if (!unseen.value) {
      baseTitle = doc.title
      baseIcon = icon()?.href ?? baseIcon
    }
    unseen.value++
    doc.title = `(${unseen.value}) ${baseTitle}`
    const link = icon()
    const badge = badgeIcon(doc, unseen.value)
    if (link && badge) link.href = badge
    ;(env.notify ?? defaultNotify)(t('alerts.newWork'), `#${ticket.id} ${ticket.title ?? ''}`)
    ;(env.tone ?? defaultTone)()
  }

  const onVisible = () => doc.visibilityState === 'visible' && clear()
  doc.addEventListener('visibilitychange', onVisible)
  onBeforeUnmount(() => {
    doc.removeEventListener('visibilitychange', onVisible)
    clear()
  })

  return { unseen, notify, clear }
}
