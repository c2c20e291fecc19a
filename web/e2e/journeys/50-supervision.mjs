// The supervisor's main path: the board shows the demo's overdue tickets counted per unit, a notice
// goes out with a reason, and the ticket is then listed under "notices issued" with its notice.
export const name = 'supervisor sees overdue tickets by unit, issues a notice with a reason, sees it under notices issued'

export async function run(world, assert) {
  const page = await world.signIn('supervisor')
  await page.waitForURL(/\/desk\/supervision/)
  const table = page.getByTestId('ticket-table')
  await page.getByTestId('unit-count').first().waitFor({ timeout: 10000 })
  assert.ok((await page.getByTestId('unit-count').count()) >= 2, 'counts for several units')

  const overdue = await world.api('supervisor', 'GET', '/api/v1/tickets?overdue=true&sort=deadline&limit=5')
  assert.ok(overdue.body.items.length > 0, 'the demo has overdue tickets')
  const target = overdue.body.items.find((t) => (t.allowed_actions ?? []).includes('supervise') && (t.supervision_count ?? 0) === 0) ?? overdue.body.items[0]
  await table.getByText(target.title).first().waitFor({ timeout: 10000 })
  assert.equal(await page.locator('[data-light="red"]').first().isVisible(), true, 'red lights on the overdue tab')
  await world.screenshot(page, 'supervision-board')

  // A unit filters the lists.
  const unitRow = page.getByTestId('unit-count').first()
  await unitRow.getByRole('button').click()
  await page.waitForURL(/unit=/)
  await page.getByRole('button', { name: '全部单位' }).first().click()

  // Issue a notice: a reason is required.
  await page.getByRole('checkbox', { name: `编号 ${target.id}` }).locator('..').click()
  await page.getByTestId('supervise-selected').click()
  const dialog = page.getByRole('dialog', { name: /发出督办通知/ })
  await dialog.waitFor()
  await dialog.getByTestId('supervise-submit').click()
  await dialog.getByText('请填写督办理由').waitFor()
  const reason = `已超期，请今日内答复（E2E ${Date.now() % 100000}）`
  await dialog.getByLabel('理由').fill(reason)
  await dialog.getByTestId('supervise-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  const after = await world.api('supervisor', 'GET', `/api/v1/tickets/${target.id}`)
  assert.equal(after.body.supervision_count, (target.supervision_count ?? 0) + 1)

  // "Notices issued": the ticket with its count, and the notice itself from the history.
  await page.getByTestId('tab-supervised').click()
  const supervised = page.getByTestId('supervised-table')
  const row = supervised.locator('tr', { hasText: target.title }).first()
  await row.waitFor({ timeout: 5000 })
  assert.equal((await row.getByTestId('row-supervision-count').innerText()).trim(), String(after.body.supervision_count))
  await row.getByRole('button', { name: target.title }).click()
  const drawer = page.getByTestId('notices-drawer')
  await drawer.getByTestId('notice').filter({ hasText: reason }).waitFor({ timeout: 5000 })
  assert.match(await drawer.getByTestId('notice').first().innerText(), /supervisor/)
  await page.waitForTimeout(500) // the drawer's slide-in
  await world.screenshot(page, 'supervision-notices')
}
