// The settings page: an admin changes the complaint deadline and the dispatch-timeliness limit in
// the browser (each after its confirmation), the KPI save says how many months it recomputed, the
// API serves the new values, a new complaint gets the new deadline, and both changes are in the
// audit trail. A manager reads the page without save buttons. The defaults are restored at the end.
export const name = 'admin changes a deadline and the dispatch limit; the audit shows both; a manager reads only'

export async function run(world, assert) {
  const before = (await world.api('admin', 'GET', '/api/v1/settings')).body
  assert.equal(before.kpi.dispatch_limit_seconds, before.defaults.kpi.dispatch_limit_seconds, 'the demo runs on the default limit')

  const page = await world.signIn('admin')
  await page.waitForURL(/\/desk\/admin\/accounts/)
  await page.getByRole('link', { name: '系统设置' }).click()
  await page.waitForURL(/\/desk\/admin\/settings/)
  const deadlines = page.getByTestId('settings-deadlines')
  await deadlines.waitFor({ timeout: 10000 })
  const complaintDays = page.getByTestId('days-complaint').locator('input')
  assert.equal(await complaintDays.inputValue(), String(before.deadlines.working_days.complaint))

  const confirm = async () => {
    const box = page.locator('.el-message-box')
    await box.waitFor()
    const text = await box.innerText()
    await box.getByRole('button', { name: '保存', exact: true }).click()
    await box.waitFor({ state: 'hidden' })
    return text
  }

  // 处理时限: complaints within 12 working days.
  await complaintDays.fill('12')
  await complaintDays.press('Tab')
  await page.getByTestId('save-deadlines').click()
  assert.match(await confirm(), /已登记工单的时限不变/)
  await page.getByText('处理时限已保存').waitFor({ timeout: 5000 })
  const afterDeadline = (await world.api('admin', 'GET', '/api/v1/settings')).body
  assert.equal(afterDeadline.deadlines.working_days.complaint, 12, 'the API serves the new deadline')
  const preview = await world.api('agent', 'GET', '/api/v1/deadline-preview?type=complaint')
  assert.equal(preview.status, 200)

  // 考核指标设置: dispatched in time within 90 minutes.
  const minutes = page.getByTestId('kpi-dispatch-minutes').locator('input')
  assert.equal(await minutes.inputValue(), '120')
  await minutes.fill('90')
  await minutes.press('Tab')
  await page.getByTestId('save-kpi').click()
  assert.match(await confirm(), /重新计算/)
  const result = page.getByTestId('kpi-result')
  await result.waitFor({ timeout: 30000 })
  assert.match(await result.innerText(), /已重新计算 \d+ 个月的计数，用时 \d+ 毫秒/)
  const afterKpi = (await world.api('admin', 'GET', '/api/v1/settings')).body
  assert.equal(afterKpi.kpi.dispatch_limit_seconds, 5400, 'the API serves the new limit')
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 })  // the toasts fade
  await world.screenshot(page, 'admin-settings')

  // Both changes in the audit view, found by their subject.
  await page.getByRole('link', { name: '审计日志' }).click()
  await page.waitForURL(/\/desk\/admin\/audit/)
  await page.getByLabel('对象').fill('settings:')
  await page.getByTestId('audit-apply').click()
  const audit = page.getByTestId('audit-table')
  const rows = audit.locator('tr', { has: page.locator('[data-action="settings_changed"]') })
  await rows.nth(1).waitFor({ timeout: 10000 })
  const trail = (await world.api('admin', 'GET', '/api/v1/audit?subject=settings:&limit=50')).body.items
  for (const subject of ['settings:deadlines', 'settings:kpi'])
    assert.ok(trail.some((e) => e.subject === subject && e.actor === 'admin' && e.action === 'settings_changed'), `${subject} audited`)
  const kpiEntry = trail.find((e) => e.subject === 'settings:kpi')
  assert.equal(JSON.parse(kpiEntry.before).dispatch_limit_seconds, 7200)
  assert.equal(JSON.parse(kpiEntry.after).dispatch_limit_seconds, 5400)

  // A manager reads the settings without saving; the API refuses a manager's PUT.
  const manager = await world.signIn('manager')
  await manager.goto(`${world.baseURL}/desk/admin/settings`)
  await manager.getByTestId('settings-kpi').waitFor({ timeout: 10000 })
  assert.equal(await manager.getByTestId('save-kpi').count(), 0, 'no save button for a manager')
  assert.equal((await world.api('manager', 'PUT', '/api/v1/settings/kpi', afterKpi.kpi)).status, 403)

  // Back to the defaults for the journeys after this one.
  assert.equal((await world.api('admin', 'PUT', '/api/v1/settings/deadlines', before.defaults.deadlines)).status, 200)
  assert.equal((await world.api('admin', 'PUT', '/api/v1/settings/kpi', before.defaults.kpi)).status, 200)
}
