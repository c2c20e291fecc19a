// The administrator's path: create an account, move a unit, edit a dispatch rule and set a
// holiday, each seen in the audit view with what changed; a manager and an agent cannot open the
// admin pages (403 page) and the API refuses them.
export const name = 'admin creates an account, moves a unit, edits a rule and a holiday, sees each in the audit log; others are refused'

export async function run(world, assert) {
  const page = await world.signIn('admin')
  await page.waitForURL(/\/desk\/admin\/accounts/)
  await page.getByTestId('accounts-table').getByText('dispatcher', { exact: true }).first().waitFor({ timeout: 10000 })

  // An account.
  const username = `e2e${Date.now() % 100000}`
  await page.getByTestId('account-create').click()
  const dialog = page.getByRole('dialog', { name: '新建账号' })
  await dialog.waitFor()
  await dialog.getByLabel('用户名').fill(username)
  await dialog.getByLabel('姓名').fill('测试坐席')
  await dialog.getByLabel('密码').fill('a-long-e2e-password-1')
  await dialog.getByTestId('acc-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByRole('status').filter({ hasText: `已创建账号 ${username}` }).waitFor()
  await page.getByTestId('accounts-table').getByText(username, { exact: true }).waitFor()
  await world.screenshot(page, 'admin-accounts')

  // A unit moved under another district.
  const units = (await world.api('admin', 'GET', '/api/v1/units')).body.items
  const districts = units.filter((u) => u.kind === 'district')
  const street = units.find((u) => u.kind === 'street' && u.parent_id === districts[0].id)
  const target = districts[1]
  assert.ok(street && target, 'the demo has streets in several districts')
  await page.getByTestId('admin-tab-admin-units').click()
  await page.waitForURL(/\/desk\/admin\/units/)
  await page.getByTestId('units-tree').getByText(street.name, { exact: true }).first().click()
  await page.getByTestId('unit-parent').click()
  await page.keyboard.type(target.name)
  await page.getByRole('option', { name: `${target.name} (${target.id})` }).click()
  await page.getByTestId('unit-save').click()
  await page.getByRole('status').filter({ hasText: `已保存 ${street.name}` }).waitFor()
  const moved = (await world.api('admin', 'GET', '/api/v1/units')).body.items.find((u) => u.id === street.id)
  assert.equal(moved.parent_id, target.id)
  await world.screenshot(page, 'admin-units')

  // A dispatch rule's note.
  const rules = (await world.api('admin', 'GET', '/api/v1/dispatch-catalogue')).body.items
  assert.ok(rules.length > 0, 'the demo has a dispatch catalogue')
  const rule = rules[0]
  await page.getByTestId('admin-tab-admin-catalogue').click()
  await page.getByTestId(`rule-edit-${rule.id}`).click()
  const edit = page.getByRole('dialog', { name: `编辑规则 ${rule.id}` })
  await edit.waitFor()
  const note = `E2E 备注 ${Date.now() % 100000}`
  await edit.getByLabel('备注').fill(note)
  await edit.getByTestId('rule-save').click()
  await edit.waitFor({ state: 'hidden' })
  const saved = (await world.api('admin', 'GET', '/api/v1/dispatch-catalogue')).body.items.find((r) => r.id === rule.id)
  assert.equal(saved.note, note)
  assert.equal(saved.place_co_handles, rule.place_co_handles ?? false, 'the rest of the rule is kept')
  assert.deepEqual(saved.co_units ?? [], rule.co_units ?? [])
  const sample = '小区电梯坏了一个星期没人修'
  const expected = (await world.api('admin', 'POST', '/api/v1/dispatch-catalogue/try', { text: sample })).body
  await page.getByTestId('try-text').fill(sample)
  await page.getByTestId('try-submit').click()
  await page.getByTestId('try-result').filter({ hasText: expected.rule ? expected.rule.id : '无' }).waitFor()
  await world.screenshot(page, 'admin-catalogue')

  // A holiday.
  const year = new Date().getFullYear()
  await page.getByTestId('admin-tab-admin-calendar').click()
  await page.getByTestId('calendar-table').waitFor()
  const date = `${year}-06-10`
  await page.getByLabel('日期', { exact: true }).fill(date)
  await page.getByLabel('名称').fill('E2E 假日')
  await page.getByTestId('cal-save').click()
  await page.getByRole('status').filter({ hasText: `已保存 ${date}` }).waitFor()
  const cal = await world.api('admin', 'GET', `/api/v1/calendar?from=${date}&to=${date}`)
  assert.equal(cal.body.days[0].working, false, 'the day is now off')
  await world.screenshot(page, 'admin-calendar')

  // Each change in the audit view, with before -> after.
  await page.getByTestId('admin-tab-admin-audit').click()
  const audit = page.getByTestId('audit-table')
  for (const [action, subject] of [
    ['user_created', 'user:'],
    ['unit_saved', `unit:${street.id}`],
    ['dispatch_rule_saved', `dispatch_rule:${rule.id}`],
    ['calendar_days_saved', `calendar:${year}`],
  ]) {
    await audit.locator('tr', { hasText: action }).filter({ hasText: subject }).first().waitFor({ timeout: 10000 })
  }
  const unitRow = audit.locator('tr', { hasText: `unit:${street.id}` }).first()
  assert.match(await unitRow.innerText(), new RegExp(`parent_id:\\s*${districts[0].id}\\s*→\\s*${target.id}`))
  await world.screenshot(page, 'admin-audit')
  await page.getByTestId('audit-filter').click()
  await page.getByRole('option', { name: '承办单位', exact: true }).click()
  await audit.locator('tr', { hasText: 'login' }).first().waitFor({ state: 'detached', timeout: 5000 })
  assert.equal(await audit.locator('tr', { hasText: 'dispatch_rule_saved' }).count(), 0, 'the filter keeps unit changes only')
  const entries = (await world.api('admin', 'GET', `/api/v1/audit?subject=dispatch_rule:${rule.id}`)).body.items
  assert.equal(entries[0].action, 'dispatch_rule_saved')
  assert.equal(JSON.parse(entries[0].after).note, note)

  // A manager reads the audit but not the admin pages; an agent neither.
  const manager = await world.signIn('manager')
  await manager.goto(`${world.baseURL}/desk/admin/accounts`)
  await manager.waitForURL(/\/desk\/forbidden/)
  await manager.goto(`${world.baseURL}/desk/admin/audit`)
  await manager.getByTestId('audit-table').waitFor()
  assert.equal((await world.api('manager', 'GET', '/api/v1/users')).status, 403)
  assert.equal((await world.api('manager', 'PUT', `/api/v1/units/${street.id}`, { parent_id: districts[0].id, kind: 'street', name: street.name })).status, 403)
  const agent = await world.signIn('agent')
  await agent.goto(`${world.baseURL}/desk/admin/audit`)
  await agent.waitForURL(/\/desk\/forbidden/)
  await world.screenshot(agent, 'admin-forbidden')
  assert.equal((await world.api('agent', 'GET', '/api/v1/audit')).status, 403)
  assert.equal((await world.api('agent', 'PUT', '/api/v1/calendar/days', { days: [{ date, off_day: false }] })).status, 403)
}
