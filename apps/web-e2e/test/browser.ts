import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startSystem, type SystemUnderTest } from '@cirkel/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (nothing downloads a browser); CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the journeys save a screenshot of each main page, in Dutch (README names it). */
export const SCREENSHOTS = path.resolve(__dirname, '../screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's own controls (the date and time inputs) follow the browser's language, not the page's
    // nor the context's locale; on Linux it is read from LANGUAGE/LANG (--lang alone is not enough), and
    // only with Debian's chromium-l10n installed (without it, en-US's mm/dd/yyyy whatever is asked;
    // .ci/run installs it). Then the date inputs read dd-mm-jjjj.
    env: { ...process.env, LANG: 'nl_BE.UTF-8', LANGUAGE: 'nl_BE:nl' },
    args: ['--lang=nl-BE', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The page's WCAG 2.1 A/AA violations by axe-core, injected through the DevTools protocol (the
 * gateway's CSP allows no inline script, and a test must not loosen it).
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    (tags) => (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
    WCAG_AA,
  )) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** From this width on, a page is laid out for a desktop: nothing scrolls sideways, not even a table in its scroll region. */
const DESKTOP = 1024;

/**
 * The tables (by caption) wider than the column they stand in — the section or page around them: on
 * a phone a table may scroll sideways in its region, on a desktop it must fit.
 */
function tablesWiderThanTheirColumn(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main table')].flatMap((table) => {
      const column = table.parentElement?.closest('section, .page, main');
      const width = table.getBoundingClientRect().width;
      return column && width > column.clientWidth + 1 ? [`${table.querySelector('caption')?.textContent ?? table.className}: ${Math.round(width)} px in ${column.clientWidth} px`] : [];
    }),
  );
}

/** Each journey runs on a desktop (photographed) and on a 360 px wide phone. */
export const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, shots: true },
  { name: 'phone', viewport: { width: 360, height: 740 }, shots: false },
];
export type Viewport = (typeof SIZES)[number]['viewport'];

/**
 * Starts the whole system and Chromium before a journey's tests and stops both after them; the
 * returned object's fields are set once `beforeAll` ran.
 */
export function startSystemAndBrowser(): { system: SystemUnderTest; browser: Browser } {
  const started = {} as { system: SystemUnderTest; browser: Browser };
  beforeAll(async () => {
    // The browser is kept even when the system fails to start, so that afterAll closes it (else Jest hangs).
    const launched = launchChromium().then((b) => (started.browser = b));
    started.system = await startSystem();
    await launched;
  }, 240_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.system?.stop();
  });
  return started;
}

/** A browser context of its own in Dutch (Belgium) and Brussels time, and its page. */
export async function openPage(browser: Browser, viewport: Viewport): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport, locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return [context, page];
}

/** A hub admin's page from the main menu's "Beheer" disclosure, by its link's text. */
export async function openAdminPage(page: Page, link: string): Promise<void> {
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await menu.getByRole('button', { name: 'Beheer' }).click();
  await menu.getByRole('link', { name: link, exact: true }).click();
}

/**
 * Logs a person in from the login page (demo passwords unless told) and waits for the logged-in menu.
 * The login's answer is waited for on its own (partners' Argon2id check; under load it queues, and
 * past the request timeout the gateway answers 503): a refused or failed login fails here with its
 * status and problem, and a page that does not follow a login answered 200 says how long that took —
 * a slow login and a slow page are told apart, rather than both waiting for the header.
 */
export async function logIn(page: Page, gatewayUrl: string, email: string, password = 'cirkel-demo'): Promise<void> {
  await page.goto(`${gatewayUrl}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/auth/login');
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const login = await answered.catch((error: Error) => {
    // The gateway answers 503 once partners has not answered in its 5 s request timeout: no answer at all is the gateway's own wait.
    error.message = `the login of ${email} was not answered: ${error.message}`;
    throw error;
  });
  const loginMs = Date.now() - clicked;
  if (!login.ok()) throw new Error(`the login of ${email} was answered ${login.status()} after ${loginMs} ms: ${await login.text()}`);
  try {
    await page.getByRole('button', { name: /^Uitloggen/ }).waitFor();
    // The header shows the login before the login page moves on, and the next page's title takes the
    // focus once its chunk has come: a menu opened before that would close. Wait for that title.
    await page.waitForFunction(() => location.pathname !== '/login' && document.activeElement?.matches('main h1') === true);
  } catch (error) {
    (error as Error).message = `the login of ${email} was answered 200 after ${loginMs} ms; the page did not follow within ${Date.now() - clicked - loginMs} ms more: ${(error as Error).message}`;
    throw error;
  }
}

/**
 * After a step: the page passes axe's WCAG 2.1 AA check, fits the screen's width, and (when `shots`)
 * is photographed as `screenshot`.
 */
export async function checkPage(page: Page, viewport: Viewport, screenshot: string, shots: boolean): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect({ page: page.url(), violations: await accessibilityViolations(page) }).toEqual({ page: page.url(), violations: [] });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect({ page: page.url(), fits: width <= viewport.width }).toEqual({ page: page.url(), fits: true });
  if (viewport.width >= DESKTOP) expect({ page: page.url(), tablesWiderThanTheirColumn: await tablesWiderThanTheirColumn(page) }).toEqual({ page: page.url(), tablesWiderThanTheirColumn: [] });
  if (shots) await page.screenshot({ path: screenshotPath(screenshot), fullPage: true });
}
