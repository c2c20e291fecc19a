export const name = 'each role signs in and lands on its own home; a wrong password is refused in Chinese'

export async function run(world, assert) {
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

  const homes = { agent: /\/desk\/agent/, dispatcher: /\/desk\/dispatch/, tianhe: /\/desk\/unit/, callback: /\/desk\/callback/, supervisor: /\/desk\/supervision/, manager: /\/desk\/tickets/ }
  for (const [user, home] of Object.entries(homes)) {
    const p = await world.signIn(user)
    await p.waitForURL(home)
    await p.getByTestId('who').waitFor()
    assert.match(await p.getByTestId('who').innerText(), new RegExp(user))
  }
}
