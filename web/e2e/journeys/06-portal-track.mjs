// Tracking on the portal from a phone: a citizen submits, follows the receipt's link to 查询,
// asks for a code (read here from the outbox as an admin, as a gateway would deliver it), sees
// the request accepted; staff handle it through the API (review, dispatch, acknowledge, reply,
// approve); the citizen refreshes, sees the reply and rates it 满意; the desk shows the rating.
// Then a second request is rated 不满意 through the API and the KPI report's dissatisfied-result
// figures (不满意回访率) move as they do for a callback by phone.
import { createHash } from 'node:crypto'

export const name = 'portal tracking: code from the outbox, the state, the reply after staff handle it, 满意 on the desk; 不满意 moves the KPI'

const PHONE = '13712345678'

async function codeFor(world, assert, id) {
  const page = await world.api('admin', 'GET', '/api/v1/notifications?kind=one_time_code&limit=50')
  assert.equal(page.status, 200, JSON.stringify(page.body))
  const message = page.body.items.find((m) => m.ticket_id === id)
  assert.ok(message, `a one-time code for ticket ${id} in the outbox`)
  assert.match(message.text, /10 分钟内有效/)
  return message.text.match(/验证码为 (\d{6})/)[1]
}

async function messagesAbout(world, kind, id) {
  const page = await world.api('admin', 'GET', `/api/v1/notifications?kind=${kind}&limit=100`)
  return page.body.items.filter((m) => m.ticket_id === id)
}

async function handle(world, id) {
  await world.walk(id, [
    ['agent', 'submit', {}],
    ['dispatcher', 'review', { approve: true }],
    ['dispatcher', 'dispatch', { lead_unit: '440106' }],
    ['tianhe', 'acknowledge', {}],
    ['tianhe', 'reply', { reply: '经核查，施工单位已调整作业时间，夜间 22 时后停止施工。' }],
    ['dispatcher', 'review_reply', { approve: true }],
  ])
}

