import type { BrowserContext, Page } from 'playwright-core';
import { checkPage, logIn, openAdminPage, openPage, SIZES, startSystemAndBrowser } from './browser';

/**
 * The hub admin's pages in Chromium against the whole system (Hanne Peeters of the demo): a
 * registration rejected with a reason and a proposed new name approved, a role given and an account
 * closed (found among the closed accounts) and opened again, a programme created, an ESF phase with
 * its target and a statistics run followed to its end, then the phase removed with its target, the
 * session reminders, and an idea proposed to a mentor by hand (who is then marked as asked).
 * On a desktop and on a 360 px wide phone; every page state visited passes axe's WCAG 2.1 AA check.
 */
const the = startSystemAndBrowser();

/** Calls the API as someone (the set-up a partner does elsewhere: registering, proposing a new name). */
async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${the.system.gatewayUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect({ path, status: response.status, ok: response.ok }).toEqual({ path, status: response.status, ok: true });
  return (text ? JSON.parse(text) : undefined) as T;
}

describe.each(SIZES)('a hub admin runs the hub ($name)', ({ name, viewport, shots }) => {
  let context: BrowserContext;
  let admin: Page;
  const registered = `Wijkatelier Waterschei (${name})`;
  // Each size has its own partner asking for a new name, and proposes the idea to its own mentor.
  const renaming = name === 'desktop' ? { email: 'stadgenk@cirkel.test', to: 'Stad Genk — dienst Economie' } : { email: 'ocmw@cirkel.test', to: 'OCMW Genk — Sociaal Huis' };
  const mentor = name === 'desktop' ? 'Wim Goossens' : 'Leen Maes';
  // A reopened account has no roles left: each size closes a mentor of its own, not the one it proposes the idea to.
  const person = name === 'desktop' ? 'Rik Vermeulen' : 'Prof. Elif Yilmaz';
  const check = (screenshot: string) => checkPage(admin, viewport, screenshot, shots);
  /** From the menu's admin entry to one of the admin pages (the page an idea is on has no admin links). */
  const openAdmin = async (link: string, title: string) => {
    await openAdminPage(admin, link);
    await admin.getByRole('heading', { level: 1, name: title }).waitFor();
  };

  beforeAll(async () => {
    const email = `ria.${name}@wijkatelier.test`;
    await call('POST', '/registrations', { hub: 'genk', organisation: { name: registered, type: 'citizen', workDomains: ['green'] }, person: { name: `Ria Claes ${name}`, email, password: 'wijkatelier-2026' } });
    const [mail] = await the.system.query<{ link: string }>('partners', `SELECT link FROM email_delivery WHERE kind = 'registration-confirmation' AND to_address = $1`, [email]);
    await call('POST', '/registrations/confirmation', { token: mail.link.split('/').pop() });
    const { accessToken } = await call<{ accessToken: string }>('POST', '/auth/login', { email: renaming.email, password: 'cirkel-demo' });
    const me = await call<{ person: { memberships: { organisationId: string }[] } }>('GET', '/me', undefined, accessToken);
    await call('PATCH', `/organisations/${me.person.memberships[0].organisationId}`, { name: renaming.to }, accessToken);

    [context, admin] = await openPage(the.browser, viewport);
    await logIn(admin, the.system.gatewayUrl, 'admin@cirkel.test');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('rejects a registration, asking for its reason first, and approves a proposed new name', async () => {
    // The Beheer menu open (its state checked like a page's, at both sizes), then its first page.
    const menu = admin.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('button', { name: 'Beheer' }).click();
    await menu.getByRole('link', { name: 'Auditlog', exact: true }).waitFor();
    await check('39-admin-menu-open');
    await menu.getByRole('link', { name: 'Aanmeldingen', exact: true }).click();
    await admin.getByRole('heading', { level: 2, name: registered }).waitFor();
    await admin.getByText(`Wijziging van ${renaming.to.split(' — ')[0]} goedkeuren`).waitFor();
    await check('40-admin-organisations');

    await admin.getByText(`${registered} weigeren…`).click();
    await admin.getByRole('button', { name: `${registered} definitief weigeren` }).click();
    await admin.getByText('Schrijf een reden van minstens 3 tekens.').waitFor();
    await admin.getByLabel(`Waarom weiger je ${registered}?`).fill('Jullie werking ligt buiten Genk.');
    await admin.getByRole('button', { name: `${registered} definitief weigeren` }).click();
    await admin.getByText(`De aanmelding van ${registered} is geweigerd`).waitFor();
    expect(await admin.getByRole('heading', { level: 2, name: registered }).count()).toBe(0);

    await admin.getByRole('button', { name: `Wijziging van ${renaming.to.split(' — ')[0]} goedkeuren` }).click();
    await admin.getByText(`De wijziging is goedgekeurd: de organisatie heet nu ${renaming.to}.`).waitFor();
    await check('40-admin-organisations-decided');
  });

  it('gives a person a role, and closes and opens an account', async () => {
    await openAdmin('Mensen', 'Mensen van de hub');
    await admin.getByLabel('Toon').selectOption('mentor');
    const card = admin.locator('.cards > li').filter({ has: admin.getByRole('heading', { name: person }) });
    await card.waitFor();
    await card.getByLabel('jobcoach').check();
    await card.getByRole('button', { name: `Rollen van ${person} bewaren` }).click();
    await admin.getByText(`De rollen van ${person} zijn bewaard.`).waitFor();
    await check('41-admin-people');

    await card.getByText(`Account van ${person}…`).click();
    await card.getByRole('button', { name: `Account van ${person} afsluiten` }).click();
    await admin.getByText(`Het account van ${person} is afgesloten.`).waitFor();
    await card.getByText('Gesloten', { exact: true }).waitFor();
    // Closed accounts only (the closed account has no roles left: everyone, not the mentors).
    await admin.getByLabel('Toon').selectOption('');
    await admin.getByLabel('Accounts').selectOption('closed');
    await card.getByText('Gesloten', { exact: true }).waitFor();
    await check('41b-admin-people-closed');
    await card.getByText(`Account van ${person}…`).click();
    expect(await card.getByRole('button', { name: `Account van ${person} afsluiten` }).count()).toBe(0);
    await card.getByRole('button', { name: `Account van ${person} weer openen` }).click();
    await admin.getByText(`Het account van ${person} is weer open.`, { exact: false }).waitFor();
  });

  it('shows the charter to publish a new version of, from the current text', async () => {
    await openAdmin('Charter', 'Charter');
    await admin.getByRole('button', { name: 'Nieuwe versie publiceren' }).waitFor();
    await check('46-admin-charter');
  });

  it('creates a programme of two afternoons', async () => {
    await openAdmin('Programma', 'Programma');
    const title = `Herstellen met hout (${name})`;
    await admin.getByLabel('Titel').fill(title);
    await admin.getByLabel('Aantal plaatsen').fill('10');
    const first = admin.getByRole('group', { name: 'Namiddag 1' });
    await first.getByLabel('Dag').fill('2027-02-03');
    await first.getByLabel('Plaats').fill('C-Mine, Genk');
    await admin.getByRole('button', { name: 'Namiddag toevoegen' }).click();
    await admin.getByRole('group', { name: 'Namiddag 2' }).getByLabel('Dag').fill('2027-02-10');
    await admin.getByRole('button', { name: 'Programma aanmaken' }).click();
    await admin.getByText(`Het programma “${title}” staat klaar`, { exact: false }).waitFor();
    await admin.getByRole('link', { name: title }).waitFor();
    await check('42-programmes-admin');
  });

  it('defines an ESF phase and its target, follows a statistics run to its end, and removes them', async () => {
    await openAdmin('Doelen en ESF-fasen', 'Doelen en ESF-fasen');
    const key = `werkt-${name}`;
    await admin.getByLabel('Code').fill(key);
    await admin.getByLabel('Naam', { exact: true }).fill(`Circulair werk(t)! ${name}`);
    await admin.getByLabel('Eerste dag').fill('2026-01-01');
    await admin.getByLabel('Laatste dag').fill('2027-06-30');
    await admin.getByRole('button', { name: 'Fase bewaren' }).click();
    await admin.getByText(`De fase “Circulair werk(t)! ${name}” is bewaard.`).waitFor();

    await admin.getByLabel('Jaar of fase').fill(key);
    await admin.getByLabel('Jobs', { exact: true }).fill('40');
    await admin.getByLabel('waarvan in de sociale economie').fill('25');
    await admin.getByLabel('VTE').fill('31,5');
    await admin.getByLabel('Deelnemers').fill('60');
    await admin.getByRole('button', { name: 'Doel bewaren' }).click();
    await admin.getByText(`Het doel voor ${key} is bewaard.`).waitFor();
    await admin.getByRole('rowheader', { name: new RegExp(`^Circulair werk\\(t\\)! ${name}`) }).waitFor();

    await admin.getByRole('button', { name: 'Nu berekenen' }).click();
    await admin.getByRole('progressbar', { name: 'Bezig met berekenen…' }).waitFor();
    await admin.getByText(/^De cijfers van \d{4} zijn berekend op/).waitFor({ timeout: 70_000 });
    await check('43-admin-targets');

    // The phase goes again, its target with it, after a second press that says so (exact: the target's
    // row offers 'Doel van … verwijderen…' too).
    await admin.getByRole('button', { name: `Circulair werk(t)! ${name} verwijderen…`, exact: true }).click();
    await admin.getByText(`“Circulair werk(t)! ${name}” heeft een doel`, { exact: false }).waitFor();
    await check('43b-admin-targets-remove-phase');
    await admin.getByRole('button', { name: `Ja, verwijder Circulair werk(t)! ${name}` }).click();
    await admin.getByRole('rowheader', { name: new RegExp(`^Circulair werk\\(t\\)! ${name}`) }).waitFor({ state: 'detached' });
    await admin.getByRole('button', { name: `Circulair werk(t)! ${name} verwijderen…`, exact: true }).waitFor({ state: 'detached' });

    // A year's target goes on its own, after a second press (a year of its own per size: one system serves both).
    const year = name === 'desktop' ? '2031' : '2032';
    await admin.getByLabel('Jaar of fase').fill(year);
    await admin.getByLabel('Jobs', { exact: true }).fill('10');
    await admin.getByLabel('waarvan in de sociale economie').fill('5');
    await admin.getByLabel('VTE').fill('8');
    await admin.getByLabel('Deelnemers').fill('12');
    await admin.getByRole('button', { name: 'Doel bewaren' }).click();
    await admin.getByRole('rowheader', { name: year, exact: true }).waitFor();
    await admin.getByRole('button', { name: `Doel van ${year} verwijderen…` }).click();
    await admin.getByText(`Het doel van ${year} verdwijnt.`, { exact: false }).waitFor();
    await check('43c-admin-targets-remove-target');
    await admin.getByRole('button', { name: `Ja, verwijder het doel van ${year}` }).click();
    await admin.getByRole('rowheader', { name: year, exact: true }).waitFor({ state: 'detached' });
  }, 120_000);

  it('sets when the session reminders go out', async () => {
    await openAdmin('Herinneringen voor sessies', 'Herinneringen voor sessies');
    await admin.getByRole('group', { name: 'Herinnering 1' }).waitFor();
    const count = await admin.getByRole('group', { name: /^Herinnering \d$/ }).count();
    await admin.getByRole('button', { name: 'Herinnering toevoegen' }).click();
    const added = admin.getByRole('group', { name: `Herinnering ${count + 1}` });
    await added.getByLabel('Hoe lang vooraf').fill(name === 'desktop' ? '3' : '4');
    await added.getByLabel('Eenheid').selectOption('days');
    await admin.getByRole('button', { name: 'Herinneringen bewaren' }).click();
    const outcome = admin.locator('p.notice, div.alert, p.error').first();
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe('De herinneringen zijn bewaard.');
    await check('44-admin-reminders');
  });

  it('proposes a submitted idea to a mentor by hand, from the ranked suggestions', async () => {
    await admin.getByRole('link', { name: 'Onze ideeën' }).click();
    const search = admin.getByRole('search', { name: 'Ideeën van de hub' });
    await search.getByLabel('Zoeken op woorden').fill('Peterschap');
    await search.getByRole('button', { name: 'Zoeken' }).click();
    await admin.getByRole('link', { name: 'Peterschap circulair ondernemen' }).click();
    await admin.getByRole('heading', { level: 2, name: 'Mentor kiezen' }).waitFor();
    await admin.getByRole('button', { name: `Voorstellen aan ${mentor}` }).click();
    await admin.getByText(`Het idee is voorgesteld aan ${mentor}.`).waitFor();
    // The mentor the open proposal now waits for is marked so, and not offered again.
    const chosen = admin.locator('.cards li').filter({ has: admin.getByRole('heading', { level: 3, name: mentor }) });
    await chosen.getByText('Wacht op antwoord').waitFor();
    expect(await chosen.getByRole('button', { name: `Voorstellen aan ${mentor}` }).count()).toBe(0);
    await check('45-idea-mentor-suggestions');
  });
});
