import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { PlacementForm } from './placement-form';

const get = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { GET: (...args: unknown[]) => get(...args) } }));

const answer = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });
const idea = (n: number, stage = 'coaching') => ({ id: `0190a000-0000-7000-8000-00000000010${n}`, title: `Idee ${n}`, stage });
const KRINGLOOP = { id: '0190a000-0000-7000-8000-000000000201', name: 'Kringloop Genk' };

beforeEach(() => {
  initI18n('nl');
  get.mockReset();
  get.mockImplementation(async (path: string, options: { params: { query: Record<string, unknown> } }) => {
    const query = options.params.query;
    if (path === '/api/v1/ideas') return answer(query.cursor === 'page-2' ? { items: [idea(3)], nextCursor: null } : { items: [idea(1), idea(2, 'draft')], nextCursor: 'page-2' });
    if (path === '/api/v1/organisations') return answer({ items: query.q === 'kring' ? [KRINGLOOP] : [], nextCursor: null });
    throw new Error(`not mocked: ${path}`);
  });
});
afterEach(cleanup);

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const options = (name: string) => [...select(name).options].map((o) => o.textContent);

it("offers the hub's ideas past the first 100 after 'more', drafts left out", async () => {
  const user = userEvent.setup({ delay: null });
  render(<PlacementForm onSave={vi.fn()} pending={false} serverError={() => undefined} />);
  await user.click(await screen.findByRole('button', { name: 'Meer ideeën tonen' }));
  await screen.findByRole('option', { name: 'Idee 3' });
  expect(options('Door welk idee')).toEqual(['Kies…', 'Idee 1', 'Idee 3']);
  expect(get).toHaveBeenLastCalledWith('/api/v1/ideas', { params: { query: { limit: 100, cursor: 'page-2' } } });
  expect(screen.queryByRole('button', { name: 'Meer ideeën tonen' })).toBeNull();
});

it('finds the employer by name with the API\'s search (any of the active organisations, not the first 100), and sends it', async () => {
  const onSave = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PlacementForm onSave={onSave} pending={false} serverError={() => undefined} />);
  await screen.findByRole('option', { name: 'Idee 1' });
  expect(options('Werkgever')).toEqual(['Kies…']);
  await user.type(screen.getByLabelText('Werkgever zoeken', { exact: false }), 'niets{Enter}');
  await screen.findByText('Geen aangesloten organisatie met die naam.');
  expect(onSave).not.toHaveBeenCalled(); // Enter searched; it did not send the form
  const search = screen.getByLabelText('Werkgever zoeken', { exact: false });
  await user.clear(search);
  await user.type(search, 'kring');
  await user.click(screen.getByRole('button', { name: 'Zoeken' }));
  await screen.findByText('1 organisatie gevonden.');
  expect(get).toHaveBeenLastCalledWith('/api/v1/organisations', { params: { query: { status: 'active', q: 'kring', limit: 50 } } });
  expect(select('Werkgever').value).toBe(KRINGLOOP.id); // the one found is chosen

  await user.selectOptions(select('Door welk idee'), 'Idee 1');
  await user.type(screen.getByLabelText('Uren per week', { exact: false }), '19');
  await user.click(screen.getByRole('button', { name: 'Job bewaren' }));
  expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ ideaId: idea(1).id, employerOrganisationId: KRINGLOOP.id, hoursPerWeek: 19 }));
});

it('reads the idea and the economy with why they are asked (their hints describe the choice), the idea and the employer marked required', async () => {
  render(<PlacementForm onSave={vi.fn()} pending={false} serverError={() => undefined} />);
  await screen.findByRole('option', { name: 'Idee 1' });
  const described = (name: string) => (select(name).getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  expect(described('Door welk idee')).toBe('De hub telt de jobs die elk idee oplevert.');
  expect(described('Economie')).toBe('De stad volgt jobs in de reguliere en de sociale economie apart.');
  expect([select('Door welk idee').required, select('Werkgever').required, select('Economie').required]).toEqual([true, true, false]);
});
