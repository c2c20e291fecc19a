// The ticket page: citizens' text shown as text (no HTML), exactly the allowed actions as buttons,
// one action through its dialog growing the timeline, a live update by another user, the audited
// contact reveal, the command palette, and a unit handler of another district refused.
export const name = 'ticket page: text as text, allowed actions, review through the dialog, live notice, contact reveal, 越秀区 cannot open a 天河区 ticket'

const XSS = '<img src=x onerror=alert(1)>'

export async function run(world, assert) {
  const created = await world.api('agent', 'POST', '/api/v1/tickets', {
    type: 'complaint',
    channel: 'phone',
    title: XSS,
    text: '天河路一号门口夜间施工噪音扰民。\n第二行：<b>请尽快处理</b>',
    caller: { name: '张三', phone: '13800138000', confidential: false },
    place: { district: '440106', address: '天河路1号' },
    urgency: 'normal',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  const submitted = await world.api('agent', 'POST', `/api/v1/tickets/${id}/submit`, {})
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body))

  const page = await world.signIn('dispatcher')
  const dialogs = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(`${world.baseURL}/desk/tickets/${id}`)
  const title = page.getByTestId('ticket-title')
  await title.waitFor()
  assert.equal(await title.innerText(), XSS, 'the title is shown as text')
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img src=x> in the page')
  assert.match(await page.getByTestId('ticket-text').innerText(), /第二行：<b>请尽快处理<\/b>/)

  // The buttons are exactly the server's allowed_actions for this user.
  const allowed = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body.allowed_actions
  assert.ok(allowed.includes('review'), `review allowed: ${allowed}`)
  const buttons = await page.getByTestId('ticket-actions').locator('[data-action]').evaluateAll((els) => els.map((e) => e.dataset.action))
  // Every allowed action is a button, but `attach`, which is the attachments panel's upload.
  const offered = allowed.filter((a) => a !== 'attach')
  assert.deepEqual([...buttons].sort(), [...offered].sort())
  assert.equal(await page.getByTestId('attachment-input').count(), allowed.includes('attach') ? 1 : 0)

  const events = page.getByTestId('timeline-event')
  await events.first().waitFor()
  const before = await events.count()
  await world.screenshot(page, 'ticket-page')

  // Review (approve) through the dialog: the timeline grows by one.
  await page.getByTestId('action-review').click()
  const dialog = page.getByRole('dialog', { name: '审核' })
  await dialog.waitFor()
  await dialog.getByTestId('field-approve').waitFor()
  await page.waitForTimeout(500) // the dialog's fade-in
  await world.screenshot(page, 'ticket-action-dialog')
  await dialog.getByTestId('action-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="timeline-event"]').length === n + 1, before)
  assert.equal(await events.first().getAttribute('data-action'), 'review')
  const reviewed = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body
  assert.equal(reviewed.reviewed, true)

  // A reason-required action refused before sending: recall is not offered here, so try a reject.
  await page.getByTestId('action-review').click()
  await dialog.waitFor()
  await dialog.getByText('退回', { exact: true }).click()
  await dialog.getByTestId('action-submit').click()
  await dialog.getByText('请填写「理由」').waitFor()
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })

  // Another user changes the ticket: it updates live, with a notice.
  const corrected = await world.api('agent', 'POST', `/api/v1/tickets/${id}/correct`, { text_addition: '补充：施工在每晚十点以后。', reason: '来电人补充' })
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body))
  await page.getByTestId('live-notice').waitFor({ timeout: 5000 })
  assert.match(await page.getByTestId('live-notice').innerText(), /agent/)
  await page.getByTestId('ticket-text').getByText('补充：施工在每晚十点以后。').waitFor()
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="timeline-event"]').length === n + 2, before)

  // The command palette lists the allowed actions; typing filters; Enter opens the dialog.
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('Control+k')
  const palette = page.getByTestId('command-palette')
  await palette.getByRole('listbox').waitFor()
  assert.equal(await palette.getByRole('option').count(), offered.length)
  await page.keyboard.type('派单')
  assert.equal(await palette.getByRole('option').count(), 1)
  await page.keyboard.press('Enter')
  await page.getByRole('dialog', { name: '派单' }).waitFor()
  await page.keyboard.press('Escape')
  await page.getByRole('dialog', { name: '派单' }).waitFor({ state: 'hidden' })

  // The "?" sheet lists the page's shortcuts.
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('?')
  await page.getByTestId('shortcut-sheet').getByText('命令面板：执行本工单的操作').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('shortcut-sheet').waitFor({ state: 'hidden' })

  // Revealing the contact is an explicit click with an optional reason.
  assert.match(await page.getByTestId('caller-phone').innerText(), /\*/)
  await page.getByTestId('reveal-contact').click()
  await page.getByLabel('查看原因（选填）').fill('核实来电人身份')
  await page.getByTestId('contact-confirm').click()
  await page.getByTestId('caller-phone').getByText('13800138000').waitFor()

  // Dispatched to 天河区: the 越秀区 handler cannot open it (the server answers 404 for a ticket
  // outside the handler's units), the 天河区 handler can and may acknowledge.
  const dispatched = await world.api('dispatcher', 'POST', `/api/v1/tickets/${id}/dispatch`, { lead_unit: '440106' })
  assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body))
  const yuexiu = await world.signIn('yuexiu')
  await yuexiu.goto(`${world.baseURL}/desk/tickets/${id}`)
  await yuexiu.getByTestId('ticket-not_found').waitFor()
  assert.equal(await yuexiu.getByTestId('ticket-title').count(), 0)
  await world.screenshot(yuexiu, 'ticket-not-visible')
  const tianhe = await world.signIn('tianhe')
  await tianhe.goto(`${world.baseURL}/desk/tickets/${id}`)
  await tianhe.getByTestId('action-acknowledge').waitFor()

  assert.deepEqual(dialogs, [], 'no alert() fired')
}
