// The journeys' world: a fresh demo database, a real `hotline serve` on 127.0.0.1 serving the built
// desk (web/dist) at /desk/, and Debian's Chromium driven by playwright-core.
// E2E_VIA_VITE=1 serves the desk with `vite preview` proxying /api to the server instead (for
// working on the screens before the server serves them).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, existsSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const webDir = resolve(fileURLToPath(new URL('..', import.meta.url)))
export const repoDir = resolve(webDir, '..')
export const screenshotDir = join(repoDir, 'docs', 'screenshots')
export const PASSWORD = 'hotline-demo'

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.unref()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => ok(port))
    })
  })
}

async function waitForHttp(url, ms, child) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.status < 500) return
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer within ${ms} ms`)
}

export async function startWorld({ tickets = 3000 } = {}) {
  const bin = process.env.HOTLINE_BIN ?? join(repoDir, 'build', 'src', 'cli', 'hotline')
  if (!existsSync(bin)) throw new Error(`no hotline binary at ${bin} (build it, or set HOTLINE_BIN)`)
  if (!existsSync(join(webDir, 'dist', 'index.html'))) throw new Error('web/dist is not built: run `npm run build` in web/')
  const dir = mkdtempSync(join(tmpdir(), 'hotline-e2e-'))
  const db = join(dir, 'hotline.db')
  const seeded = spawnSync(bin, ['demo', '--db', db, '--force', '--no-serve', '--tickets', String(tickets), '--data', join(repoDir, 'data')], { encoding: 'utf8' })
  if (seeded.status !== 0) throw new Error(`hotline demo failed: ${seeded.stderr}`)
  const apiPort = await freePort()
  const viaVite = process.env.E2E_VIA_VITE === '1'
  const serveArgs = ['serve', '--db', db, '--listen', `127.0.0.1:${apiPort}`]
  if (!viaVite) serveArgs.push('--web-root', join(webDir, 'dist'))
  let serverLog = ''
  let server = null
  const startServer = async () => {
    server = spawn(bin, serveArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
    server.stderr.on('data', (d) => (serverLog = (serverLog + d).slice(-20000)))
    await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, 20000, server)
  }
  const stopServer = async () => {
    const child = server
    if (child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  await startServer()
  let baseURL = `http://127.0.0.1:${apiPort}`
  let preview = null
  if (viaVite) {
    const port = await freePort()
    preview = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: webDir,
      env: { ...process.env, HOTLINE_API: `http://127.0.0.1:${apiPort}` },
      stdio: 'ignore',
    })
    baseURL = `http://127.0.0.1:${port}`
    await waitForHttp(`${baseURL}/desk/`, 20000, preview)
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  })
  mkdirSync(screenshotDir, { recursive: true })
  // Every page of every context is watched: a Content-Security-Policy violation or an uncaught
  // error fails the journey that caused it (run.mjs reads and clears `problems`).
  const problems = []
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply|connect)/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('dialog', (d) => {
      problems.push(`unexpected dialog: ${d.message()}`)
      void d.dismiss()
    })
  }
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    context.on('page', watch)
    return context
  }
  const world = {
    problems,
    baseURL,
    apiURL: `http://127.0.0.1:${apiPort}`,
    browser,
    db,
    serverLog: () => serverLog,
    // A new browser context (own storage: own session) at 1366×768, signed in as `username`.
    async signIn(username, { viewport = { width: 1366, height: 768 } } = {}) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
      const page = await context.newPage()
      await page.goto(`${baseURL}/desk/login`)
      await page.getByLabel('用户名').fill(username)
      await page.getByLabel('密码').fill(PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 10000 })
      return page
    },
    // A token for API calls made by the test itself (setting up data, forcing forbidden actions).
    async token(username) {
      const r = await fetch(`${world.apiURL}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      })
      if (!r.ok) throw new Error(`login ${username}: ${r.status}`)
      return (await r.json()).token
    },
    async api(username, method, path, body) {
      const token = await world.token(username)
      const r = await fetch(`${world.apiURL}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await r.text()
      return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers }
    },
    // Takes a ticket through lifecycle actions, [user, action, body] each; throws on the first
    // that does not answer 200, naming it and the server's answer.
    async walk(id, steps) {
      for (const [user, action, body] of steps) {
        const r = await world.api(user, 'POST', `/api/v1/tickets/${id}/${action}`, body)
        if (r.status !== 200) throw new Error(`${action} by ${user}: ${r.status} ${JSON.stringify(r.body)}`)
      }
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
    },
    // Stops the server (SIGTERM) and starts it again on the same port and database.
    stopServer,
    startServer,
    async stop() {
      await browser.close().catch(() => {})
      preview?.kill('SIGTERM')
      await stopServer()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return world
}
