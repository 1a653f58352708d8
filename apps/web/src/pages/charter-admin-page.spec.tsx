import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { CharterPublishing } from './charter-admin-page';

const post = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args) } }));

const CURRENT: Schemas['CharterView'] = {
  id: '6f1d0f5e-0000-4000-8000-000000000001',
  hubId: '6f1d0f5e-0000-4000-8000-000000000002',
  version: 1,
  text: { nl: 'Wij werken samen aan circulaire jobs in Genk.', en: 'We work together on circular jobs in Genk.' },
  publishedAt: '2026-09-01T08:00:00Z',
};

beforeEach(() => {
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

const field = (label: string) => screen.getByLabelText(label, { exact: false }) as HTMLTextAreaElement;

it('starts from the current text, refuses it unchanged or too short, and publishes the new version trimmed', async () => {
  post.mockResolvedValue({ data: { ...CURRENT, id: '6f1d0f5e-0000-4000-8000-000000000003', version: 2 }, response: new Response(null, { status: 201 }) });
  const onPublished = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<CharterPublishing from={CURRENT} onPublished={onPublished} />);
  expect(field('Tekst in het Nederlands').value).toBe(CURRENT.text.nl);
  await user.click(screen.getByRole('button', { name: 'Nieuwe versie publiceren' }));
  expect(screen.getByText('De tekst is dezelfde als die van de huidige versie. Pas hem eerst aan.')).toBeTruthy();
  await user.clear(field('Tekst in het Engels'));
  await user.type(field('Tekst in het Engels'), 'Too short');
  await user.click(screen.getByRole('button', { name: 'Nieuwe versie publiceren' }));
  expect(field('Tekst in het Engels').getAttribute('aria-invalid')).toBe('true');
  expect(post).not.toHaveBeenCalled();
  await user.type(field('Tekst in het Engels'), ' — now long enough to publish.  ');
  await user.click(screen.getByRole('button', { name: 'Nieuwe versie publiceren' }));
  await screen.findByText('Versie 2 is gepubliceerd.');
  expect(post).toHaveBeenCalledWith('/api/v1/charters', { body: { text: { nl: CURRENT.text.nl, en: 'Too short — now long enough to publish.' } } });
  expect(onPublished).toHaveBeenCalledWith(expect.objectContaining({ version: 2 }));
});

it('writes the first version from nothing when the hub has none', async () => {
  const user = userEvent.setup({ delay: null });
  render(<CharterPublishing from={null} onPublished={vi.fn()} />);
  expect(field('Tekst in het Nederlands').value).toBe('');
  await user.click(screen.getByRole('button', { name: 'Nieuwe versie publiceren' }));
  expect(screen.getAllByText('Een charter is minstens 20 tekens lang.')).toHaveLength(2);
});
