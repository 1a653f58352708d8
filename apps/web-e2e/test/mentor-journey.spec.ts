import type { BrowserContext, Page } from 'playwright-core';
import { checkPage, logIn, openPage, SIZES, startSystemAndBrowser } from './browser';

/**
 * Journey (2) of the web app in Chromium against the whole system: the `green` mentor (Wim
 * Goossens of the demo) makes room in their profile, a partner submits an idea in green (over
 * HTTP: journey (1) does that in the browser), the mentor sees the notification, follows it to the
 * proposal, accepts it, plans a session, finds it in the week and the month view and moves it,
 * and sees it on the idea's own page of its sessions.
 * On a desktop and on a 360 px wide phone; every page state visited passes axe's WCAG 2.1 AA check.
 */
const the = startSystemAndBrowser();

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${the.system.gatewayUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer as T;
}

/** The demo partner drafts and submits an idea in green; its id. */
async function submitGreenIdea(title: string): Promise<string> {
  const { accessToken } = await call<{ accessToken: string }>('POST', '/api/v1/auth/login', null, { email: 'partner@cirkel.test', password: 'cirkel-demo' });
  const draft = await call<{ id: string }>('POST', '/api/v1/ideas', accessToken, {
    title,
    summary: 'Snoeihout uit de Genkse parken wordt houtsnippers voor de volkstuinen, door leerwerkers.',
    workDomain: 'green',
    strategies: ['reuse', 'recycle'],
    expectedJobs: { regular: 0, social: 2 },
  });
  await call('POST', `/api/v1/ideas/${draft.id}/submission`, accessToken);
  return draft.id;
}


