// The agent desk: a caller with history, a complaint registered with the keyboard only (the
// classifier's suggestions accepted, the place found in the text), submitted; a duplicate merged
// (with the forced-merge confirmation); a 400 highlighting its field; the draft kept across a
// reload; and a title with HTML shown as text.
export const name = 'agent: caller history, keyboard-only registration with suggestions, submit, merge, draft, HTML as text'

export async function run(world, assert) {
  const list = await world.api('agent', 'GET', '/api/v1/tickets?limit=1')
  const earlier = list.body.items[0]
  const contact = await world.api('agent', 'GET', `/api/v1/tickets/${earlier.id}/contact`)
  const phone = contact.body.phone
  assert.ok(phone, 'the demo ticket has a caller phone')

  const page = await world.signIn('agent')
  await page.waitForURL(/\/desk\/agent/)
  const alerts = []
  page.on('dialog', (d) => {
    alerts.push(d.message())
    void d.dismiss()
  })

  // The caller number (focused on arrival) → that caller's earlier tickets; the form's phone filled.
  await page.getByTestId('caller-number').waitFor()
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'caller-number')
  await page.keyboard.type(phone)
  await page.keyboard.press('Enter')
  await page.getByTestId(`history-${earlier.id}`).waitFor()
  assert.match(await page.getByTestId('caller-history').innerText(), new RegExp(earlier.title.slice(0, 6)))
  await world.screenshot(page, 'agent-desk-history')
  assert.equal(await page.getByLabel('电话', { exact: true }).inputValue(), phone)

  // An unknown caller: "no earlier tickets".
  await page.getByTestId('caller-number').fill('13900000000')
  await page.keyboard.press('Enter')
  await page.getByTestId('no-history').waitFor()
  await page.getByTestId('caller-number').fill(phone)
  await page.keyboard.press('Enter')
  await page.getByTestId(`history-${earlier.id}`).waitFor()

  // The complaint, keyboard only: Alt+N moves through the field groups.
  await page.keyboard.press('Alt+N') // → caller (name)
  await page.keyboard.type('陈先生')
  await page.keyboard.press('Alt+N') // → content (title)
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'intake-title')
  await page.keyboard.type('工地夜间施工噪音扰民')
  await page.keyboard.press('Tab')
  await page.keyboard.type('天河区石牌街道华师附近有工地每天晚上十一点后还在施工，噪音很大，严重影响附近居民休息，希望尽快处理。')
  await page.getByTestId('suggestion-0').waitFor()
  const top = await page.getByTestId('suggestion-0').innerText()
  assert.match(top, /环境保护/)
  assert.match(top, /噪音/)
  // The place found in the text filled the empty pickers.
  await page.getByTestId('place-found').waitFor()
  assert.match(await page.getByTestId('district-picker').innerText(), /天河区/)
  assert.match(await page.getByTestId('street-picker').innerText(), /石牌街道/)
  await page.keyboard.press('Alt+A')
  await page.getByTestId('suggestion-0').getByText('已采用').waitFor()
  assert.match(await page.getByRole('textbox', { name: '分类', exact: true }).inputValue(), /环境保护/)
  // Urgency: Alt+N to the urgency group, arrow to 紧急; the deadline preview follows.
  const before = await page.getByTestId('deadline-preview').innerText()
  await page.keyboard.press('Alt+N') // content → place
  await page.keyboard.press('Alt+N') // → category
  await page.keyboard.press('Alt+N') // → urgency
  await page.keyboard.press('ArrowRight')
  await page.waitForFunction((b) => document.querySelector('[data-testid="deadline-preview"]')?.textContent !== b, before)
  await page.waitForTimeout(400) // the radio button's colour transition
  assert.equal(await page.getByRole('radio', { name: '紧急', exact: true }).isChecked(), true)
  await world.screenshot(page, 'agent-desk')

  await page.keyboard.press('Alt+S')
  await page.getByTestId('registered-id').waitFor()
  const id = Number((await page.getByTestId('registered-id').innerText()).match(/#(\d+)/)[1])
  const saved = await world.api('agent', 'GET', `/api/v1/tickets/${id}`)
  assert.equal(saved.body.category, '环境保护')
  assert.equal(saved.body.place.district, '440106')
  assert.equal(saved.body.urgency, 'urgent')
  assert.equal(saved.body.caller.name.startsWith('陈'), true)
  await world.screenshot(page, 'agent-desk-registered')
  // A reload keeps the ticket waiting for its next step; the focus is on 提交审核, Enter submits.
  await page.reload()
  await page.getByTestId('registered-id').getByText(`#${id}`).waitFor()
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'action-submit')
  await page.keyboard.press('Enter')
  await page.getByTestId('action-notice').waitFor()
  assert.equal((await world.api('agent', 'GET', `/api/v1/tickets/${id}`)).body.state, 'pending_review')
  assert.equal(await page.getByTestId('action-submit').count(), 0, 'submit is no longer offered')

  // A repeated call: the first call's ticket comes back as a possible duplicate; merge into it (the
  // force confirmation when the server asks for it).
  const first = await world.api('agent', 'POST', '/api/v1/tickets', {
    type: 'complaint', channel: 'phone', title: '黄埔区大沙街道地铁站旁井盖缺失', text: '黄埔区大沙街道地铁站B出口旁的井盖缺失好几天了，晚上很危险，请尽快修复。',
    place: { district: '440104' }, // registered under 越秀区 by mistake: the merge needs force
  })
  assert.equal(first.status, 201)
  await page.keyboard.press('Alt+R')
  await page.getByLabel('标题', { exact: true }).waitFor()
  await page.getByLabel('标题', { exact: true }).fill(first.body.title)
  await page.getByLabel('内容', { exact: true }).fill(first.body.text)
  await page.keyboard.press('Alt+S')
  await page.getByTestId(`merge-${first.body.id}`).waitFor()
  await page.getByTestId(`merge-${first.body.id}`).click()
  assert.equal(await page.getByLabel('并单理由').inputValue(), '重复来电')
  await page.getByTestId('merge-confirm').click()
  const forced = await Promise.race([
    page.getByTestId('merge-force').waitFor().then(() => true),
    page.getByTestId('action-notice').waitFor().then(() => false),
  ])
  assert.equal(forced, true, 'another district: the server asks for force')
  await page.waitForTimeout(300) // the button's colour transition
  await world.screenshot(page, 'agent-desk-merge')
  await page.getByTestId('merge-confirm').click()
  await page.getByTestId('action-notice').getByText(`已并入工单 #${first.body.id}`).waitFor()
  const dup = (await world.api('agent', 'GET', `/api/v1/tickets/${first.body.id}`)).body
  assert.ok((dup.merged_from ?? []).length >= 1, 'the first ticket lists the merged one')

  // A 400 names its field: the field is highlighted, in Chinese.
  await page.keyboard.press('Alt+R')
  await page.getByLabel('标题', { exact: true }).waitFor()
  await page.keyboard.press('Alt+S')
  await page.getByTestId('api-error').waitFor()
  assert.match(await page.getByTestId('api-error').innerText(), /标题/)
  await page.getByText('输入有误', { exact: true }).waitFor() // under the title field
  assert.equal(await page.getByLabel('标题', { exact: true }).getAttribute('aria-invalid'), 'true')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'intake-title')

  // The draft survives a reload.
  await page.getByLabel('标题', { exact: true }).fill('草稿：路灯不亮')
  await page.waitForTimeout(100)
  await page.reload()
  await page.getByLabel('标题', { exact: true }).waitFor()
  assert.equal(await page.getByLabel('标题', { exact: true }).inputValue(), '草稿：路灯不亮')

  // HTML in a title is text; the pickers by keyboard: type to filter, Enter (the cascader: ↓ Enter).
  const evil = '<img src=x onerror=alert(1)>'
  await page.getByLabel('标题', { exact: true }).fill(evil)
  await page.getByLabel('标题', { exact: true }).focus()
  await page.keyboard.press('Alt+N') // → place (district)
  await page.keyboard.type('越秀')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => /越秀区/.test(document.querySelector('[data-testid="district-picker"]')?.textContent ?? ''))
  await page.keyboard.press('Alt+N') // → category
  await page.keyboard.type('噪音污染')
  await page.getByText('环境保护 / 环境污染 / 噪音污染').waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Alt+S')
  await page.getByTestId('registered-title').waitFor()
  assert.equal(await page.getByTestId('registered-title').innerText(), evil)
  const evilId = Number((await page.getByTestId('registered-id').innerText()).match(/#(\d+)/)[1])
  const evilTicket = (await world.api('agent', 'GET', `/api/v1/tickets/${evilId}`)).body
  assert.equal(evilTicket.title, evil)
  assert.equal(evilTicket.place.district, '440104')
  assert.equal(evilTicket.category, '环境保护/环境污染/噪音污染')
  assert.equal(await page.getByTestId('registered').locator('img').count(), 0)

  // The "?" sheet lists the desk's shortcuts (the focus is on a button, not in a field).
  await page.keyboard.press('?')
  const sheet = await page.getByTestId('shortcut-sheet').innerText()
  for (const k of ['alt+s', 'alt+n', 'alt+a', 'alt+r']) assert.ok(sheet.includes(k), k)
  await page.keyboard.press('Escape')
  await page.getByTestId('shortcut-sheet').waitFor({ state: 'hidden' })

  // Answered on the spot: 当场解答 with the answer, then the citizen's intake rating.
  await page.getByTestId('action-resolve_at_intake').click()
  await page.getByLabel('解答内容').fill('已告知来电人该路段噪音可向生态环境部门反映。')
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('action-notice').getByText('已当场解答并办结').waitFor()
  assert.equal((await world.api('agent', 'GET', `/api/v1/tickets/${evilId}`)).body.state, 'resolved_at_intake')
  await page.getByTestId('action-rate_intake').click()
  await page.getByRole('radio', { name: '非常满意', exact: true }).check({ force: true })
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('action-notice').getByText('已记录受理评价').waitFor()
  assert.equal((await world.api('agent', 'GET', `/api/v1/tickets/${evilId}`)).body.intake_rating, 'very_satisfied')
  assert.equal(await page.getByTestId('action-rate_intake').count(), 0, 'rated once')
  assert.deepEqual(alerts, [])
}
