// 承办单位: a ticket dispatched to 天河区 shows in its 待签收 tab, is acknowledged and answered there;
// 越秀区 neither sees it in its inbox nor may open or act on it.
export const name = 'unit portal: 天河区 acknowledges and replies (live list, co-unit reason); 越秀区 co-acknowledges its part, does not see the other ticket and is refused'

async function setUp(world, assert, title, dispatch = { lead_unit: '440106' }) {
  const created = await world.api('agent', 'POST', '/api/v1/tickets', {
    type: 'complaint',
    channel: 'phone',
    title,
    text: '天河路 385 号门前路灯连续一周不亮，夜间行人很危险。',
    caller: { name: '陈先生', phone: '13800138000' },
    place: { district: '440106', address: '天河路 385 号' },
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  await world.walk(id, [
    ['agent', 'submit', {}],
    ['dispatcher', 'review', { approve: true }],
    ['dispatcher', 'dispatch', dispatch],
  ])
  return id
}

async function search(page, title) {
  const box = page.getByRole('textbox', { name: '搜索标题或内容' })
  await box.fill(title)
  await box.press('Enter')
}

export async function run(world, assert) {
  const prefix = `路灯不亮-e2e-${Date.now() % 100000}`
  const title = `${prefix}-主办`
  const coTitle = `${prefix}-协办`
  const id = await setUp(world, assert, title)
  const coId = await setUp(world, assert, coTitle, { lead_unit: '440106', co_units: ['440104'] })

  // 越秀区 co-handles the second ticket: it shows in its 协办 tab, where it signs for its part.
  const co = await world.signIn('yuexiu')
  await co.waitForURL(/\/desk\/unit/)
  await co.getByRole('tab', { name: '协办' }).click()
  await search(co, prefix)
  await co.getByTestId('ticket-table').getByText(coTitle).click()
  assert.equal(await co.getByTestId('ticket-table').getByText(title).count(), 0)
  await co.getByTestId('unit-panel').getByTestId('unit-action-co_acknowledge').click()
  await co.getByText('协办签收成功').waitFor()
  await co.getByTestId('unit-panel').getByTestId('unit-action-co_opinion').waitFor()

  const page = await world.signIn('tianhe')
  await page.waitForURL(/\/desk\/unit/)
  await page.getByRole('tab', { name: '待签收' }).waitFor()
  assert.equal(await page.getByRole('tab', { name: '待签收' }).getAttribute('aria-selected'), 'true')
  // The inbox lists the unit's dispatched tickets, nearest deadline first, with lights.
  await page.getByTestId('ticket-table').locator('.deadline-light').first().waitFor()
  await search(page, prefix)
  const table = page.getByTestId('ticket-table')
  await table.getByText(title).waitFor()
  // A ticket dispatched while the page is open joins the list without a reload.
  const liveTitle = `${prefix}-新派`
  await setUp(world, assert, liveTitle)
  await table.getByText(liveTitle).waitFor()
  await table.getByText(title).click()
  const panel = page.getByTestId('unit-panel')
  await panel.getByRole('heading', { name: title }).waitFor()
  assert.ok(await panel.getByTestId('unit-action-request_return').isVisible(), 'a return may be asked for')
  await panel.getByTestId('unit-action-acknowledge').click()
  await page.getByText('签收成功').waitFor()
  // It leaves 待签收 (live) and shows in 办理中.
  await table.getByText(title).waitFor({ state: 'detached' })
  await page.getByRole('tab', { name: '办理中' }).click()
  await page.waitForURL(/tab=handling/)
  await table.getByText(title).click()
  await panel.getByTestId('unit-action-reply').waitFor()
  // The whole 办理中 inbox beside the selected ticket.
  await search(page, '')
  await page.waitForURL((url) => !url.search.includes('q='))
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="ticket-table"]')?.getAttribute('aria-rowcount')) > 1)
  await panel.getByRole('heading', { name: title }).waitFor()
  await world.screenshot(page, 'unit-portal')

  await panel.getByTestId('unit-action-reply').click()
  const dialog = page.getByTestId('unit-action-dialog')
  await dialog.getByTestId('unit-action-submit').click()
  await dialog.getByText('请填写答复内容').waitFor()
  await dialog.getByLabel('答复内容').fill('已安排维修，路灯已于今日恢复照明。')
  await dialog.getByTestId('unit-action-submit').click()
  await page.getByText('答复成功').waitFor()
  await table.getByText(title).waitFor({ state: 'detached' })
  const after = await world.api('tianhe', 'GET', `/api/v1/tickets/${id}`)
  assert.equal(after.body.state, 'replied')
  assert.equal(after.body.reply, '已安排维修，路灯已于今日恢复照明。')
  await page.getByRole('tab', { name: '已答复' }).click()
  await table.getByText(title).waitFor()

  // The co-handled ticket: the reply is refused while 越秀区 owes its opinion; sent with a reason.
  const ack = await world.api('tianhe', 'POST', `/api/v1/tickets/${coId}/acknowledge`, {})
  assert.equal(ack.status, 200)
  await page.getByRole('tab', { name: '办理中' }).click()
  await search(page, prefix)
  await table.getByText(coTitle).click()
  await panel.getByTestId('co-handling').getByText('越秀区').waitFor()
  await panel.getByTestId('unit-action-reply').click()
  await dialog.getByLabel('答复内容').fill('路灯已修复。')
  await dialog.getByTestId('unit-action-submit').click()
  await dialog.getByTestId('co-owing').getByText(/越秀区/).waitFor()
  await dialog.getByLabel('理由').fill('协办单位逾期未提交意见，先行答复')
  await world.screenshot(page, 'unit-reply-reason')
  await dialog.getByRole('button', { name: '填写理由并答复' }).click()
  await page.getByText('答复成功').first().waitFor()
  await table.getByText(coTitle).waitFor({ state: 'detached' })
  const coAfter = await world.api('tianhe', 'GET', `/api/v1/tickets/${coId}`)
  assert.equal(coAfter.body.state, 'replied')

  // 越秀区: not in its inbox, its page is refused, and an action forced through the API too.
  const other = co
  for (const tab of ['待签收', '已答复', '协办']) {
    await other.getByRole('tab', { name: tab }).click()
    await search(other, title)
    await other.waitForURL((url) => url.searchParams.get('q') === title)
    await other.getByTestId('list-empty').waitFor()
    assert.equal(await other.getByTestId('ticket-table').getByText(title).count(), 0, `not in 越秀区's ${tab}`)
  }
  const read = await world.api('yuexiu', 'GET', `/api/v1/tickets/${id}`)
  assert.ok([403, 404].includes(read.status), `yuexiu reads: ${read.status}`)
  await other.goto(`${world.baseURL}/desk/tickets/${id}`)
  await other.waitForLoadState('networkidle')
  assert.equal(await other.getByText(title).count(), 0, "越秀区 does not see the ticket's page")
  const forced = await world.api('yuexiu', 'POST', `/api/v1/tickets/${id}/acknowledge`, {})
  assert.ok([403, 404].includes(forced.status), `yuexiu acknowledge: ${forced.status}`)
  const unchanged = await world.api('tianhe', 'GET', `/api/v1/tickets/${id}`)
  assert.equal(unchanged.body.state, 'replied')
}
