export const name = 'a lost connection shows itself, resumes by itself, and the queue is live again without a reload'

export async function run(world, assert) {
  const page = await world.signIn('dispatcher')
  await page.waitForURL(/\/desk\/dispatch/)
  await page.getByTestId('ticket-table').waitFor()
  await page.locator('.connection-dot[data-status="live"]').waitFor()
  const marker = await page.evaluate(() => (window.__marker = Math.random()))

  await world.stopServer()
  await page.getByTestId('connection-lost').waitFor({ timeout: 10000 })
  assert.match(await page.getByTestId('connection-lost').innerText(), /实时连接已断开/)
  await world.screenshot(page, 'connection-lost')
  await world.startServer()
  await page.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: 20000 })
  await page.locator('.connection-dot[data-status="live"]').waitFor({ timeout: 5000 })
  assert.equal(await page.evaluate(() => window.__marker), marker, 'no page reload')

  const title = `重连后实时到达 ${Date.now() % 100000}`
  const created = await world.api('agent', 'POST', '/api/v1/tickets', { type: 'complaint', channel: 'phone', title, text: `${title}，天河区石牌街道噪音` })
  await world.api('agent', 'POST', `/api/v1/tickets/${created.body.id}/submit`, {})
  await page.getByTestId('ticket-table').getByText(title).waitFor({ timeout: 5000 })
}
