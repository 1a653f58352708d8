import type { BrowserContext, Page } from 'playwright-core';
import { checkPage, logIn, openAdminPage, openPage, SIZES, startSystemAndBrowser } from './browser';

/**
 * Journey (1) of the web app, as a person does it in Chromium against the whole system: an
 * organisation registers, confirms its address, the hub admin approves it (in a browser of their
 * own), its person logs in, signs the charter and submits an idea in `green`.
 * On a desktop and on a 360 px wide phone; every page visited passes axe's WCAG 2.1 AA check.
 */
const the = startSystemAndBrowser();

async function emailedLink(kind: string, to: string): Promise<string> {
  const [email] = await the.system.query<{ link: string }>('partners', `SELECT link FROM email_delivery WHERE kind = $1 AND to_address = $2 ORDER BY created_at DESC LIMIT 1`, [kind, to]);
  expect(email?.link).toMatch(new RegExp(`^${the.system.gatewayUrl}/`));
  return email.link;
}


describe.each(SIZES)('a partner joins and submits an idea ($name)', ({ name, viewport, shots }) => {
  let context: BrowserContext;
  let page: Page;
  const visited: string[] = [];
  const person = { name: `Fatma Yilmaz ${name}`, email: `fatma.${name}@repaircafe.test`, password: 'herstel-is-de-toekomst' };
  const organisation = `Repair Café Winterslag (${name})`;

  beforeAll(async () => {
    [context, page] = await openPage(the.browser, viewport);
  });
  afterAll(async () => {
    await context?.close();
  });

  /** After each step: the page is accessible, fits the screen, and (on the desktop) is photographed. */
  async function check(screenshot: string, on: Page = page): Promise<void> {
    await checkPage(on, viewport, screenshot, shots);
    visited.push(new URL(on.url()).pathname);
  }
  const heading = () => page.getByRole('heading', { level: 1 }).textContent();

  it('shows the hub, in Dutch, with its charter', async () => {
    await page.goto(the.system.gatewayUrl);
    expect(await heading()).toBe('Samen circulair werk maken in Genk');
    await page.getByRole('heading', { name: 'Het charter' }).waitFor();
    await page.getByText(/^Versie 1, gepubliceerd op/).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl-BE');
    await check('01-hub');
  });

  it('registers the organisation with its first person, marking what is wrong first', async () => {
    await page.getByRole('link', { name: 'Sluit je organisatie aan' }).click();
    expect(await heading()).toBe('Je organisatie aansluiten');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByText('Kies een wachtwoord van minstens 10 tekens.').waitFor();
    expect(await page.getByLabel('Naam van de organisatie').getAttribute('aria-invalid')).toBe('true');
    await check('02-register-errors');

    await page.getByLabel('Naam van de organisatie').fill(organisation);
    await page.getByLabel('Soort organisatie').selectOption('citizen');
    await page.getByLabel('Groenontwikkeling').check();
    await page.getByLabel('Je naam').fill(person.name);
    await page.getByLabel('E-mailadres').fill(person.email);
    await page.getByLabel('Wachtwoord').fill(person.password);
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByText(`We stuurden een e-mail naar ${person.email}.`).waitFor();
    await check('03-register-sent');
  });

  it('confirms the address from the e-mailed link', async () => {
    await page.goto(await emailedLink('registration-confirmation', person.email));
    expect(await heading()).toBe('Je e-mailadres bevestigen');
    await page.getByRole('button', { name: 'Mijn adres bevestigen' }).click();
    await page.getByText(`Je adres is bevestigd. ${organisation} wacht nu op de goedkeuring van de hub`, { exact: false }).waitFor();
    await check('04-confirmed');
  });

  it('says in Dutch when the password is wrong, then logs in', async () => {
    await page.getByRole('link', { name: 'Inloggen' }).first().click();
    await page.getByLabel('E-mailadres').fill(person.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('niet-mijn-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').getByText('Dat e-mailadres en wachtwoord horen niet bij elkaar.').waitFor();
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe(person.email); // what was typed is kept
    await check('05-login-problem');

    // Meanwhile the hub admin approves the organisation, in a browser of their own.
    const [adminContext, admin] = await openPage(the.browser, viewport);
    try {
      await logIn(admin, the.system.gatewayUrl, 'admin@cirkel.test');
      await openAdminPage(admin, 'Aanmeldingen');
      await admin.getByRole('heading', { level: 1, name: 'Organisaties die wachten op goedkeuring' }).waitFor();
      await check('06-admin-applications', admin);
      await admin.getByRole('button', { name: `${organisation} goedkeuren` }).click();
      await admin.getByText(`${organisation} is goedgekeurd.`, { exact: false }).waitFor();
      await admin.getByRole('button', { name: `${organisation} goedkeuren` }).waitFor({ state: 'detached', timeout: 5_000 });
      // The admin's other pages: the dead letters of a service (none here) and the audit log.
      await openAdminPage(admin, 'Onverwerkte berichten');
      await admin.getByRole('heading', { level: 1, name: 'Onverwerkte berichten' }).waitFor();
      await admin.getByText('Geen onverwerkte berichten bij deze dienst.').waitFor();
      await check('27-admin-dead-letters', admin);
      await openAdminPage(admin, 'Auditlog');
      await admin.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
      await admin.locator('table, p:has-text("Nog niemand las")').first().waitFor();
      await check('28-admin-audit-log', admin);
      await openAdminPage(admin, 'Cijfers en ESF-export');
      await admin.getByLabel('Bestand').selectOption('csv');
      const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Export downloaden' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^cirkel-esf-\d{4}\.csv$/);
      await admin.getByText(/^cirkel-esf-\d{4}\.csv is gedownload \(/).waitFor();
      await check('30-admin-export', admin);
      // The programme's attendance: the demo's confirmed registrations of "1+1=11", by name.
      await admin.goto(`${the.system.gatewayUrl}/programmes`);
      await admin.getByRole('link', { name: '1+1=11' }).click();
      await admin.getByRole('heading', { level: 2, name: 'Aanwezigheid' }).waitFor();
      const present = admin.getByRole('group', { name: 'Wie was er? (ingeschreven deelnemers)' });
      await present.getByRole('checkbox').first().check();
      await admin.getByRole('button', { name: 'Aanwezigheid bewaren' }).click();
      await admin.getByRole('status').getByText(/aanwezig op .*: bewaard\.$/).waitFor();
      // Every registration by the person's name; nothing to register a hub admin (no organisation) for.
      const registrations = admin.locator('ol.list > li');
      await registrations.first().waitFor();
      expect(await registrations.allTextContents()).not.toContainEqual(expect.stringMatching(/^Inschrijving \d+, van /));
      expect(await admin.getByRole('button', { name: /^(Inschrijven|Op de wachtlijst zetten)$/ }).count()).toBe(0);
      await check('33-admin-attendance', admin);
    } finally {
      await adminContext.close();
    }

    await page.getByLabel('Wachtwoord', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Onze ideeën' }).waitFor();
    await page.getByText('Je organisatie heeft nog geen ideeën.', { exact: false }).waitFor();
    await check('07-ideas-empty');
  });

  it('signs the charter for the organisation', async () => {
    await page.getByRole('link', { name: 'Onze organisatie' }).click();
    await page.getByRole('heading', { level: 1, name: organisation }).waitFor();
    await page.getByText('Je organisatie heeft het charter nog niet ondertekend.').waitFor();
    await check('08-organisation');
    await page.getByRole('button', { name: `Versie 1 ondertekenen namens ${organisation}` }).click();
    await page.getByText(/^Versie 1 ondertekend op /).waitFor();
    expect(await page.getByRole('button', { name: /ondertekenen/ }).count()).toBe(0);
  });

  it('changes its profile (a new name waits for the hub admin, and is withdrawn), and invites a colleague then revokes the invitation', async () => {
    await page.getByRole('button', { name: 'Profiel wijzigen' }).click();
    const form = page.getByRole('form', { name: 'Profiel wijzigen' });
    await form.getByLabel('Naam van de organisatie').fill(`${organisation} vzw`);
    await form.getByLabel('Mobiliteit').check();
    await form.getByRole('button', { name: 'Profiel bewaren' }).click();
    await page.getByText('gaat eerst naar de beheerder van de hub', { exact: false }).waitFor();
    await page.getByText(`naam “${organisation} vzw”.`, { exact: false }).waitFor();
    await page.getByRole('heading', { level: 1, name: organisation, exact: true }).waitFor(); // the old name stays until approved
    await page.getByText('Groenontwikkeling, Mobiliteit').waitFor(); // the domains changed at once
    const colleague = `collega-${Date.now()}@example.be`;
    await page.getByLabel('E-mailadres van je collega').fill(colleague);
    await page.getByRole('button', { name: 'Uitnodigen' }).click();
    await page.getByRole('button', { name: `Intrekken ${colleague}` }).waitFor();
    await check('08b-organisation-profile');
    await page.getByRole('button', { name: 'Voorstel intrekken' }).click();
    await page.getByText('Het voorstel is ingetrokken', { exact: false }).waitFor();
    await page.getByRole('button', { name: `Intrekken ${colleague}` }).click();
    await page.getByText(`De uitnodiging voor ${colleague} is ingetrokken; de link werkt niet meer.`).waitFor();
    expect(await page.getByRole('button', { name: `Intrekken ${colleague}` }).count()).toBe(0);
  });

  it('registers for the hub’s programme', async () => {
    await page.getByRole('link', { name: 'Programma' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programma' }).waitFor();
    await page.getByRole('link', { name: '1+1=11' }).waitFor();
    await check('29a-programmes');
    await page.getByRole('link', { name: '1+1=11' }).click();
    await page.getByRole('heading', { level: 1, name: '1+1=11' }).waitFor();
    await page.getByRole('button', { name: /^(Inschrijven|Op de wachtlijst zetten)$/ }).click();
    await page.getByRole('status').getByText(/^(Je bent ingeschreven\.|Het programma is vol: je staat op de wachtlijst)/).waitFor();
    await page.getByRole('button', { name: 'Inschrijving annuleren' }).waitFor();
    await check('29-programme');
  });

  it('reads the notifications from the bell', async () => {
    await page.getByRole('link', { name: /^Meldingen( \d+ ongelezen)?$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    await page.locator('.cards, p:has-text("Je hebt nog geen meldingen")').first().waitFor();
    if (await page.getByRole('button', { name: 'Alles als gelezen markeren' }).count()) {
      await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
      await page.getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
    }
    await check('09-notifications');
    await page.getByRole('link', { name: 'Kies wat je hoort en hoe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wat je hoort' }).waitFor();
    await page.getByRole('button', { name: 'Voorkeuren bewaren' }).waitFor();
    await check('09b-preferences');
  });

  it('drafts an idea in green with its canvas and submits it', async () => {
    await page.getByRole('link', { name: 'Onze ideeën' }).click();
    await page.getByRole('link', { name: 'Nieuw idee' }).click();
    await page.getByLabel('Titel').fill('Fietsherstel met leerwerkers');
    await page.getByLabel('Korte omschrijving').fill('Tweedehandsfietsen ophalen, herstellen en verkopen, met leerwerkers uit Winterslag.');
    await page.getByLabel('Domein').selectOption('green');
    await page.getByLabel('Herstellen').check();
    await page.getByLabel('Hergebruiken').check();
    await page.getByLabel('In de sociale economie').fill('3');
    await page.getByLabel('Waardepropositie').fill('Betaalbare, veilige fietsen voor wie er geen kan kopen.');
    await page.getByText('Nog 9 van de 10 blokken leeg.', { exact: false }).waitFor();
    await check('10-idea-draft-form');
    await page.getByRole('button', { name: 'Ontwerp bewaren' }).click();

    await page.getByRole('heading', { level: 1, name: 'Fietsherstel met leerwerkers' }).waitFor();
    expect(await page.locator('.stage').first().textContent()).toBe('ontwerp');
    await page.getByRole('button', { name: 'Idee indienen' }).click();
    await page.locator('.stage', { hasText: 'ingediend' }).waitFor();
    await page.getByText('Van ontwerp naar ingediend').waitFor();
    await check('11-idea-submitted');

    await page.getByRole('link', { name: 'Onze ideeën' }).click();
    // Its own list comes first; the hub's ideas below it may show the same title (each screen size submits one).
    await page.getByRole('link', { name: 'Fietsherstel met leerwerkers' }).first().waitFor();
    expect(await page.locator('.cards .stage').first().textContent()).toBe('ingediend');
    await page.getByRole('search', { name: 'Ideeën van de hub' }).waitFor();
    await check('12-ideas');
  });

  it('is moved into screening by the hub admin, from the screening queue', async () => {
    const [adminContext, admin] = await openPage(the.browser, viewport);
    try {
      await logIn(admin, the.system.gatewayUrl, 'admin@cirkel.test');
      await openAdminPage(admin, 'Screening');
      await admin.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
      await check('31-admin-screening', admin);
      // Oldest first, a page at a time: this run's idea (both screen sizes submit one of this title; this run's is the one still submitted) is the newest.
      const queue = admin.getByRole('region', { name: 'Ingediend, wacht op screening' });
      const ours = queue.locator('.cards li').filter({ hasText: 'Fietsherstel met leerwerkers' }).getByRole('link');
      await queue.locator('.cards li').first().waitFor();
      while (!(await ours.count())) {
        const shown = await queue.locator('.cards li').count();
        await queue.getByRole('button', { name: /^Meer tonen/ }).click();
        await queue.locator('.cards li').nth(shown).waitFor();
      }
      await ours.first().click();
      await admin.getByLabel('Naar').selectOption('screening');
      await admin.getByLabel('Reden').fill('Volledig ingediend.');
      await admin.getByRole('button', { name: 'Verder zetten' }).click();
      await admin.getByText('Van ingediend naar in screening').waitFor();
      await check('32-idea-screening', admin);
    } finally {
      await adminContext.close();
    }
  });

  it('switches to English and remembers it, and logs out', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Our ideas' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Our ideas' }).waitFor(); // still logged in after a reload, still English
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await check('34-ideas-english');
    // Remembered for the person, not only in this browser: a browser that never saw them shows Dutch until they log in, then English.
    const [elsewhere, other] = await openPage(the.browser, viewport);
    try {
      await other.goto(`${the.system.gatewayUrl}/login`);
      await other.getByLabel('E-mailadres').fill(person.email);
      await other.getByLabel('Wachtwoord', { exact: true }).fill(person.password);
      await other.getByRole('button', { name: 'Inloggen' }).click();
      await other.getByRole('button', { name: /^Log out/ }).waitFor();
      expect(await other.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await elsewhere.close();
    }
    await page.getByRole('button', { name: /^Log out/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Making circular work together in Genk' }).waitFor();
    await check('35-hub-english');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.goto(`${the.system.gatewayUrl}/ideas`);
    await page.getByText('Log in om deze pagina te zien.').waitFor();
    await check('36-ideas-logged-out');
  });

  it('resets a forgotten password from the e-mailed link', async () => {
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByLabel('E-mailadres').fill(person.email);
    await page.getByRole('button', { name: 'Stuur me een link' }).click();
    await page.getByText(`Als ${person.email} bij ons bekend is`, { exact: false }).waitFor();
    await check('13-password-forgotten');
    await page.goto(await emailedLink('password-reset', person.email));
    await page.getByLabel('Nieuw wachtwoord').fill('een-nieuw-wachtwoord');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('een-nieuw-wachtwoord');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Je nieuwe wachtwoord is opgeslagen.', { exact: false }).waitFor();
    await check('14-password-reset');
    expect(visited.length).toBeGreaterThanOrEqual(14);
  });
});
