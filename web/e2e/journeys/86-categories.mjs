// The administrator keeps the category tree and the calendar right: a category added under a
// first level, renamed, and retired (then refused on a new ticket), a holiday reset to an ordinary
// day in the month grid; each change is in the audit view with its subject.
export const name = 'admin adds, renames and retires a category, resets a holiday in the month grid; the audit shows each'

export async function run(world, assert) {
  const page = await world.signIn('admin')
  await page.waitForURL(/\/desk\/admin/)
  const level1 = (await world.api('admin', 'GET', '/api/v1/categories')).body.items.find((c) => !c.retired).level1
  const stamp = Date.now() % 10000
  const added = `E2E 测试分类 ${stamp}`
  const renamed = `E2E 改名分类 ${stamp}`
  const categoryPath = (name) => `${level1}/${name}`
  const findCategory = async (path) => (await world.api('admin', 'GET', '/api/v1/categories')).body.items.find((c) => c.path === path)

  // Add a child under the first level.
  await page.getByRole('link', { name: '分类' }).click()
  await page.waitForURL(/\/desk\/admin\/categories/)
  const tree = page.getByTestId('category-tree')
  await tree.waitFor({ timeout: 10000 })
  await page.getByLabel(`在 ${level1} 下添加子类`, { exact: true }).click()
  const addDialog = page.getByRole('dialog', { name: '添加分类' })
  await addDialog.waitFor()
  await addDialog.getByLabel('名称').fill(added)
  await addDialog.getByTestId('category-save').click()
  await addDialog.waitFor({ state: 'hidden' })
  await page.getByTestId(`category-${categoryPath(added)}`).waitFor({ timeout: 5000 })
  assert.ok(await findCategory(categoryPath(added)), 'the category is stored')

  // Rename it.
  await page.getByLabel(`给 ${categoryPath(added)} 改名`, { exact: true }).click()
  const renameDialog = page.getByRole('dialog', { name: '分类改名' })
  await renameDialog.waitFor()
  await renameDialog.getByLabel('名称').fill(renamed)
  await renameDialog.getByTestId('category-save').click()
  await renameDialog.waitFor({ state: 'hidden' })
  await page.getByTestId(`category-${categoryPath(renamed)}`).waitFor({ timeout: 5000 })
  assert.equal(await findCategory(categoryPath(added)), undefined, 'the old path is gone')
  assert.ok(await findCategory(categoryPath(renamed)), 'the new path is stored')

  // Retire it after the confirmation: greyed and tagged; a new ticket with it is refused.
  await page.getByLabel(`停用 ${categoryPath(renamed)}`, { exact: true }).click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: '停用', exact: true }).click()
  await box.waitFor({ state: 'hidden' })
  const node = page.getByTestId(`category-${categoryPath(renamed)}`)
  await node.getByText('已停用').waitFor({ timeout: 5000 })
  assert.equal((await findCategory(categoryPath(renamed))).retired, true, 'the category is retired')
  const refused = await world.api('agent', 'POST', '/api/v1/tickets', { type: 'complaint', channel: 'phone', title: 'E2E 停用分类', category: categoryPath(renamed) })
  assert.equal(refused.status, 400, 'a retired category is refused on a new ticket')
  assert.equal(refused.body.error.field, 'category')
  assert.match(refused.body.error.message, /retired/)
  await page.getByLabel('筛选分类').fill(level1)
  await node.scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  await world.screenshot(page, 'admin-categories')

  // Reset a holiday to an ordinary day by clicking it in the month grid.
  const year = new Date().getFullYear()
  const days = (await world.api('admin', 'GET', `/api/v1/calendar?from=${year}-01-01&to=${year}-12-31`)).body.days
  const weekday = (date) => new Date(`${date}T00:00:00Z`).getUTCDay()
  let holiday = days.find((d) => !d.working && weekday(d.date) !== 0 && weekday(d.date) !== 6)?.date
  if (!holiday) {
    holiday = [`${year}-11-11`, `${year}-11-12`].find((d) => weekday(d) !== 0 && weekday(d) !== 6)
    assert.equal((await world.api('admin', 'PUT', '/api/v1/calendar/days', { days: [{ date: holiday, off_day: true, name: 'E2E 假日' }] })).status, 200)
  }
  await page.getByRole('link', { name: '节假日' }).click()
  await page.waitForURL(/\/desk\/admin\/calendar/)
  const grid = page.getByTestId('calendar-grid')
  await grid.waitFor({ timeout: 10000 })
  const cell = grid.getByTestId(`grid-${holiday}`)
  await cell.waitFor()
  assert.equal(await cell.getAttribute('data-kind'), 'holiday', 'the holiday is coloured as one')
  await page.waitForTimeout(300)
  await world.screenshot(page, 'admin-calendar-grid')
  await cell.click()
  const dayDialog = page.getByRole('dialog', { name: new RegExp(`设置 ${holiday}`) })
  await dayDialog.waitFor()
  await dayDialog.getByText('平常日', { exact: true }).click()
  await dayDialog.getByTestId('pick-save').click()
  await dayDialog.waitFor({ state: 'hidden' })
  await page.waitForFunction((date) => document.querySelector(`[data-testid="grid-${date}"]`)?.getAttribute('data-kind') === 'workday', holiday, { timeout: 5000 })
  const after = await world.api('admin', 'GET', `/api/v1/calendar?from=${holiday}&to=${holiday}`)
  assert.equal(after.body.days[0].working, true, 'the day is a working day again')

  // The audit view shows each change by its subject.
  await page.getByRole('link', { name: '审计日志' }).click()
  await page.waitForURL(/\/desk\/admin\/audit/)
  const audit = page.getByTestId('audit-table')
  await page.getByLabel('对象').fill(`category:${level1}/E2E`)
  await page.getByTestId('audit-apply').click()
  for (const action of ['category_added', 'category_renamed', 'category_retired'])
    await audit.locator(`[data-action="${action}"]`).first().waitFor({ timeout: 10000 })
  await page.getByLabel('对象').fill(`calendar:${year}`)
  await page.getByTestId('audit-apply').click()
  await audit.locator('[data-action="calendar_day_reset"]').first().waitFor({ timeout: 10000 })
  const trail = (await world.api('admin', 'GET', `/api/v1/audit?subject=category:${encodeURIComponent(level1)}&limit=50`)).body.items
  const rename = trail.find((e) => e.action === 'category_renamed' && e.subject === `category:${categoryPath(added)}`)
  assert.ok(rename, 'the rename is audited on the old path')
  assert.equal(JSON.parse(rename.after).path, categoryPath(renamed))
  assert.ok(trail.some((e) => e.action === 'category_retired' && e.actor === 'admin'), 'the retirement is audited')

  // Others may not edit categories.
  assert.equal((await world.api('manager', 'POST', '/api/v1/categories', { name: 'x' })).status, 403)
  assert.equal((await world.api('dispatcher', 'DELETE', `/api/v1/calendar/days/${year}-01-01`)).status, 403)
}
