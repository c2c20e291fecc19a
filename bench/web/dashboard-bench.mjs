// The dashboard's target (issue 13): first paint with data under 1.5 s in headless Chromium, on the
// demo database and on one with a replayed year of KPI records. Against a real `hotline serve` on
// a fresh demo database (the journeys' harness); then `hotline replay-year --scale S` is loaded into
// the same database and the measurement repeated.
// First paint with data: a signed-in manager opens /desk/dashboard?month=M in a new browser
// context (cold cache); performance.now() (from navigation start) once today's intake count and all
// eight KPI cards show the server's figures ("—" for a KPI without records that month). Median of N runs per database.
// Also the two API calls behind it, timed from Node (median of N): GET /dashboard (GROUP BY over the
// tickets) and GET /reports/kpi (the counters).
// Usage: node bench/web/dashboard-bench.mjs [runs=10] [scale=1.0]
//   (build web/dist and build/src/cli/hotline first; HOTLINE_BIN names another binary)
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { startWorld, repoDir } from '../../web/e2e/harness.mjs'

const runs = Number(process.argv[2] ?? 10)
const scale = process.argv[3] ?? '1.0'
const bin = process.env.HOTLINE_BIN ?? join(repoDir, 'build', 'src', 'cli', 'hotline')
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms over ${xs.length} (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`

async function firstPaint(world, token, month) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    await context.addInitScript((t) => localStorage.setItem('hotline.token', t), token)
    const page = await context.newPage()
    await page.goto(`${world.baseURL}/desk/dashboard?month=${month}`)
    await page.waitForFunction(
      () => {
        const intake = document.querySelector('[data-testid="intake-count"]')
        const kpis = [...document.querySelectorAll('[data-testid^="kpi-"] [data-testid="kpi-month"]')]
        // A KPI without records that month shows "—" (a number from the server all the same).
        return intake && /^\d+$/.test(intake.textContent.trim()) && kpis.length === 8 && kpis.every((k) => /%$|^—$/.test(k.textContent.trim()))
      },
      null,
      { timeout: 20000, polling: 'raf' },
    )
    times.push(await page.evaluate(() => performance.now()))
    await context.close()
  }
  return times
}

async function apiTimes(world, token, path) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const r = await fetch(`${world.apiURL}${path}`, { headers: { Authorization: `Bearer ${token}` } })
    await r.arrayBuffer()
    if (!r.ok) throw new Error(`${path}: ${r.status}`)
    times.push(performance.now() - started)
  }
  return times
}

async function measure(world, label, month) {
  const token = await world.token('manager')
  const year = month.slice(0, 4)
  const paint = await firstPaint(world, token, month)
  const dashboard = await apiTimes(world, token, '/api/v1/dashboard')
  const kpi = await apiTimes(world, token, `/api/v1/reports/kpi?year=${year}`)
  console.log(`${label}: first paint with data ${fmt(paint)}`)
  console.log(`${label}: GET /api/v1/dashboard ${fmt(dashboard)}; GET /api/v1/reports/kpi?year=${year} ${fmt(kpi)}`)
}

const world = await startWorld()
try {
  // The demo's own KPI records are those its tickets wrote (this year).
  const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
  const tickets = spawnSync('sqlite3', [world.db, 'SELECT count(*) FROM tickets'], { encoding: 'utf8' }).stdout.trim()
  await measure(world, `demo DB (${tickets} tickets), KPIs of ${now}`, now)

  const started = Date.now()
  const replay = spawnSync(bin, ['replay-year', '--db', world.db, '--scale', scale, '--no-progress'], { encoding: 'utf8' })
  if (replay.status !== 0) throw new Error(`replay-year: ${replay.stderr}`)
  console.log(`${replay.stdout.trim()} (${((Date.now() - started) / 1000).toFixed(1)} s, server running)`)
  // A restart: the server opens the grown database as a deployment would (and no keep-alive
  // connection left idle through the replay is reused).
  await world.stopServer()
  await world.startServer()
  const size = spawnSync('du', ['-h', world.db], { encoding: 'utf8' }).stdout.split('\t')[0]
  console.log(`database now ${size}`)
  await measure(world, `after replay-year --scale ${scale}, KPIs of 2023-12`, '2023-12')
} catch (e) {
  console.log(`--- server log (tail) ---\n${world.serverLog().slice(-3000)}`)
  throw e
} finally {
  await world.stop()
}