describe.each(SIZES)('the green mentor takes on an idea ($name)', ({ name, viewport, shots }) => {
  let context: BrowserContext;
  let page: Page;
  const title = `Houtsnippers uit snoeihout (${name})`;

  beforeAll(async () => {
    [context, page] = await openPage(the.browser, viewport);
  });
  afterAll(async () => {
    await context?.close();
  });

  const check = (screenshot: string) => checkPage(page, viewport, screenshot, shots);

  it('logs in and makes room for more ideas in the profile', async () => {
    await logIn(page, the.system.gatewayUrl, 'mentor.groen@cirkel.test');
    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn mentorprofiel' }).waitFor();
    expect(await page.getByLabel('Groenontwikkeling').isChecked()).toBe(true);
    await page.getByLabel('Hoeveel ideeën tegelijk').fill('25');
    await page.getByRole('button', { name: 'Profiel bewaren' }).click();
    await page.getByText('Vul een geheel getal in van 0 tot 20.').waitFor();
    await page.getByLabel('Hoeveel ideeën tegelijk').fill('6');
    await page.getByRole('button', { name: 'Profiel bewaren' }).click();
    await page.getByText('Je profiel is bewaard.').waitFor();
    await page.getByText(/Je begeleidt nu \d van de 6 ideeën/).waitFor();
    await check('15-mentor-profile');
  });

  it('sees the notification of the new idea and follows it to the proposal', async () => {
    await submitGreenIdea(title);
    const bell = page.getByRole('link', { name: /^Meldingen/ });
    const proposal = page.getByRole('link', { name: `Voorgesteld om te coachen: ${title}` });
    // The bell reads the count on every page change: move between pages until the proposal is there.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await bell.click();
      await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
      await page.locator('.cards, p:has-text("Je hebt nog geen meldingen")').first().waitFor();
      if (await proposal.count()) break;
      if (Date.now() > deadline) throw new Error('no notification of the proposal');
      await page.waitForTimeout(1000);
      await page.getByRole('link', { name: 'Sessies' }).click();
    }
    await check('16-notification-proposal');
    await proposal.click();
    await page.getByRole('heading', { level: 1, name: 'Voorstellen en ideeën' }).waitFor();
    await page.getByRole('button', { name: `${title} aanvaarden` }).waitFor();
    await check('17-assignments');
  });

  it('accepts the proposal and plans a session', async () => {
    await page.getByRole('button', { name: `${title} aanvaarden` }).click();
    await page.getByText(`Je begeleidt nu “${title}”.`, { exact: false }).waitFor();
    await page.getByText(`Een sessie plannen voor ${title}`).click();
    const form = page.locator('details[open] form');
    await form.getByRole('button', { name: 'Sessie plannen' }).click();
    await form.getByText('Kies een datum en een uur.').waitFor();
    // Tomorrow at 10:00 in Brussels.
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + 86_400_000));
    await form.getByLabel('Begint op').fill(`${tomorrow}T10:00`);
    await form.getByLabel('Duur').selectOption('90');
    await form.getByLabel('Plaats').fill('Kringloopcentrum, Genk');
    // The participants by name: the idea's organisation's people, asked of partners by coaching.
    await form.getByRole('group', { name: 'Deelnemers' }).getByLabel('Sofie Claes').check();
    await form.getByRole('button', { name: 'Sessie plannen' }).click();
    await form.getByText(/^De sessie is gepland op /).waitFor();
    await check('18-session-planned');

    await form.getByRole('link', { name: 'Naar je sessies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sessies' }).waitFor();
    const entry = page.getByRole('button', { name: new RegExp(`^10:00 ${title.replace(/[()]/g, '\\$&')}$`) });
    await page.locator('.week').waitFor();
    if (!(await entry.count())) await page.getByRole('button', { name: 'Volgende week' }).click(); // tomorrow is next week on a Sunday
    await entry.click();
    await page.getByRole('heading', { name: `Sessie over “${title}”` }).waitFor();
    await page.getByText('90 minuten').waitFor();
    await page.locator('.session-detail dd', { hasText: /^Sofie Claes$/ }).waitFor(); // named, not "Deelnemer 1"
    await check('19-sessions-week');
  });

  it('finds the session in the month view and moves it an hour later', async () => {
    await page.getByRole('button', { name: 'Maand', exact: true }).click();
    await page.locator('table.month').waitFor();
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + 86_400_000));
    if (!(await page.getByRole('button', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).count()) && tomorrow.endsWith('-01')) await page.getByRole('button', { name: 'Volgende maand' }).click();
    await page.getByRole('button', { name: new RegExp(`^10:00 ${title.replace(/[()]/g, '\\$&')}$`) }).click();
    await check('20-sessions-month');
    await page.getByRole('button', { name: 'Verplaatsen' }).click();
    await page.getByLabel('Begint op').fill(`${tomorrow}T11:00`);
    await page.getByRole('button', { name: 'Wijziging bewaren' }).click();
    await page.getByText(/^De sessie is verplaatst naar /).waitFor();
    await page.getByRole('button', { name: new RegExp(`^11:00 ${title.replace(/[()]/g, '\\$&')}$`) }).waitFor();
  });

  it('sees the idea with its sessions together, on a page of its own reached from the proposals', async () => {
    await page.getByRole('link', { name: 'Voorstellen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Voorstellen en ideeën' }).waitFor();
    await page.getByRole('link', { name: `Begeleiding en sessies van ${title}` }).click();
    await page.getByRole('heading', { level: 1, name: `Begeleiding van ${title}` }).waitFor();
    const coming = page.getByRole('region', { name: 'Komende sessies' });
    await coming.getByRole('heading', { level: 3, name: /11:00 \(gepland\)$/ }).waitFor();
    await coming.getByText('Kringloopcentrum, Genk').waitFor();
    await page.getByText('Er is nog geen sessie voorbij.').waitFor();
    await check('20a-coached-idea');
  });

  it('subscribes a calendar to its sessions by a secret address, and logs out everywhere', async () => {
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
    // The first size makes the address; the second finds it (the same mentor) and renews it.
    const make = page.getByRole('button', { name: 'Agenda-adres maken', exact: true });
    const address = page.getByLabel('Je geheime agenda-adres');
    await make.or(address).first().waitFor();
    if (await make.isVisible()) {
      await make.click();
      await page.getByText('Je agenda-adres staat klaar', { exact: false }).waitFor();
    } else {
      const old = await address.inputValue();
      await page.getByRole('button', { name: 'Nieuw agenda-adres maken' }).click();
      await page.getByRole('button', { name: 'Ja, zet het oude adres uit' }).click();
      await page.getByText('het vorige werkt niet meer', { exact: false }).waitFor();
      expect(await address.inputValue()).not.toBe(old);
      expect((await page.request.get(old)).status()).toBe(404);
    }
    const calendar = await page.request.get(await address.inputValue());
    expect(calendar.status()).toBe(200);
    expect(await calendar.text()).toContain(title); // the session planned above, in the feed
    const made = await address.inputValue();
    await page.reload(); // the address is shown again as it is, not renewed
    await address.waitFor();
    expect(await address.inputValue()).toBe(made);
    await check('20b-account');
    await page.getByRole('button', { name: 'Overal uitloggen' }).click();
    await page.getByRole('button', { name: 'Ja, log me overal uit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.reload(); // the refresh token was ended too: no way back in without the password
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await check('20c-login-after-logout-everywhere');
  });
});