async function post(world, path, body, headers = {}) {
  const r = await fetch(`${world.apiURL}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}

// A submission through the API, its proof of work solved here.
async function submitted(world, assert, phone) {
  const issued = await post(world, '/api/v1/portal/challenges', {})
  assert.equal(issued.status, 201)
  const { challenge, difficulty } = issued.body
  const zeros = (digest) => {
    let bits = 0
    for (const byte of digest) {
      if (byte === 0) { bits += 8; continue }
      bits += Math.clz32(byte) - 24
      break
    }
    return bits
  }
  let nonce = 0
  while (zeros(createHash('sha256').update(`${challenge}:${nonce}`).digest()) < difficulty) nonce++
  const r = await post(world, '/api/v1/portal/requests', {
    type: 'complaint', text: '体育西路地铁站出口共享单车乱停放，行人无法通过。', place: { district: '440106' },
    name: '王先生', phone, consent: true, challenge, nonce: String(nonce),
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return r.body.ticket_id
}

const kpi = async (world) => {
  const year = new Date().getFullYear()
  const r = await world.api('supervisor', 'GET', `/api/v1/reports/kpi?year=${year}`)
  if (r.status === 404) return { numerator: 0, denominator: 0 }  // no KPI record this year yet
  return r.body.kpis.dissatisfied_callback_rate.year
}

export async function run(world, assert) {
  const context = await world.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  await page.goto(`${world.baseURL}/`)
  await page.getByTestId('portal-form').waitFor()
  await page.getByText('投诉', { exact: true }).tap()
  await page.getByLabel('发生了什么').fill(`天河路夜间施工噪音扰民，凌晨一点仍在作业。${Date.now() % 100000}`)
  await page.getByLabel('区', { exact: true }).selectOption({ label: '天河区' })
  await page.getByLabel('街道/镇').selectOption({ label: '石牌街道' })
  await page.getByLabel('详细地址').fill('天河路 200 号')
  await page.getByLabel('称呼').fill('林女士')
  await page.getByLabel('手机号码').fill(PHONE)
  await page.getByTestId('consent').tap()
  await page.getByTestId('submit').tap()
  await page.getByTestId('receipt').waitFor({ timeout: 30000 })
  const id = Number((await page.getByTestId('receipt-number').innerText()).trim())
  const registered = await messagesAbout(world, 'ticket_registered', id)
  assert.equal(registered.length, 1, 'the citizen is told the request was registered')
  assert.match(registered[0].text, new RegExp(`您的诉求已受理，工单编号 ${id}`))

  // 查询 from the receipt: the number is filled in.
  await page.getByTestId('receipt-track').tap()
  await page.waitForURL(/\/track\?id=\d+$/)
  assert.equal(await page.getByLabel('受理编号').inputValue(), String(id))
  await page.getByLabel('提交时填写的手机号码').fill('137 1234 5678')
  await page.getByTestId('track-send').tap()
  await page.getByTestId('track-sent').waitFor()
  assert.match(await page.getByTestId('track-send').innerText(), /重新获取（\d+ 秒）/)
  assert.equal(await page.getByTestId('track-send').isDisabled(), true, '60 seconds before another code')
  const code = await codeFor(world, assert, id)
  await page.getByLabel('短信验证码').fill(code === '000000' ? '000001' : '000000')
  await page.getByTestId('track-verify').tap()
  await page.getByTestId('track-code-error').waitFor()
  assert.match(await page.getByTestId('track-code-error').innerText(), /验证码错误，还可以再试 4 次/)
  await page.evaluate(() => window.scrollTo(0, 0))
  await world.screenshot(page, 'portal-track-code')
  await page.getByLabel('短信验证码').fill(code)
  await page.getByTestId('track-verify').tap()
  await page.getByTestId('track-view').waitFor()
  assert.equal((await page.getByTestId('track-number-shown').innerText()).trim(), String(id))
  assert.match(await page.locator('[aria-current="step"]').innerText(), /已受理/)
  assert.match(await page.getByTestId('track-unit').innerText(), /待转办/)
  await world.screenshot(page, 'portal-track-accepted')

  // Staff handle it; the citizen is told, refreshes, and sees the reply.
  await handle(world, id)
  const replied = await messagesAbout(world, 'ticket_replied', id)
  assert.equal(replied.length, 1)
  assert.match(replied[0].text, /已答复，可凭编号查询并评价/)
  await page.getByTestId('track-refresh').tap()
  await page.getByTestId('track-reply').waitFor()
  assert.match(await page.getByTestId('track-reply').innerText(), /夜间 22 时后停止施工/)
  assert.match(await page.locator('[aria-current="step"]').innerText(), /已答复/)
  assert.match(await page.getByTestId('track-unit').innerText(), /天河区/)
  const viewText = await page.getByTestId('track-view').innerText()
  assert.ok(!/tianhe|dispatcher|林女士|13712345678/.test(viewText), 'no staff names, nothing personal')
  await world.screenshot(page, 'portal-track-reply')

  // English on a switch, then back.
  await page.getByTestId('language').tap()
  await page.getByText('Track your request').waitFor()
  await page.getByTestId('language').tap()

  await page.getByTestId('rate-satisfied').tap()
  await page.getByTestId('track-rating').waitFor()
  assert.match(await page.getByTestId('track-rating').innerText(), /您的评价：满意/)
  assert.match(await page.locator('[aria-current="step"]').innerText(), /已办结/)
  await world.screenshot(page, 'portal-track-rated')
  await context.close()

  // The desk shows the citizen's rating; the history names the portal.
  const desk = await world.signIn('dispatcher')
  await desk.goto(`${world.baseURL}/desk/tickets/${id}`)
  await desk.getByTestId('ticket-rating').waitFor()
  assert.match(await desk.getByTestId('ticket-rating').innerText(), /满意/)
  await desk.context().close()
  const ticket = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}`)).body
  assert.equal(ticket.rating, 'satisfied')
  assert.equal(ticket.state, 'closed')
  const history = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${id}/history`)).body
  const last = history.items.at(-1)
  assert.equal(last.action, 'callback')
  assert.equal(last.actor, 'citizen-portal')

  // 不满意 through the API: the KPI's dissatisfied results and their in-time callbacks move by one.
  const second = await submitted(world, assert, '13712345679')
  await handle(world, second)
  const asked = await post(world, '/api/v1/portal/track/codes', { ticket_id: second, phone: '13712345679' })
  assert.equal(asked.status, 202)
  const grant = await post(world, '/api/v1/portal/track', { ticket_id: second, phone: '13712345679', code: await codeFor(world, assert, second) })
  assert.equal(grant.status, 201, JSON.stringify(grant.body))
  const before = await kpi(world)
  const auth = { Authorization: `Track ${grant.body.token}` }
  const noReason = await post(world, `/api/v1/portal/track/${second}/rating`, { level: 'dissatisfied' }, auth)
  assert.equal(noReason.status, 400)
  assert.equal(noReason.body.error.field, 'reason')
  const rated = await post(world, `/api/v1/portal/track/${second}/rating`, { level: 'dissatisfied', reason: '单车仍然堵住出口' }, auth)
  assert.equal(rated.status, 200, JSON.stringify(rated.body))
  const after = await kpi(world)
  assert.equal(after.denominator, before.denominator + 1, 'one more dissatisfied result')
  assert.equal(after.numerator, before.numerator + 1, 'called back in time, as a callback rated dissatisfied is')
  const redo = await world.api('callback', 'POST', `/api/v1/tickets/${second}/redo`, { reason: '市民网上评价不满意，重新办理' })
  assert.equal(redo.status, 200, JSON.stringify(redo.body))
}
