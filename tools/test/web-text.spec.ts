import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue 7: the web app shows what people write (organisation and person names, ideas) only as
 * text. React escapes every value it renders; this keeps the ways around that out of the sources
 * (raw HTML, DOM writes, `javascript:` links), so a name like `<img onerror=…>` stays a name.
 */
const WEB = path.resolve(__dirname, '../../apps/web/src');
const RAW_HTML = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|javascript:/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(tsx?|jsx?)$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

it('renders no raw HTML anywhere in the web app', () => {
  const files = sources(WEB);
  expect(files.length).toBeGreaterThan(10);
  const offending = files.filter((file) => RAW_HTML.test(readFileSync(file, 'utf8'))).map((file) => path.relative(WEB, file));
  expect(offending).toEqual([]);
});
