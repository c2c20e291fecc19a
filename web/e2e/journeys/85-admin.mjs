// The administrator's pages: an account created (and found in the audit trail), a unit moved to a
// new parent, a unit with open tickets refused retirement (409 and the tickets link) and a free one
// retired, a dispatch rule edited and tried, a holiday added; a manager and an agent are kept
// out of /desk/admin by the 403 page and by the API.
export const name = 'admin creates an account, moves a unit, edits a catalogue rule, adds a holiday; the audit shows it; others get 403'

export async function run(world, assert) {
  const page = await world.signIn('admin')
  await page.waitForURL(/\/desk\/admin\/accounts/)
  const accounts = page.getByTestId('accounts-table')
  await accounts.getByText('dispatcher', { exact: true }).first().waitFor({ timeout: 10000 })

  // A new account through the dialog.
  const username = `e2e_${Date.now() % 100000}`
  await page.getByTestId('account-create').click()
  const dialog = page.getByRole('dialog', { name: '新建账号' })
  await dialog.waitFor()
  await dialog.getByLabel('用户名').fill(username)
  await dialog.getByLabel('姓名').fill('测试话务员')
  await dialog.getByLabel('初始密码').fill('Journey-pass-2026x')
  await dialog.getByTestId('account-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await accounts.getByText(username, { exact: true }).waitFor({ timeout: 5000 })
  const users = await world.api('admin', 'GET', '/api/v1/users')
  const created = users.body.items.find((u) => u.username === username)
  assert.ok(created, 'the account exists')
  assert.equal(created.role, 'agent')
  assert.equal(created.display_name, '测试话务员')
  await page.waitForTimeout(300)
  await world.screenshot(page, 'admin-accounts')

  // Move a street to another district by choosing a new parent.
  const units = (await world.api('admin', 'GET', '/api/v1/units')).body.items
  const districts = units.filter((u) => u.kind === 'district')
  const street = units.find((u) => u.kind === 'street' && u.parent_id === districts[0].id)
  const target = districts[1]
  await page.getByRole('link', { name: '单位' }).click()
  await page.waitForURL(/\/desk\/admin\/units/)
  await page.getByTestId('unit-tree').waitFor({ timeout: 10000 })
  await page.getByLabel('筛选单位').fill(street.name)
  await page.getByTestId(`move-${street.id}`).click()
  const move = page.getByRole('dialog', { name: `移动 ${street.name}` })
  await move.waitFor()
  await move.getByTestId('unit-parent').click()
  await page.keyboard.type(target.name)
  await page.getByRole('option', { name: `${target.name} (${target.id})` }).click()
  await move.getByTestId('unit-save').click()
  await move.waitFor({ state: 'hidden' })
  const moved = (await world.api('admin', 'GET', '/api/v1/units')).body.items.find((u) => u.id === street.id)
  assert.equal(moved.parent_id, target.id, 'the street is under its new district')

  // Retire: a unit still handling open tickets is refused with the server's message and a link to
  // its tickets; a unit without any is retired and tagged so.
  const openStates = 'dispatched,acknowledged,in_progress,return_requested,extension_requested'
  const anyOpen = (await world.api('supervisor', 'GET', `/api/v1/tickets?state=${openStates}&limit=1`)).body.items
  assert.ok(anyOpen.length, 'some ticket is open for handling')
  const busy = units.find((u) => u.id === anyOpen[0].lead_unit)
  assert.ok(busy, 'the open ticket has a lead unit')
  const busyTickets = (await world.api('supervisor', 'GET', `/api/v1/tickets?unit=${busy.id}&state=${openStates}&limit=5`)).body.items
  assert.ok(busyTickets.length > 0, `${busy.id} leads open tickets`)
  const confirmRetire = async () => {
    const box = page.locator('.el-message-box')
    await box.waitFor()
    await box.getByRole('button', { name: '撤销', exact: true }).click()
    await box.waitFor({ state: 'hidden' })
  }
  await page.getByLabel('筛选单位').fill(busy.name)
  await page.getByTestId(`retire-${busy.id}`).click()
  await confirmRetire()
  const refused = page.getByTestId('unit-retire-refused')
  await refused.waitFor({ timeout: 5000 })
  assert.match(await refused.innerText(), /\d/, 'the refusal gives the count of open tickets')
  assert.equal(await page.getByTestId('unit-retire-tickets').getAttribute('href'), `/desk/tickets?unit=${busy.id}`)
  await world.screenshot(page, 'admin-units-retire-refused')
  const stillActive = (await world.api('admin', 'GET', '/api/v1/units')).body.items.find((u) => u.id === busy.id)
  assert.notEqual(stillActive.active, false, 'the busy unit stays active')

  const spare = { id: `e2e-spare-${Date.now() % 100000}`, name: `E2E 撤销测试 ${Date.now() % 1000}`, kind: 'street', parent_id: target.id }
  assert.equal((await world.api('admin', 'PUT', `/api/v1/units/${spare.id}`, spare)).status, 200, 'a spare unit is created')
  assert.equal((await world.api('supervisor', 'GET', `/api/v1/tickets?unit=${spare.id}&state=${openStates}`)).body.items.length, 0)
  await page.reload()
  await page.getByTestId('unit-tree').waitFor({ timeout: 10000 })
  await page.getByLabel('筛选单位').fill(spare.name)
  await page.getByTestId(`retire-${spare.id}`).click()
  await confirmRetire()
  await page.getByTestId(`unit-${spare.id}`).getByText('已撤销').waitFor({ timeout: 5000 })
  assert.equal(await page.getByTestId(`retire-${spare.id}`).count(), 0, 'a retired unit offers no retire')
  const retiredUnit = (await world.api('admin', 'GET', '/api/v1/units')).body.items.find((u) => u.id === spare.id)
  assert.equal(retiredUnit.active, false, 'the spare unit is retired')
  await page.getByLabel('筛选单位').fill('')
  await page.waitForTimeout(300)
  await world.screenshot(page, 'admin-units')

  // Edit a dispatch rule's note, then try a message in the "试一试" box.
  const rules = (await world.api('admin', 'GET', '/api/v1/dispatch-catalogue')).body.items
  const rule = rules[0]
  await page.getByRole('link', { name: '派单目录' }).click()
  await page.waitForURL(/\/desk\/admin\/catalogue/)
  await page.getByTestId('catalogue-table').getByText(rule.id, { exact: true }).first().waitFor({ timeout: 10000 })
  await page.getByRole('button', { name: `编辑 ${rule.id}`, exact: true }).click()
  const edit = page.getByRole('dialog', { name: `编辑规则 ${rule.id}` })
  await edit.waitFor()
  const note = `E2E 备注 ${Date.now() % 10000}`
  await edit.getByLabel('备注').fill(note)
  await edit.getByTestId('rule-save').click()
  await edit.waitFor({ state: 'hidden' })
  const stored = (await world.api('admin', 'GET', '/api/v1/dispatch-catalogue')).body.items.find((r) => r.id === rule.id)
  assert.equal(stored.note, note)
  assert.equal(stored.lead_unit, rule.lead_unit, 'the rest of the rule is kept')
  const sample = '天河区石牌街道有人违章搭建，占用消防通道'
  await page.getByLabel('诉求内容').fill(sample)
  await page.getByTestId('classify-run').click()
  // The box shows what /dispatch-catalogue/try answers the admin: category, rule and units.
  const tried = await world.api('admin', 'POST', '/api/v1/dispatch-catalogue/try', { text: sample })
  assert.equal(tried.status, 200, 'an admin may try the catalogue')
  const box = page.getByTestId('classify-box')
  await box.getByTestId('classify-result').waitFor({ timeout: 10000 })
  assert.equal(await box.getByTestId('api-error').count(), 0, 'no refusal')
  assert.ok(tried.body.category, 'the classifier gives a category')
  assert.match(await box.getByTestId('classify-category').innerText(), new RegExp(tried.body.category))
  const ruleText = await box.getByTestId('classify-rule').innerText()
  if (tried.body.rule) assert.match(ruleText, new RegExp(tried.body.rule.id))
  else assert.match(ruleText, /没有匹配的规则/)
  const shownUnits = await box.getByTestId('classify-unit').allInnerTexts()
  assert.equal(shownUnits.length, tried.body.units.length, 'every unit of the rule is listed')
  const unitNames = new Map((await world.api('admin', 'GET', '/api/v1/units')).body.items.map((u) => [u.id, u.name]))
  tried.body.units.forEach((id, i) => assert.ok(shownUnits[i].includes(unitNames.get(id) ?? id), `${id} shown by name`))
  await world.screenshot(page, 'admin-catalogue')

  // Add a holiday on an ordinary Wednesday.
  const year = new Date().getFullYear()
  const day = `${year}-12-16`
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const holiday = weekday === 0 || weekday === 6 ? `${year}-12-17` : day
  await page.getByRole('link', { name: '节假日' }).click()
  await page.waitForURL(/\/desk\/admin\/calendar/)
  await page.getByTestId('calendar-grid').waitFor()
  await page.getByTestId('calendar-view').getByText('列表').click()
  await page.getByTestId('calendar-list').waitFor()
  const picker = page.getByPlaceholder('日期')
  await picker.fill(holiday)
  await picker.press('Enter')
  await page.getByTestId('day-add').click()
  await page.getByTestId(`day-${holiday}`).waitFor({ timeout: 5000 })
  const calendar = await world.api('admin', 'GET', `/api/v1/calendar?from=${holiday}&to=${holiday}`)
  assert.equal(calendar.body.days[0].working, false, 'the day is off')
  await page.keyboard.press('Escape')
  await page.waitForTimeout(300)
  await world.screenshot(page, 'admin-calendar')

  // The audit trail shows the account creation (and the sign-ins).
  await page.getByRole('link', { name: '审计日志' }).click()
  await page.waitForURL(/\/desk\/admin\/audit/)
  const audit = page.getByTestId('audit-table')
  const row = audit.locator('tr', { hasText: username }).filter({ has: page.locator('[data-action="user_created"]') })
  await row.first().waitFor({ timeout: 10000 })
  assert.match(await row.first().innerText(), /admin/)
  await audit.locator('[data-action="login"]').first().waitFor()

  // The reference changes are audited too, each with its subject and before/after.
  const trail = (await world.api('admin', 'GET', '/api/v1/audit?limit=200')).body.items
  for (const [action, subject] of [['unit_saved', `unit:${street.id}`], ['unit_saved', `unit:${spare.id}`], ['dispatch_rule_saved', `dispatch_rule:${rule.id}`], ['calendar_days_saved', `calendar:${year}`]]) {
    assert.ok(trail.some((e) => e.action === action && e.subject === subject && e.actor === 'admin'), `${action} ${subject} audited`)
  }
  // The unit's move, found by its subject: the row opens to parent_id before -> after.
  await page.getByLabel('对象').fill(`unit:${street.id}`)
  await page.getByTestId('audit-apply').click()
  const moveRow = audit.locator('tr', { has: page.locator('[data-action="unit_saved"]') }).first()
  await moveRow.waitFor({ timeout: 10000 })
  await moveRow.locator('.el-table__expand-icon').click()
  const change = page.getByTestId('audit-changes').locator('tr[data-field="parent_id"]')
  await change.waitFor({ timeout: 5000 })
  assert.match(await change.innerText(), new RegExp(`${districts[0].id}\\s+${target.id}`))
  await world.screenshot(page, 'audit')
  // The retirement, found by its subject: active true -> false.
  await page.getByLabel('对象').fill(`unit:${spare.id}`)
  await page.getByTestId('audit-apply').click()
  const retireRows = audit.locator('tr', { has: page.locator('[data-action="unit_saved"]') })
  await retireRows.first().waitFor({ timeout: 10000 })
  const retireEntry = (await world.api('admin', 'GET', `/api/v1/audit?subject=unit:${spare.id}&limit=50`)).body.items.find((e) => e.subject === `unit:${spare.id}` && e.action === 'unit_saved' && JSON.parse(e.after || '{}').active === false)
  assert.ok(retireEntry, 'the retirement is audited with active false after')

  // The SMS outbox (messages to citizens; the demo has sent none): its tab opens the table, and
  // reading it is audited like a contact reveal.
  await page.getByRole('link', { name: '短信发件箱' }).click()
  await page.waitForURL(/\/desk\/admin\/outbox/)
  await page.getByTestId('outbox-table').waitFor({ timeout: 10000 })
  const outboxReads = (await world.api('admin', 'GET', '/api/v1/audit?limit=20')).body.items
  assert.ok(outboxReads.some((e) => e.action === 'outbox_viewed' && e.actor === 'admin'), 'reading the outbox is audited')
  await world.screenshot(page, 'admin-outbox')

  // A manager and an agent are kept out, in the desk and by the API.
  for (const user of ['manager', 'agent']) {
    const p = await world.signIn(user)
    await p.goto(`${world.baseURL}/desk/admin`)
    await p.getByTestId('forbidden').waitFor({ timeout: 10000 })
    assert.equal((await world.api(user, 'GET', '/api/v1/users')).status, 403, `${user} may not list accounts`)
    assert.equal((await world.api(user, 'PUT', `/api/v1/units/${street.id}`, { name: 'x', kind: 'street' })).status, 403, `${user} may not change units`)
  }
  assert.equal((await world.api('agent', 'GET', '/api/v1/audit')).status, 403, 'an agent may not read the audit trail')
  assert.equal((await world.api('manager', 'GET', '/api/v1/audit')).status, 200, 'a manager may read the audit trail')
  for (const user of ['manager', 'agent'])
    assert.equal((await world.api(user, 'GET', '/api/v1/notifications')).status, 403, `${user} may not read the outbox`)
}
