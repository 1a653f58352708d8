import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { AdminOrganisationsPage, RejectForm } from './admin-organisations-page';

const get = vi.fn();
const post = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) } }));
vi.mock('../session/session', () => ({ useSession: () => ({ me: { person: { hubRoles: ['hub_admin'] } } }) }));

const ORGANISATION = { id: '6f1d0f5e-0000-4000-8000-000000000001', name: 'Repair Café Winterslag' } as Schemas['OrganisationView'];

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  void initI18n('nl');
});
afterEach(cleanup);

it('asks for a reason of three characters or more before rejecting, and sends it trimmed', async () => {
  const onReject = vi.fn().mockResolvedValue(true);
  const user = userEvent.setup({ delay: null });
  render(<RejectForm organisation={ORGANISATION} busy={false} onReject={onReject} />);
  await user.click(screen.getByText('Repair Café Winterslag weigeren…'));
  const reason = screen.getByLabelText('Waarom weiger je Repair Café Winterslag?');
  await user.type(reason, ' ab ');
  await user.click(screen.getByRole('button', { name: 'Repair Café Winterslag definitief weigeren' }));
  expect(screen.getByText('Schrijf een reden van minstens 3 tekens.')).toBeTruthy();
  expect(reason.getAttribute('aria-invalid')).toBe('true');
  expect(onReject).not.toHaveBeenCalled();

  await user.type(reason, 'c: geen organisatie uit Genk');
  await user.click(screen.getByRole('button', { name: 'Repair Café Winterslag definitief weigeren' }));
  expect(onReject).toHaveBeenCalledWith('ab c: geen organisatie uit Genk');
  expect(screen.queryByText('Schrijf een reden van minstens 3 tekens.')).toBeNull();
});

it('keeps the reason when the rejection fails', async () => {
  const user = userEvent.setup({ delay: null });
  render(<RejectForm organisation={ORGANISATION} busy={false} onReject={vi.fn().mockResolvedValue(false)} />);
  await user.click(screen.getByText('Repair Café Winterslag weigeren…'));
  await user.type(screen.getByLabelText('Waarom weiger je Repair Café Winterslag?'), 'Dubbele aanmelding');
  await user.click(screen.getByRole('button', { name: 'Repair Café Winterslag definitief weigeren' }));
  expect((screen.getByLabelText('Waarom weiger je Repair Café Winterslag?') as HTMLTextAreaElement).value).toBe('Dubbele aanmelding');
});

it('asks the API for the active organisations with a proposed change only, whatever their number', async () => {
  const renamed = { ...ORGANISATION, type: 'citizen', workDomains: [], enterpriseNumber: null, proposedChange: { name: 'Repair Café Genk', enterpriseNumber: null, proposedAt: '2026-11-30T10:00:00Z' } };
  get.mockImplementation(async (_path: string, { params }: { params: { query: { status: string } } }) => ({
    data: { items: params.query.status === 'active' ? [renamed] : [], nextCursor: null },
    response: new Response(null, { status: 200 }),
  }));
  render(<AdminOrganisationsPage />);
  await screen.findByRole('button', { name: 'Wijziging van Repair Café Winterslag goedkeuren' });
  expect(screen.getByText('Repair Café Winterslag → Repair Café Genk')).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/v1/organisations', { params: { query: { status: 'active', changeProposed: 'true', limit: 100 } } });
  expect(get).toHaveBeenCalledWith('/api/v1/organisations', { params: { query: { status: 'pending', limit: 100 } } });
});

it('shows more of each list, a page at a time with the API’s cursor, and keeps the pages read after a decision', async () => {
  const pendingOrg = (i: number) => ({ ...ORGANISATION, id: `6f1d0f5e-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Aanmelding ${i}`, type: 'citizen', workDomains: [], createdAt: '2026-11-30T10:00:00Z' });
  const changed = (i: number) => ({ ...pendingOrg(500 + i), name: `Wijziging ${i}`, enterpriseNumber: null, proposedChange: { name: `Nieuw ${i}`, enterpriseNumber: null, proposedAt: '2026-11-30T10:00:00Z' } });
  get.mockImplementation(async (_path: string, { params }: { params: { query: { status: string; cursor?: string } } }) => {
    const { status, cursor } = params.query;
    const data =
      status === 'pending'
        ? cursor === 'p2'
          ? { items: [pendingOrg(4)], nextCursor: null }
          : { items: [1, 2, 3].map(pendingOrg), nextCursor: 'p2' } // the API's page of 100, shortened
        : cursor === 'c2'
          ? { items: [changed(2)], nextCursor: null }
          : { items: [changed(1)], nextCursor: 'c2' };
    return { data, response: new Response(null, { status: 200 }) };
  });
  post.mockImplementation(async () => ({ data: pendingOrg(4), response: new Response(null, { status: 200 }) }));
  const user = userEvent.setup({ delay: null });
  render(<AdminOrganisationsPage />);
  await screen.findByRole('heading', { name: 'Aanmelding 3' });
  expect(screen.queryByRole('heading', { name: 'Aanmelding 4' })).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Meer organisaties tonen die wachten op goedkeuring' }));
  await screen.findByRole('heading', { name: 'Aanmelding 4' });
  expect(screen.getByRole('heading', { name: 'Aanmelding 1' })).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/v1/organisations', { params: { query: { status: 'pending', limit: 100, cursor: 'p2' } } });
  expect(screen.queryByRole('button', { name: 'Meer organisaties tonen die wachten op goedkeuring' })).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Meer voorgestelde wijzigingen tonen' }));
  await screen.findByRole('heading', { name: 'Wijziging 2' });
  expect(screen.getByRole('heading', { name: 'Wijziging 1' })).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/v1/organisations', { params: { query: { status: 'active', changeProposed: 'true', limit: 100, cursor: 'c2' } } });

  // Approving one on the second page takes it out, and leaves the first page's shown.
  const calls = get.mock.calls.length;
  await user.click(screen.getByRole('button', { name: 'Aanmelding 4 goedkeuren' }));
  await screen.findByText(/^Aanmelding 4 is goedgekeurd/);
  expect(screen.queryByRole('heading', { name: 'Aanmelding 4' })).toBeNull();
  expect(screen.getAllByRole('heading', { name: /^Aanmelding \d+$/ })).toHaveLength(3);
  expect(get.mock.calls.length).toBe(calls);
});
