// Quality inspection (质检): a supervisor samples tickets an agent has just registered and scores one
// on the default checklist; the agent sees the score on "我的质检"; the agent cannot open the
// supervisor's page (403 page) and the API refuses the agent's sample.
export const name = 'supervisor samples and scores an agent\'s tickets; the agent sees the score, cannot sample'

export async function run(world, assert) {
  const me = await world.api('agent', 'GET', '/api/v1/me')
  assert.equal(me.status, 200)
  const agentId = me.body.id ?? me.body.user?.id
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
  const from = iso(Date.now() - 60_000)
  const titles = []
  for (let i = 0; i < 3; i++) {
    const title = `质检抽样工单 ${i} (E2E ${Date.now() % 100000})`
    const reg = await world.api('agent', 'POST', '/api/v1/tickets', {
      type: 'complaint', channel: 'phone', title, text: '天河区五山路路灯不亮，晚上行人看不清路。', place: { district: '440106' },
    })
    assert.equal(reg.status, 201, JSON.stringify(reg.body))
    titles.push(title)
  }

  // The API refuses the agent.
  const checklists = await world.api('agent', 'GET', '/api/v1/quality/checklists')
  assert.equal(checklists.status, 200)
  const checklist = checklists.body.items[0]
  assert.ok(checklist && checklist.items.some((item) => item.label === '问候语'), 'the demo checklist')
  const to = iso(Date.now() + 3_600_000)
  const refused = await world.api('agent', 'POST', '/api/v1/quality/samples', { agent_id: agentId, from, to, size: 2, checklist_id: checklist.id })
  assert.equal(refused.status, 403)

  // The supervisor draws through the page (this month's tickets, the ones just registered among them).
  const page = await world.signIn('supervisor')
  await page.goto(page.url().replace(/\/desk\/.*/, '/desk/quality'))
  await page.waitForURL(/\/desk\/quality/)
  // The agent is picked from the list of active agents, by keyboard: type to filter, Enter takes the first match.
  const agents = await world.api('supervisor', 'GET', '/api/v1/quality/agents')
  assert.equal(agents.status, 200)
  const listed = agents.body.items.find((a) => a.id === agentId)
  assert.ok(listed && Object.keys(listed).sort().join() === 'display_name,id,username', 'the agent, with id and names only')
  assert.equal((await world.api('agent', 'GET', '/api/v1/quality/agents')).status, 403)
  const agentBox = page.getByRole('combobox', { name: '话务员', exact: true })
  await agentBox.click()
  await agentBox.pressSequentially(listed.username)
  const label = listed.display_name ? `${listed.display_name} (${listed.username})` : listed.username
  await page.getByRole('option', { name: label, exact: true }).waitFor()
  await agentBox.press('Enter')
  await page.getByTestId('agent-select').getByText(label, { exact: true }).waitFor()
  await page.getByLabel('抽取件数').fill('2')
  await page.getByTestId('draw').click()
  const pending = page.getByTestId('pending-table')
  await pending.getByTestId('score').first().waitFor({ timeout: 10000 })
  const drawn = await world.api('supervisor', 'GET', `/api/v1/quality/inspections?agent_id=${agentId}&state=pending`)
  assert.equal(drawn.body.items.length, 2, 'two inspections drawn')
  assert.ok(drawn.body.items.every((i) => i.agent_id === agentId && i.seed >= 0), 'the agent\'s tickets, with the seed')
  await world.screenshot(page, 'quality-sample')

  // Score the first: the dialog shows the ticket as recorded.
  await pending.getByTestId('score').first().click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('heading', { name: `#${drawn.body.items[0].ticket_id} ` }).waitFor()
  await dialog.getByLabel('问候语', { exact: true }).fill('8')
  await dialog.getByLabel('评语').fill('问候规范，记录完整')
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished))) // the dialog's fade-in
  await world.screenshot(page, 'quality-score')
  await dialog.getByTestId('save-score').click()
  await dialog.waitFor({ state: 'hidden' })
  const scored = await world.api('supervisor', 'GET', `/api/v1/quality/inspections?agent_id=${agentId}&state=scored`)
  assert.equal(scored.body.items.length, 1)
  assert.equal(scored.body.items[0].total, 98, '8 of 10 and full points elsewhere: 98 %')
  const again = await world.api('supervisor', 'PUT', `/api/v1/quality/inspections/${scored.body.items[0].id}/score`, { scores: scored.body.items[0].scores })
  assert.equal(again.status, 409, 'a score is final')
  await page.getByRole('tab', { name: /成绩统计/ }).click()
  await page.getByTestId('agent-scores').getByText('agent').first().waitFor()
  await world.screenshot(page, 'quality-scores')

  // The agent sees the score, and cannot open the supervisor's page.
  const agentPage = await world.signIn('agent')
  await agentPage.goto(agentPage.url().replace(/\/desk\/.*/, '/desk/quality/mine'))
  const mine = agentPage.getByTestId('my-inspections')
  await mine.getByText('问候规范，记录完整').waitFor({ timeout: 10000 })
  await mine.getByText('98').first().waitFor()
  await world.screenshot(agentPage, 'quality-mine')
  await agentPage.goto(agentPage.url().replace(/\/desk\/.*/, '/desk/quality'))
  await agentPage.waitForURL(/\/desk\/forbidden/)
  await agentPage.getByText('您没有访问此页面的权限').waitFor()

  // The admin's editor shows the demo checklist and team.
  const adminPage = await world.signIn('admin')
  await adminPage.goto(adminPage.url().replace(/\/desk\/.*/, '/desk/quality/admin'))
  await adminPage.getByRole('heading', { name: '质检设置' }).waitFor()
  await adminPage.waitForFunction(() => [...document.querySelectorAll('input')].some((i) => i.value === '默认质检表'))
  assert.ok(await adminPage.getByLabel('班组名称').first().inputValue(), 'the demo team')
  await world.screenshot(adminPage, 'quality-admin')
}
