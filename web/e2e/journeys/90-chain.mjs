// The whole chain through the screens, as its users take it: an agent registers a ticket at the
// agent desk → the dispatcher sees it arrive live and dispatches it to 天河区 → the 天河区 handler
// acknowledges and replies → the dispatcher approves the reply → the callback agent records
// "dissatisfied" with redo → 天河区 handles it again → approved → the callback agent records
// "satisfied" → closed. The 越秀区 handler never sees it; an action a role may not take is not
// offered on its page and is refused by the server when forced.
export const name = 'whole chain: agent → dispatcher (live) → 天河区 → callback dissatisfied → redo → … → closed; 越秀区 never sees it'

async function unitHandles(world, id, title, reply) {
  const page = await world.signIn('tianhe')
  await page.waitForURL(/\/desk\/unit/)
  const table = page.getByTestId('ticket-table')
  await page.getByRole('tab', { name: '待签收' }).click()
  // Among the unit's many open tickets (nearest deadline first), the handler searches for it.
  const box = page.getByRole('textbox', { name: '搜索标题或内容' })
  await box.fill(title)
  await box.press('Enter')
  await table.getByText(title).click()
  const panel = page.getByTestId('unit-panel')
  await panel.getByTestId('unit-action-acknowledge').click()
  await page.getByText('签收成功').first().waitFor()
  await page.getByRole('tab', { name: '办理中' }).click()
  await table.getByText(title).click()
  await panel.getByTestId('unit-action-reply').click()
  const dialog = page.getByTestId('unit-action-dialog')
  await dialog.getByLabel('答复内容').fill(reply)
  await dialog.getByTestId('unit-action-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.context().close()
}

async function dispatcherApprovesReply(world, id) {
  const page = await world.signIn('dispatcher')
  await page.goto(`${world.baseURL}/desk/tickets/${id}`)
  await page.getByTestId('action-review_reply').click()
  const dialog = page.getByRole('dialog', { name: /审核答复/ })
  await dialog.getByTestId('action-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('ticket-actions').waitFor()
  await page.context().close()
}

async function callbackRecords(world, id, rating, reason) {
  const page = await world.signIn('callback')
  await page.waitForURL(/\/desk\/callback/)
  await page.getByTestId(`record-${id}`).click()
  const dialog = page.getByTestId('callback-dialog')
  await dialog.getByText(rating, { exact: true }).click()
  if (reason) {
    await dialog.getByLabel('理由').fill(reason)
    await dialog.getByTestId('callback-redo').click()
    await page.getByText('回访已记录，工单已重办').waitFor()
  } else {
    await dialog.getByTestId('callback-submit').click()
    await dialog.waitFor({ state: 'hidden' })
  }
  await page.context().close()
}

export async function run(world, assert) {
  const stamp = Date.now() % 100000
  const title = `天河区石牌街道路灯不亮 链路${stamp}`
  const text = '天河区石牌街道华师附近的路灯已经连续一周不亮，晚上行人很危险，希望尽快维修。'

  // The dispatcher's pending queue is open before the ticket exists.
  const dispatcher = await world.signIn('dispatcher')
  await dispatcher.waitForURL(/\/desk\/dispatch/)
  const queue = dispatcher.getByTestId('ticket-table')
  await queue.waitFor()

  // The agent registers and submits it at the agent desk.
  const agent = await world.signIn('agent')
  await agent.waitForURL(/\/desk\/agent/)
  await agent.locator('#intake-title').fill(title)
  await agent.locator('#intake-text').fill(text)
  await agent.getByTestId('place-found').waitFor()
  await agent.keyboard.press('Alt+S')
  await agent.getByTestId('registered-id').waitFor()
  const id = Number((await agent.getByTestId('registered-id').innerText()).match(/#(\d+)/)[1])
  await agent.getByTestId('intake-actions').getByRole('button', { name: /提交审核/ }).click()
  const submittedAt = Date.now()

  // It arrives in the dispatcher's queue without a reload.
  await queue.getByText(title).waitFor({ timeout: 5000 })
  console.log(`     arrived in the dispatcher's queue ${Date.now() - submittedAt} ms after the click`)
  await dispatcher.getByRole('checkbox', { name: `编号 ${id}` }).locator('..').click()
  await dispatcher.getByTestId('do-dispatch').click()
  const dialog = dispatcher.getByRole('dialog', { name: `派单：工单 #${id}` })
  await dialog.getByTestId('suggestion').first().waitFor()
  await dialog.getByTestId('lead-unit').click()
  await dispatcher.getByRole('option', { name: '天河区', exact: true }).click()
  await dialog.getByTestId('dispatch-submit').click()
  await queue.getByText(title).waitFor({ state: 'detached', timeout: 5000 })
  let ticket = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body
  assert.equal(ticket.state, 'dispatched')
  assert.equal(ticket.lead_unit, '440106')

  // A forbidden action is not offered, and refused when forced: the agent may not dispatch.
  await agent.goto(`${world.baseURL}/desk/tickets/${id}`)
  await agent.getByTestId('ticket-title').waitFor()
  assert.equal(await agent.getByTestId('action-dispatch').count(), 0, 'dispatch is not offered to the agent')
  assert.equal(await agent.getByTestId('action-acknowledge').count(), 0, 'acknowledge is not offered to the agent')
  const forced = await world.api('agent', 'POST', `/api/v1/tickets/${id}/acknowledge`, {})
  assert.equal(forced.status, 403, `forced acknowledge by the agent: ${forced.status}`)

  await unitHandles(world, id, title, '已安排维修，路灯已恢复照明。')
  await dispatcherApprovesReply(world, id)
  await callbackRecords(world, id, '不满意', '市民反映路灯仍然时亮时不亮。')
  ticket = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body
  assert.equal(ticket.state, 'dispatched', 'redo sends it back to the unit')
  assert.equal(ticket.redo_count, 1)

  await unitHandles(world, id, title, '已更换线路，连续三晚巡查正常。')
  await dispatcherApprovesReply(world, id)
  await callbackRecords(world, id, '满意')
  ticket = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body
  assert.equal(ticket.state, 'closed')
  assert.equal(ticket.rating, 'satisfied')

  // The whole timeline on the ticket page.
  await dispatcher.goto(`${world.baseURL}/desk/tickets/${id}`)
  await dispatcher.getByTestId('timeline-event').first().waitFor()
  const actions = await dispatcher.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.dataset.action))
  for (const a of ['register', 'submit', 'review', 'dispatch', 'acknowledge', 'reply', 'review_reply', 'callback', 'redo']) {
    assert.ok(actions.includes(a), `timeline has ${a}: ${actions}`)
  }
  await world.screenshot(dispatcher, 'ticket-closed-timeline')

  // 越秀区 never saw it: not in its lists, its page refused, its forced action refused.
  const yuexiu = await world.signIn('yuexiu')
  await yuexiu.waitForURL(/\/desk\/unit/)
  await yuexiu.getByTestId('ticket-table').waitFor()
  assert.equal(await yuexiu.getByText(title).count(), 0)
  await yuexiu.goto(`${world.baseURL}/desk/tickets?q=${encodeURIComponent(title)}`)
  await yuexiu.getByTestId('ticket-table').waitFor()
  await yuexiu.waitForTimeout(500)
  assert.equal(await yuexiu.getByTestId('ticket-table').getByText(title).count(), 0)
  await yuexiu.goto(`${world.baseURL}/desk/tickets/${id}`)
  await yuexiu.getByTestId('ticket-not_found').waitFor()
  const list = await world.api('yuexiu', 'GET', `/api/v1/tickets?q=${encodeURIComponent(title)}`)
  assert.equal(list.body.items.length, 0)
  const history = await world.api('yuexiu', 'GET', `/api/v1/tickets/${id}/history`)
  assert.equal(history.status, 404)
}
