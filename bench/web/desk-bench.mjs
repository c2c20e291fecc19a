// The desk's targets (issue 12), measured against a real `hotline serve` on a fresh demo database
// in Debian's headless Chromium:
//   1. JavaScript for the login page plus the agent desk, gzipped (the chunk graph of Vite's
//      manifest: the entry, the two pages and everything they import, statically or not at first
//      paint); target < 350 KB.
//   2. The agent desk interactive after navigation (a signed-in user opening /desk/agent in a new
//      browser context, cold cache; the time from navigation start, by performance.now(), until
//      the title field is visible and enabled); median of N, target < 1.5 s.
//   3. A ticket submitted by the agent (API) appearing in the dispatcher's open queue (DOM
//      observed in the page; from just before the submit request); median of N, target < 1 s.
// Usage: node bench/web/desk-bench.mjs [runs=10]   (build web/dist and build/src/cli/hotline first)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { startWorld, webDir } from '../../web/e2e/harness.mjs'

const runs = Number(process.argv[2] ?? 10)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// 1. bundle size
const dist = join(webDir, 'dist')
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
const closure = (keys, seen = new Set()) => {
  for (const key of keys) {
    if (seen.has(key)) continue
    seen.add(key)
    closure(manifest[key]?.imports ?? [], seen)
  }
  return seen
}
// The desk's entry (index.html); the build has a second one, the citizens' portal (portal.html).
const page = (name) => Object.keys(manifest).find((k) => k.endsWith(`/${name}.vue`))
const sizes = (keys) => {
  let raw = 0
  let gz = 0
  for (const key of keys) {
    const file = manifest[key].file
    if (!file.endsWith('.js')) continue
    const data = readFileSync(join(dist, file))
    raw += data.length
    gz += gzipSync(data, { level: 9 }).length
  }
  return `${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (${keys.size} chunks)`
}
console.log(`bundle: login + agent desk JS ${sizes(closure(['index.html', page('LoginPage'), page('AgentDeskPage')].filter(Boolean)))}`)
// The portal at first paint (its entry and static imports; the proof-of-work worker comes on submit).
console.log(`bundle: portal JS ${sizes(closure(['portal.html']))}`)

const world = await startWorld()
try {
  // 2. interactive
  const token = await world.token('agent')
  const times = []
  for (let i = 0; i < runs; i++) {
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 } })
    await context.addInitScript((t) => localStorage.setItem('hotline.token', t), token)
    const p = await context.newPage()
    await p.goto(`${world.baseURL}/desk/agent`)
    await p.getByLabel('标题', { exact: true }).first().waitFor({ state: 'visible' })
    await p.waitForFunction(() => {
      const input = document.querySelector('input[aria-label="标题"], textarea[aria-label="标题"], #ticket-title, [data-testid="title"] input')
      return !input || !(input).disabled
    })
    times.push(await p.evaluate(() => performance.now()))
    await context.close()
  }
  console.log(`interactive: agent desk median ${median(times).toFixed(0)} ms over ${runs} (${times.map((t) => t.toFixed(0)).join(', ')})`)

  // 3. live arrival in the dispatcher's queue
  const dispatcher = await world.signIn('dispatcher')
  await dispatcher.goto(`${world.baseURL}/desk/dispatch`)
  await dispatcher.getByTestId('ticket-table').first().waitFor()
  await dispatcher.waitForTimeout(1000)
  const delays = []
  const call = async (method, path, body) => {
    const r = await fetch(`${world.apiURL}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    return r.json()
  }
  for (let i = 0; i < runs; i++) {
    const title = `实时到达测试 ${Date.now()} #${i}`
    await dispatcher.evaluate((wanted) => {
      window.__arrived = undefined
      const observer = new MutationObserver(() => {
        if (document.body.innerText.includes(wanted)) {
          window.__arrived = Date.now()
          observer.disconnect()
        }
      })
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    }, title)
    const created = await call('POST', '/api/v1/tickets', { type: 'complaint', channel: 'phone', title, text: `${title}：天河区石牌街道夜间施工噪音扰民` })
    const sent = Date.now()
    const submitted = await call('POST', `/api/v1/tickets/${created.id}/submit`, {})
    if (!submitted.id) throw new Error(`submit: ${JSON.stringify(submitted)}`)
    await dispatcher.waitForFunction(() => window.__arrived !== undefined, null, { timeout: 10000 })
    const arrived = await dispatcher.evaluate(() => window.__arrived)
    delays.push(arrived - sent)
  }
  console.log(`live: submitted ticket in the dispatcher's queue median ${median(delays).toFixed(0)} ms over ${runs} (${delays.join(', ')}; from just before the submit request)`)
} finally {
  await world.stop()
}
