import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, MailTemplates } from './mail-templates';

/**
 * Issue 7: text that anonymous people write (an organisation's and a person's name, at registration)
 * is text in every e-mail: escaped wherever it lands in the HTML — the body and the layout's
 * `<title>`, which holds the subject (before, the layout put the subject in as it was, so a name
 * such as `</title><script>…` became markup) — and left as written in the plain text and subject.
 */
const hostile = `</title><script>alert("x")</script><img src=x onerror=alert(1)> & 'Kringwinkel'`;
const templates = new MailTemplates();

it('escapes an organisation and person name in the HTML of the registration e-mail, subject and title included', () => {
  const mail = templates.render('organisation-registered', 'nl', { name: 'Anna', registeredBy: hostile, organisationName: hostile, link: 'https://cirkel.test/admin/organisations' });
  expect(mail.html).not.toMatch(/<script|<img|<\/title><script/);
  expect(mail.html).toContain(`<title>Nieuwe registratie: ${escapeHtml(hostile)}</title>`);
  expect(mail.html.split(escapeHtml(hostile)).length - 1).toBe(3); // the title and twice in the body
  expect(mail.subject).toBe(`Nieuwe registratie: ${hostile}`); // a header: nodemailer encodes it
  expect(mail.text).toContain(hostile);
});

it('leaves no markup of a value in the HTML of any template, in either language', () => {
  for (const language of ['nl', 'en'] as const) {
    for (const file of readdirSync(join(__dirname, 'templates', language)).filter((f) => f.endsWith('.html'))) {
      const kind = file.replace(/\.html$/, '');
      const values = new Proxy({} as Record<string, string>, { get: (_, name) => (String(name).endsWith('Html') ? '<ul></ul>' : hostile) });
      const html = templates.render(kind, language, values).html;
      expect({ kind, language, markup: /<script|<img/.test(html) }).toEqual({ kind, language, markup: false });
    }
  }
});
