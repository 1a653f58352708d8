import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { AdminOrganisationsPage, RejectForm } from './admin-organisations-page';

const get = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { GET: (...args: unknown[]) => get(...args) } }));
vi.mock('../session/session', () => ({ useSession: () => ({ me: { person: { hubRoles: ['hub_admin'] } } }) }));

const ORGANISATION = { id: '6f1d0f5e-0000-4000-8000-000000000001', name: 'Repair Café Winterslag' } as Schemas['OrganisationView'];

beforeEach(() => void initI18n('nl'));
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
