export const name = 'each role signs in and lands on its own home; a wrong password is refused in Chinese'

export async function run(world, assert) {
  await checkServing(world, assert)
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await page.goto(`${world.baseURL}/desk/`)
  await page.waitForURL(/\/desk\/login/)
  await world.screenshot(page, 'login')
  await page.getByLabel('用户名').fill('agent')
  await page.getByLabel('密码').fill('wrong-password')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('login-error').waitFor()
  assert.match(await page.getByTestId('login-error').innerText(), /用户名或密码错误/)

  const homes = { agent: /\/desk\/agent/, dispatcher: /\/desk\/dispatch/, tianhe: /\/desk\/unit/, callback: /\/desk\/callback/, supervisor: /\/desk\/supervision/, manager: /\/desk\/dashboard/, admin: /\/desk\/admin\/accounts/ }
  for (const [user, home] of Object.entries(homes)) {
    const p = await world.signIn(user)
    await p.waitForURL(home)
    await p.getByTestId('who').waitFor()
    assert.match(await p.getByTestId('who').innerText(), new RegExp(user))
  }
}

// The desk as served: security headers, caching, history fallback (only against `hotline serve`).
export async function checkServing(world, assert) {
  if (process.env.E2E_VIA_VITE === '1') return
  const index = await fetch(`${world.baseURL}/desk/`)
  assert.equal(index.status, 200)
  const csp = index.headers.get('content-security-policy') ?? ''
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? ''
  assert.ok(scriptSrc.includes("'self'") && !scriptSrc.includes('unsafe'), `script-src without inline or eval: ${csp}`)
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff')
  assert.match(index.headers.get('cache-control') ?? '', /no-cache/)
  const html = await index.text()
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'no inline script in index.html')
  const asset = /\/desk\/assets\/[^"]+\.js/.exec(html)[0]
  const js = await fetch(`${world.baseURL}${asset}`, { headers: { 'Accept-Encoding': 'br' } })
  assert.equal(js.status, 200)
  assert.match(js.headers.get('cache-control') ?? '', /immutable/)
  assert.match(js.headers.get('content-type') ?? '', /javascript/)
  const deep = await fetch(`${world.baseURL}/desk/tickets/42`)
  assert.equal(deep.status, 200, 'a client-side route gets index.html')
  const outside = await fetch(`${world.baseURL}/desk/..%2f..%2fetc%2fpasswd`)
  assert.equal(outside.status, 404)
  const root = await fetch(`${world.baseURL}/`, { redirect: 'manual' })
  assert.equal(root.status, 200, 'the citizens\' portal is at /')
  assert.match(await root.text(), /<title>12345 市民诉求<\/title>/)
}
