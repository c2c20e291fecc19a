// The citizens' portal on a phone: `/` opens the form (no account), an empty submit marks the
// fields, the complaint filled with a district and street from /api/v1/portal/places and a JPEG
// that carries EXIF GPS, submitted (the proof of work solved in the browser), the receipt's number;
// then a dispatcher's desk shows the ticket on channel 网站 with its photo, which has lost "GPS".
export const name = 'portal: a phone submits a complaint with a photo; the receipt; the desk sees a web ticket, the photo without GPS'

// An APP1 Exif segment naming where the photo was taken (enough for the server to find and drop).
function exifWithGps() {
  const body = Buffer.concat([Buffer.from('Exif\0\0II*\0\x08\0\0\0\0\0', 'binary'), Buffer.from('GPS 23.1291N 113.2644E', 'ascii')])
  const head = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff])
  return Buffer.concat([head, body])
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
  assert.equal(await page.title(), '12345 市民诉求')

  // A real JPEG from the browser's own encoder, with an Exif GPS segment put in after SOI.
  const encoded = Buffer.from(
    await page.evaluate(() => {
      const canvas = document.createElement('canvas')
      canvas.width = 64
      canvas.height = 48
      const g = canvas.getContext('2d')
      g.fillStyle = '#3a7'
      g.fillRect(0, 0, 64, 48)
      g.fillStyle = '#c22'
      g.fillRect(16, 12, 32, 24)
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]
    }),
    'base64',
  )
  assert.equal(encoded[0], 0xff)
  assert.equal(encoded[1], 0xd8)
  const jpeg = Buffer.concat([encoded.subarray(0, 2), exifWithGps(), encoded.subarray(2)])
  assert.ok(jpeg.includes('GPS'))

  // An empty submit: the fields are marked, nothing is sent.
  await page.getByTestId('submit').tap()
  await page.getByTestId('banner').waitFor()
  assert.match(await page.getByTestId('banner').innerText(), /请先更正/)
  assert.ok((await page.locator('[aria-invalid="true"]').count()) >= 5)
  assert.match(await page.locator('.error').first().innerText(), /请选择诉求类型/)

  // The form, by touch.
  await page.getByText('投诉', { exact: true }).tap()
  const text = `五山路夜间施工噪音扰民，每天到凌晨两点，已经持续一周。${Date.now() % 100000}`
  await page.getByLabel('发生了什么').fill(text)
  assert.equal(await page.getByTestId('text-count').innerText(), `${Array.from(text).length}/2000`)
  await page.getByLabel('区', { exact: true }).selectOption({ label: '天河区' })
  const streets = await page.getByLabel('街道/镇').locator('option').allInnerTexts()
  assert.ok(streets.includes('石牌街道'), `streets of 天河区: ${streets}`)
  assert.ok(!streets.includes('北京街道'), 'only the chosen district\'s streets')
  await page.getByLabel('街道/镇').selectOption({ label: '石牌街道' })
  await page.getByLabel('详细地址').fill('五山路 100 号')
  await page.getByTestId('photo-input').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: jpeg })
  await page.getByTestId('photo-preview').first().waitFor()
  await page.getByLabel('称呼').fill('陈女士')
  await page.getByLabel('手机号码').fill('139 2000 1234')
  assert.match(await page.getByTestId('privacy').innerText(), /收集什么[\s\S]*为什么[\s\S]*谁能看到[\s\S]*保存多久/)
  await page.getByTestId('consent').tap()
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'the corrected fields lose their marks')
  assert.equal(await page.getByTestId('banner').count(), 0, 'and the banner goes')
  await page.evaluate(() => window.scrollTo(0, 0))
  await world.screenshot(page, 'portal-submit')

  await page.getByTestId('submit').tap()
  await page.getByTestId('receipt').waitFor({ timeout: 30000 })
  const number = (await page.getByTestId('receipt-number').innerText()).trim()
  assert.match(number, /^\d+$/)
  assert.match(await page.getByTestId('receipt-photos').innerText(), /照片已上传 1\/1/)
  assert.match(await page.getByTestId('receipt').innerText(), /短信验证码/)
  assert.match(await page.getByTestId('receipt-deadline').innerText(), /\d{4}/)
  await world.screenshot(page, 'portal-receipt')

  // English on a switch.
  await page.getByTestId('language').tap()
  await page.getByText('Request submitted').waitFor()
  await page.getByTestId('language').tap()
  await context.close()

  // The dispatcher's desk: the ticket on channel 网站, its photo listed with a preview.
  const desk = await world.signIn('dispatcher')
  await desk.goto(`${world.baseURL}/desk/tickets/${number}`)
  await desk.getByTestId('attachments').waitFor()
  await desk.getByText('网站', { exact: true }).first().waitFor()
  await desk.getByTestId('attachment').first().waitFor()
  assert.match(await desk.getByTestId('attachment').first().innerText(), /照片1\.jpg/)
  await desk.locator('img.attachments__thumb').first().waitFor()
  await desk.context().close()

  // The stored photo: a JPEG still, without the GPS segment.
  const ticket = (await world.api('dispatcher', 'GET', `/api/v1/tickets/${number}`)).body
  assert.equal(ticket.channel, 'web')
  assert.equal(ticket.text, text)
  const sha = ticket.attachments[0].sha256
  const token = await world.token('dispatcher')
  const file = await fetch(`${world.apiURL}/api/v1/tickets/${number}/attachments/${sha}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(file.status, 200)
  const bytes = Buffer.from(await file.arrayBuffer())
  assert.equal(bytes[0], 0xff)
  assert.equal(bytes[1], 0xd8)
  assert.ok(!bytes.includes('GPS'), 'the GPS bytes are gone')
  assert.ok(bytes.length < jpeg.length)
}
