// The dispatcher's main path: a ticket submitted by an agent arrives live in the pending queue,
// the dispatch dialog shows 3 unit suggestions with reasons, the ticket goes to 天河区; then two
// more are bulk-dispatched to one unit.
export const name = 'dispatcher sees a submitted ticket arrive live, dispatches it to 天河区 from the suggestions, bulk-dispatches two more'

async function registerAndSubmit(world, title, text) {
  const reg = await world.api('agent', 'POST', '/api/v1/tickets', {
    type: 'complaint',
    channel: 'phone',
    title,
    text,
    place: { district: '440106' },
    caller: { name: '陈先生', phone: '13800138000' },
  })
  if (reg.status !== 201 && reg.status !== 200) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`)
  const id = reg.body.id
  const started = Date.now()
  const sub = await world.api('agent', 'POST', `/api/v1/tickets/${id}/submit`, {})
  if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`)
  return { id, started }
}

export async function run(world, assert) {
  const page = await world.signIn('dispatcher')
  await page.waitForURL(/\/desk\/dispatch/)
  const table = page.getByTestId('ticket-table')
  // The pending queue has loaded (the journeys before this one may have emptied or refilled it).
  await table.locator('.el-table-v2__row, [data-testid="list-empty"]').first().waitFor({ timeout: 10000 })
  await page.waitForFunction(() => !document.querySelector('[data-testid="ticket-table"]')?.getAttribute('aria-busy')?.startsWith('t'))

  // Live arrival: submitted through the API as the agent, it appears without a reload.
  const stamp = Date.now().toString().slice(-6)
  const title = `天河区石牌街道垃圾无人清理 ${stamp}`
  const { id, started } = await registerAndSubmit(world, title, '天河区石牌街道小区垃圾堆放无人清理，气味很大，请尽快处理。')
  await table.getByText(title).waitFor({ timeout: 5000 })
  const arrivedMs = Date.now() - started
  console.log(`     arrival in the open pending queue: ${arrivedMs} ms`)
  assert.ok(arrivedMs < 3000, `the ticket appeared after ${arrivedMs} ms`)
  await world.screenshot(page, 'dispatch-centre')

  // The dispatch dialog: 3 suggestions with reasons, pick 天河区.
  await page.getByRole('checkbox', { name: `编号 ${id}` }).locator('..').click()
  await page.getByTestId('do-dispatch').click()
  const dialog = page.getByRole('dialog', { name: `派单：工单 #${id}` })
  await dialog.waitFor()
  const suggestions = dialog.getByTestId('suggestion')
  await suggestions.first().waitFor({ timeout: 10000 })
  assert.equal(await suggestions.count(), 3, 'three unit suggestions')
  const tianhe = suggestions.filter({ hasText: '天河区' })
  assert.ok((await tianhe.count()) >= 1, '天河区 is among the suggestions')
  assert.ok((await tianhe.first().locator('li').count()) >= 1, 'the suggestion gives its reasons')
  await tianhe.first().click()
  assert.equal(await tianhe.first().getAttribute('aria-checked'), 'true')
  await page.waitForTimeout(400)
  await world.screenshot(page, 'dispatch-dialog')
  await dialog.getByTestId('dispatch-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await table.getByText(title).waitFor({ state: 'detached', timeout: 5000 })
  const after = await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)
  assert.equal(after.body.state, 'dispatched')
  assert.equal(after.body.lead_unit, '440106')
  assert.equal(after.body.reviewed, true)

  // Bulk dispatch: two more, one unit for both.
  const more = []
  for (const n of [1, 2]) {
    const t = `天河区体育西路路灯不亮 ${stamp}-${n}`
    const { id: other } = await registerAndSubmit(world, t, '天河区体育西路路灯不亮，晚上很危险。')
    await table.getByText(t).waitFor({ timeout: 5000 })
    more.push(other)
  }
  for (const other of more) await page.getByRole('checkbox', { name: `编号 ${other}` }).locator('..').click()
  await page.getByTestId('do-dispatch').click()
  const bulk = page.getByRole('dialog', { name: /批量派单：2 件/ })
  await bulk.waitFor()
  await bulk.getByTestId('dispatch-submit').click()
  await bulk.getByText('请选择主办单位').waitFor()
  await bulk.getByTestId('lead-unit').click()
  await page.keyboard.type('天河区')
  await page.getByRole('option', { name: '天河区', exact: true }).click()
  await bulk.getByTestId('dispatch-submit').click()
  await bulk.waitFor({ state: 'hidden' })
  for (const other of more) {
    const t = await world.api('dispatcher', 'GET', `/api/v1/tickets/${other}`)
    assert.equal(t.body.state, 'dispatched')
    assert.equal(t.body.lead_unit, '440106')
  }
  // Both now wait in the "dispatched, not acknowledged" queue, live.
  await page.getByTestId('tab-dispatched').click()
  await page.waitForURL(/tab=dispatched/)
  await table.getByText(`天河区体育西路路灯不亮 ${stamp}-1`).waitFor({ timeout: 5000 })

  // Recall (reason required): the dialog refuses an empty reason, then the ticket goes back to review.
  const tick = (ticketId) => page.getByRole('checkbox', { name: `编号 ${ticketId}` }).locator('..').click()
  const ruling = async (action, reason) => {
    await page.getByTestId(`do-${action}`).click()
    const d = page.getByTestId('reason-dialog')
    await d.waitFor()
    if (reason) {
      await d.getByTestId('reason-submit').click()
      await d.getByText('请填写理由').waitFor()
      await d.getByLabel('理由').fill(reason)
    }
    await d.getByTestId('reason-submit').click()
    await d.waitFor({ state: 'hidden' })
  }
  await tick(more[1])
  await ruling('recall', '派错单位，撤回重派')
  await table.getByText(`天河区体育西路路灯不亮 ${stamp}-2`).waitFor({ state: 'detached', timeout: 5000 })
  assert.equal((await world.api('dispatcher', 'GET', `/api/v1/tickets/${more[1]}`)).body.state, 'pending_review')

  // A return asked by 天河区 arrives live in the returns queue; rejecting it needs a reason.
  await page.getByTestId('tab-returned').click()
  const ret = await world.api('tianhe', 'POST', `/api/v1/tickets/${id}/request_return`, { reason: '不属于本区职责' })
  assert.equal(ret.status, 200, JSON.stringify(ret.body))
  await table.getByText(title).waitFor({ timeout: 5000 })
  await tick(id)
  assert.equal(await page.getByTestId('do-recall').count(), 0, 'recall is not offered in the returns queue')
  await ruling('reject_return', '经核实属于天河区职责，请继续办理')
  await table.getByText(title).waitFor({ state: 'detached', timeout: 5000 })
  assert.equal((await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body.state, 'dispatched')

  // Rejection in review sends a ticket back for correction.
  await page.getByTestId('tab-pending').click()
  const badTitle = `地址不详的反映 ${stamp}`
  const { id: bad } = await registerAndSubmit(world, badTitle, '路灯坏了。')
  await table.getByText(badTitle).waitFor({ timeout: 5000 })
  await tick(bad)
  await page.getByTestId('do-review').click()
  const reject = page.getByTestId('reason-dialog')
  await reject.waitFor()
  await reject.getByLabel('理由').fill('地址不详，请补充具体位置')
  await page.waitForTimeout(400) // the dialog's fade-in
  await world.screenshot(page, 'dispatch-ruling')
  await reject.getByTestId('reason-submit').click()
  await reject.waitFor({ state: 'hidden' })
  await table.getByText(badTitle).waitFor({ state: 'detached', timeout: 5000 })
  const back = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${bad}`)).body
  assert.equal(back.state, 'registered')
  assert.equal(back.needs_correction, true)

  // Keyboard only: the recalled ticket is back on top of the pending queue; Space ticks it, d opens
  // the dialog, 1 picks the first suggestion, Ctrl+Enter dispatches.
  await table.getByText(`天河区体育西路路灯不亮 ${stamp}-2`).waitFor({ timeout: 5000 })
  await table.focus()
  await page.keyboard.press('k')
  await page.keyboard.press(' ')
  assert.equal(await page.getByRole('checkbox', { name: `编号 ${more[1]}` }).isChecked(), true, 'Space ticks the current row')
  await page.keyboard.press('d')
  const kbd = page.getByRole('dialog', { name: `派单：工单 #${more[1]}` })
  await kbd.getByTestId('suggestion').first().waitFor({ timeout: 10000 })
  await page.keyboard.press('1')
  assert.equal(await kbd.getByTestId('suggestion').first().getAttribute('aria-checked'), 'true', '1 picks the first suggestion')
  await page.keyboard.press('Control+Enter')
  await kbd.waitFor({ state: 'hidden' })
  assert.equal((await world.api('dispatcher', 'GET', `/api/v1/tickets/${more[1]}`)).body.state, 'dispatched')

  // An extension request is approved.
  // (Made here: the demo database may hold none, depending on the day it was generated.)
  const asked = await world.api('agent', 'POST', '/api/v1/tickets', { type: 'complaint', channel: 'phone', title: `天河区体育西路井盖缺失 ${stamp}-延期`, text: '天河区体育西路井盖缺失，需要更换。', place: { district: '440106' } })
  await world.walk(asked.body.id, [
    ['agent', 'submit', {}],
    ['dispatcher', 'review', { approve: true }],
    ['dispatcher', 'dispatch', { lead_unit: '440106' }],
    ['tianhe', 'acknowledge', {}],
    ['tianhe', 'request_extension', { extension_days: 5, reason: '需要采购井盖，等待到货' }],
  ])
  const ext = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${asked.body.id}`)).body
  await page.getByTestId('tab-extension').click()
  await table.getByText(ext.title).waitFor({ timeout: 5000 })
  await tick(ext.id)
  await ruling('approve_extension', '')
  await table.getByText(ext.title).waitFor({ state: 'detached', timeout: 5000 })
  assert.notEqual((await world.api('dispatcher', 'GET', `/api/v1/tickets/${ext.id}`)).body.state, 'extension_requested')
}
