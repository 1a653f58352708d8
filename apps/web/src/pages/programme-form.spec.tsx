import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { ProgrammeForm } from './programme-form';

const post = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args) } }));
const answer = (status: number, data: unknown) => (status < 300 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) });

beforeEach(() => {
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it('marks what is missing, puts the focus on the first field at fault, and sends nothing', async () => {
  const user = userEvent.setup({ delay: null });
  render(<ProgrammeForm onCreated={vi.fn()} />);
  await user.clear(screen.getByLabelText('Aantal plaatsen'));
  await user.type(screen.getByLabelText('Aantal plaatsen'), '0');
  await user.click(screen.getByRole('button', { name: 'Programma aanmaken' }));
  expect(screen.getByText('Geef het programma een titel.')).toBeTruthy();
  expect(screen.getByText('Vul een geheel getal in van 1 tot 1000.')).toBeTruthy();
  expect(screen.getByText('Kies een dag.')).toBeTruthy();
  expect(screen.getByText('Zeg waar het doorgaat.')).toBeTruthy();
  expect(screen.getByLabelText('Titel').getAttribute('aria-invalid')).toBe('true');
  await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Titel')));
  expect(post).not.toHaveBeenCalled();
});

it('refuses an afternoon that ends before it starts', async () => {
  const user = userEvent.setup({ delay: null });
  render(<ProgrammeForm onCreated={vi.fn()} />);
  const first = screen.getByRole('group', { name: 'Namiddag 1' });
  await user.clear(within(first).getByLabelText('Tot'));
  await user.type(within(first).getByLabelText('Tot'), '12:00');
  await user.click(screen.getByRole('button', { name: 'Programma aanmaken' }));
  expect(within(first).getByText('Het einde valt na het begin.')).toBeTruthy();
  expect(post).not.toHaveBeenCalled();
});

it('sends the afternoons in Brussels time (winter and summer) and says the programme is ready', async () => {
  const made = { id: '6f1d0f5e-0000-4000-8000-000000000001', title: 'Herstellen met hout', capacity: 10, sessions: [], confirmed: 0, waitlisted: 0, myRegistration: null };
  post.mockResolvedValue(answer(201, made));
  const onCreated = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<ProgrammeForm onCreated={onCreated} />);
  await user.type(screen.getByLabelText('Titel'), '  Herstellen met hout ');
  await user.clear(screen.getByLabelText('Aantal plaatsen'));
  await user.type(screen.getByLabelText('Aantal plaatsen'), '10');
  const first = screen.getByRole('group', { name: 'Namiddag 1' });
  await user.type(within(first).getByLabelText('Dag'), '2027-01-12');
  await user.type(within(first).getByLabelText('Plaats'), 'C-Mine, Genk');
  await user.click(screen.getByRole('button', { name: 'Namiddag toevoegen' }));
  const second = screen.getByRole('group', { name: 'Namiddag 2' });
  expect((within(second).getByLabelText('Plaats') as HTMLInputElement).value).toBe('C-Mine, Genk');
  await user.type(within(second).getByLabelText('Dag'), '2027-06-15');
  await user.click(screen.getByRole('button', { name: 'Programma aanmaken' }));
  await screen.findByText('Het programma “Herstellen met hout” staat klaar; partners kunnen zich nu inschrijven.');
  expect(post).toHaveBeenCalledWith('/api/v1/programmes', {
    body: {
      title: 'Herstellen met hout',
      capacity: 10,
      sessions: [
        { startsAt: '2027-01-12T12:30:00.000Z', endsAt: '2027-01-12T15:30:00.000Z', location: 'C-Mine, Genk' },
        { startsAt: '2027-06-15T11:30:00.000Z', endsAt: '2027-06-15T14:30:00.000Z', location: 'C-Mine, Genk' },
      ],
    },
  });
  expect(onCreated).toHaveBeenCalledWith(made);
  expect((screen.getByLabelText('Titel') as HTMLInputElement).value).toBe('');
});

it('shows a refusal of the API in Dutch with the field at fault marked, and keeps what was typed', async () => {
  post.mockResolvedValue(answer(400, { type: 'https://cirkel.example/problems/validation-failed', title: 'Validation failed', status: 400, errors: [{ field: 'sessions.0.startsAt', message: 'Invalid' }] }));
  const user = userEvent.setup({ delay: null });
  render(<ProgrammeForm onCreated={vi.fn()} />);
  await user.type(screen.getByLabelText('Titel'), 'Repair');
  await user.type(screen.getByLabelText('Dag'), '2027-01-12');
  await user.type(screen.getByLabelText('Plaats'), 'Genk');
  await user.click(screen.getByRole('button', { name: 'Programma aanmaken' }));
  await screen.findByText('Niet alles is goed ingevuld.');
  expect(screen.getByLabelText('Van').getAttribute('aria-invalid')).toBe('true');
  expect((screen.getByLabelText('Titel') as HTMLInputElement).value).toBe('Repair');
});
