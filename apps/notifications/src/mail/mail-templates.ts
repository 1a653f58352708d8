import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from '@cirkel/contracts';

/** What an e-mail says, in one language: subject, plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The e-mail templates, files a non-developer can read and edit (`templates/README.md`):
 * `templates/<language>/<kind>.txt` (first line `Subject: …`, a blank line, the plain text) and
 * `templates/<language>/<kind>.html` (the HTML body, put into `templates/layout.html`). Values are
 * written `{{name}}`; in HTML they are escaped. Read from disk once per kind and language.
 */
export class MailTemplates {
  private readonly cache = new Map<string, string>();

  constructor(private readonly directory: string = join(__dirname, 'templates')) {}

  render(kind: string, language: Language, values: Record<string, string>): RenderedEmail {
    const [subjectLine, ...rest] = this.file(`${language}/${kind}.txt`).split('\n');
    if (!subjectLine.startsWith('Subject:')) throw new Error(`template ${language}/${kind}.txt: the first line must be "Subject: …"`);
    const subject = fill(subjectLine.slice('Subject:'.length).trim(), values, String, `${language}/${kind}.txt`);
    const text = fill(rest.join('\n').trim(), values, String, `${language}/${kind}.txt`) + '\n';
    const body = fill(this.file(`${language}/${kind}.html`), values, escapeHtml, `${language}/${kind}.html`);
    // the layout's values are text too (the subject holds an organisation's name that anyone can register); only the body is HTML
    const html = fill(this.file('layout.html'), { ...values, language, subject, content: body }, escapeHtml, 'layout.html', ['content']);
    return { subject, text, html };
  }

  private file(name: string): string {
    let content = this.cache.get(name);
    if (content === undefined) {
      content = readFileSync(join(this.directory, name), 'utf8').replace(/\r\n/g, '\n');
      this.cache.set(name, content);
    }
    return content;
  }
}

/** `{{name}}` is filled in (encoded); a name ending in `Html`, or one of `html`, is HTML the code made safe already (a digest's list, the layout's body). */
function fill(template: string, values: Record<string, string>, encode: (value: string) => string, file: string, html: readonly string[] = []): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template ${file} uses {{${name}}}, which this e-mail does not have`);
    return name.endsWith('Html') || html.includes(name) ? value : encode(value);
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
