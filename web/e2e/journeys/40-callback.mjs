// 回访: two replied tickets reach the callback queue; one is unreachable (it waits for its retry, its
// button disabled), the other is rated dissatisfied and sent back for redo in one step (it leaves).
export const name = 'callback desk: unreachable waits for the retry; dissatisfied + redo in one step leaves the queue'

async function toCallback(world, assert, title) {
  const created = await world.api('agent', 'POST', '/api/v1/tickets', {
    type: 'complaint',
    channel: 'phone',
    title,
    text: '小区门口井盖松动，车辆经过声音很大。',
    caller: { name: '李女士', phone: '13900139000' },
    place: { district: '440106', address: '体育西路 100 号' },
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  await world.walk(id, [
    ['agent', 'submit', {}],
    ['dispatcher', 'review', { approve: true }],
    ['dispatcher', 'dispatch', { lead_unit: '440106' }],
    ['tianhe', 'acknowledge', {}],
    ['tianhe', 'reply', { reply: '已更换井盖并加固。' }],
    ['dispatcher', 'review_reply', { approve: true }],
  ])
  return id
}

export async function run(world, assert) {
  const stamp = Date.now() % 100000
  const titleA = `井盖松动-回访A-${stamp}`
  const titleB = `井盖松动-回访B-${stamp}`
  const a = await toCallback(world, assert, titleA)
  const b = await toCallback(world, assert, titleB)

  const page = await world.signIn('callback')
  await page.waitForURL(/\/desk\/callback/)
  const queue = page.getByTestId('callback-queue')
  const rowA = queue.locator('tr', { hasText: titleA })
  const rowB = queue.locator('tr', { hasText: titleB })
  await rowA.waitFor()
  await rowB.waitFor()

  // A: the number is revealed on a click, then the caller is unreachable.
  await page.getByTestId(`record-${a}`).click()
  const dialog = page.getByTestId('callback-dialog')
  await dialog.getByText('已更换井盖并加固。').waitFor()
  assert.match(await dialog.getByTestId('caller-contact').innerText(), /\*/)
  await dialog.getByTestId('reveal-contact').click()
  await dialog.getByTestId('caller-contact').getByText('13900139000').waitFor()
  await dialog.getByText('未接通', { exact: true }).click()
  await dialog.getByTestId('callback-submit').click()
  await page.getByText(/已记录未接通/).waitFor()
  await rowA.getByTestId('retry-at').waitFor()
  assert.match(await rowA.getByTestId('retry-at').innerText(), /^待重拨 (\d\d-\d\d )?\d\d:\d\d$/)
  assert.equal(await page.getByTestId(`record-${a}`).isDisabled(), true, 'no second attempt before the retry time')
  const afterA = await world.api('callback', 'GET', `/api/v1/tickets/${a}`)
  assert.equal(afterA.body.state, 'callback_pending')
  assert.equal(afterA.body.callback_attempts, 1)

  // B: dissatisfied, with its reason, and redo in the same step.
  await page.getByTestId(`record-${b}`).click()
  await dialog.getByText('不满意', { exact: true }).click()
  await dialog.getByTestId('callback-redo').click()
  await dialog.getByText('不满意时请填写原因').waitFor()
  await dialog.getByLabel('理由').fill('井盖仍然松动，夜里响声依旧。')
  await world.screenshot(page, 'callback-record')
  await dialog.getByTestId('callback-redo').click()
  await page.getByText('回访已记录，工单已重办').waitFor()
  await rowB.waitFor({ state: 'detached' })
  const afterB = await world.api('callback', 'GET', `/api/v1/tickets/${b}`)
  assert.equal(afterB.body.state, 'dispatched')
  assert.equal(afterB.body.redo_count, 1)
  const history = await world.api('callback', 'GET', `/api/v1/tickets/${b}/history`)
  const last = history.body.items.slice(-2)
  assert.deepEqual(last.map((e) => e.action), ['callback', 'redo'])
  assert.equal(last[0].reason, '井盖仍然松动，夜里响声依旧。')
  assert.equal(last[1].reason, '井盖仍然松动，夜里响声依旧。')

  await rowA.scrollIntoViewIfNeeded()
  await page.getByText('回访已记录，工单已重办').waitFor({ state: 'hidden' })
  await world.screenshot(page, 'callback-desk')
}
