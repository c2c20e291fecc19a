export const name = 'lists: filters live in the URL (bookmarkable), cursor paging, virtualised rows'

export async function run(world, assert) {
  const page = await world.signIn('manager')
  if (process.env.E2E_DEBUG) page.on('requestfinished', (r) => r.url().includes('/api/v1/tickets') && console.log('req', r.url()))
  await page.goto(`${world.baseURL}/desk/tickets?state=closed&type=complaint`)
  const table = page.getByTestId('ticket-table')
  await table.waitFor()
  await page.locator('[data-state]').first().waitFor()
  const states = await page.locator('.el-table-v2__row [data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
  assert.ok(states.length > 0, 'closed complaints are listed')
  assert.ok(states.every((s) => s === 'closed'), `only closed rows: ${states}`)
  await world.screenshot(page, 'ticket-list')

  // A reload keeps the view: the filters are in the URL.
  await page.reload()
  await page.locator('.el-table-v2__row [data-state]').first().waitFor()
  assert.match(page.url(), /state=closed/)

  // Scrolling to the end loads the next page by cursor; only the visible rows are in the DOM.
  await page.goto(`${world.baseURL}/desk/tickets`)
  await page.locator('.el-table-v2__row').first().waitFor()
  const countText = async () => page.getByText(/^共 \d+ 条/).innerText()
  const before = await countText()
  for (let i = 0; i < 8; i++) {
    const box = await table.boundingBox()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.wheel(0, 6000)
    await page.waitForTimeout(400)
  }
  const after = await countText()
  const loaded = Number(/\d+/.exec(after)[0])
  assert.ok(loaded > Number(/\d+/.exec(before)[0]), `more rows after scrolling: ${before} -> ${after}`)
  const inDom = await page.locator('.el-table-v2__row').count()
  assert.ok(inDom < 60, `virtualised: ${inDom} rows in the DOM for ${loaded} loaded`)
}
