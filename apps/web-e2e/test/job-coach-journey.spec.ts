import type { BrowserContext, Page } from 'playwright-core';
import { checkPage, logIn, openPage, SIZES, startSystemAndBrowser } from './browser';

/**
 * Journey (3) of the web app in Chromium against the whole system: a job coach (Dirk Janssens of
 * the demo, coach at Alternatief) enrols a participant and records their job; the city's staff
 * member (Koen Vanderhoven) sees the year's jobs on the dashboard go up by one once the statistics
 * have run (reporting queues a run a few seconds after a recorded placement; nobody triggers it).
 * On a desktop and on a 360 px wide phone; every page state visited passes axe's WCAG 2.1 AA check.
 */
const the = startSystemAndBrowser();

const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date());

describe.each(SIZES)('a job coach records a job and the city sees it ($name)', ({ name, viewport, shots }) => {
  let coachContext: BrowserContext;
  let cityContext: BrowserContext;
  let coach: Page;
  let city: Page;
  let jobsBefore = 0;

  async function open(email: string): Promise<[BrowserContext, Page]> {
    const [context, page] = await openPage(the.browser, viewport);
    await logIn(page, the.system.gatewayUrl, email);
    return [context, page];
  }
  const check = (page: Page, screenshot: string) => checkPage(page, viewport, screenshot, shots);
  /** The year's jobs as the dashboard shows them (a number in Dutch notation, or "afgeschermd"). */
  async function jobsOnDashboard(): Promise<string> {
    await city.getByRole('link', { name: 'Dashboard' }).click();
    await city.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const figure = city.locator('.figures div', { hasText: `Jobs gecreëerd in ${YEAR}` }).locator('dd');
    await figure.waitFor();
    return (await figure.textContent()) ?? '';
  }

  beforeAll(async () => {
    [[coachContext, coach], [cityContext, city]] = await Promise.all([open('coach@cirkel.test'), open('city@cirkel.test')]);
  });
  afterAll(async () => {
    await Promise.all([coachContext?.close(), cityContext?.close()]);
  });

  it('shows the city staff the dashboard with charts and tables', async () => {
    const before = await jobsOnDashboard();
    expect(before).toMatch(/^\d[\d.]*$/);
    jobsBefore = Number(before.replace(/\./g, ''));
    await city.getByRole('table', { name: `Jobs per maand in ${YEAR}, regulier en sociaal` }).waitFor();
    await city.locator('.chart svg').first().waitFor(); // the lazily loaded chart chunk drew
    await check(city, '21-dashboard');
    await city.getByRole('main').getByRole('link', { name: 'Weekoverzichten' }).click();
    await city.getByRole('heading', { level: 1, name: 'Weekoverzichten' }).waitFor();
    await city.locator('main .cards, main p:has-text("Er is nog geen")').first().waitFor();
    await check(city, '21b-digests');
  });

  it('enrols a participant, asking only the ESF indicators', async () => {
    await coach.getByRole('link', { name: 'Deelnemers' }).click();
    await coach.getByRole('heading', { level: 1, name: 'Deelnemers' }).waitFor();
    await coach.locator('.cards, p:has-text("nog geen deelnemers")').first().waitFor();
    await check(coach, '22-participants');
    await coach.getByRole('link', { name: 'Nieuwe deelnemer' }).click();
    await coach.getByRole('button', { name: 'Deelnemer inschrijven' }).click();
    await coach.getByText('9 velden vragen nog aandacht; ze zijn gemarkeerd.').waitFor();
    await check(coach, '23-participant-form-errors');
    const group = (name: string) => coach.getByRole('group', { name });
    await coach.getByLabel('Jouw referentie').fill(`E2E-${name}-${Date.now()}`);
    await group('Gender').getByLabel('Man').check();
    await group('Leeftijd bij instroom').getByLabel('30 tot 54').check();
    await group('Situatie op de arbeidsmarkt bij instroom').getByLabel('Langdurig werkzoekend (meer dan een jaar)').check();
    await group('Hoogste diploma').getByLabel('Hoogstens lager secundair').check();
    await group('Heeft de deelnemer een handicap?').getByLabel('Nee').check();
    await group('Heeft de deelnemer de nationaliteit van een land buiten de EU?').getByLabel('Wil dit niet zeggen').check();
    await group('Heeft de deelnemer een migratieachtergrond?').getByLabel('Wil dit niet zeggen').check();
    await group('Behoort de deelnemer tot een minderheid (zoals Roma)?').getByLabel('Nee').check();
    await coach.getByRole('button', { name: 'Deelnemer inschrijven' }).click();
    await coach.getByRole('heading', { level: 1, name: /^Deelnemer sinds / }).waitFor();
    await coach.getByText('Nog geen job.', { exact: false }).waitFor();
  });

  it('records the participant’s job through an idea', async () => {
    await coach.getByText('Een job toevoegen').click();
    await coach.getByLabel('Door welk idee').selectOption({ index: 1 });
    // The employer is searched by name among the hub's active organisations (the API's q), then chosen.
    await coach.getByLabel('Werkgever zoeken').fill('Zorgbedrijf');
    await coach.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await coach.getByText(/^\d+ organisaties? gevonden\.$/).waitFor();
    await coach.getByLabel('Werkgever', { exact: true }).selectOption({ label: 'Zorgbedrijf Genk' });
    await coach.getByLabel('Economie').selectOption('social');
    await coach.getByLabel('Soort contract').selectOption('art_60');
    await coach.getByLabel('Uren per week').fill('19');
    await check(coach, '24-placement-form');
    await coach.getByRole('button', { name: 'Job bewaren' }).click();
    await coach.getByText('De job is bewaard', { exact: false }).waitFor();
    await coach.getByText(/^Sociale economie, Artikel 60, 19 uur per week, sinds /).waitFor();
    await check(coach, '25-participant');
  });

  it('corrects the job: more hours, another contract', async () => {
    await coach.getByRole('button', { name: /^Wijzigen de job sinds / }).click();
    const form = coach.getByRole('form', { name: 'Job wijzigen' });
    await form.getByLabel('Uren per week').fill('22,8');
    await form.getByLabel('Soort contract').selectOption('custom_work');
    await form.getByRole('button', { name: 'Wijziging bewaren' }).click();
    await coach.getByText('De job is gewijzigd', { exact: false }).waitFor();
    await coach.getByText(/^Sociale economie, Maatwerk, 22,8 uur per week, sinds /).waitFor();
    await check(coach, '25b-placement-changed');
  });

  it('shows the city staff one job more once the statistics have run', async () => {
    const deadline = Date.now() + 60_000;
    let shown = '';
    for (;;) {
      shown = await jobsOnDashboard();
      if (Number(shown.replace(/\./g, '')) === jobsBefore + 1) break;
      if (Date.now() > deadline) throw new Error(`the dashboard still shows ${shown} jobs, not ${jobsBefore + 1}`);
      await city.waitForTimeout(2000);
      await city.getByRole('link', { name: 'Weekoverzichten' }).click();
      await city.getByRole('heading', { level: 1, name: 'Weekoverzichten' }).waitFor();
    }
    await check(city, '26-dashboard-after');
  });
});
