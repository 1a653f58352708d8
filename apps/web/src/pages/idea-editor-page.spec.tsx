import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { emptyCanvas } from '../ideas/idea-rules';
import { IdeaEditorPage } from './ideas-pages';

const get = vi.fn();
const patch = vi.fn();
const put = vi.fn();
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { GET: (...args: unknown[]) => get(...args), PATCH: (...args: unknown[]) => patch(...args), PUT: (...args: unknown[]) => put(...args) },
}));
vi.mock('../session/session', () => ({ useSession: () => ({ me: { person: { memberships: [{ organisationId: 'o' }] } } }) }));

const ID = '6f1d0f5e-0000-4000-8000-0000000000cc';
const IDEA = {
  id: ID,
  title: 'Fietsherstel',
  summary: 'Tweedehands fietsen herstellen met leerwerkers.',
  workDomain: 'mobility',
  strategies: ['repair'],
  expectedJobs: { regular: 1, social: 2 },
  canvas: { ...emptyCanvas(), keyPartners: 'Repair Café' },
};
const answer = (status: number, data: unknown) => (status < 300 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) });

beforeEach(() => {
  initI18n('nl');
  get.mockResolvedValue(answer(200, IDEA));
  patch.mockResolvedValue(answer(200, IDEA));
});
afterEach(cleanup);

it("marks the canvas block the API refuses when a draft's edit is saved (the canvas call names it from the canvas's root)", async () => {
  put.mockResolvedValue(answer(400, { type: 'validation-failed', title: 'Validation failed', status: 400, detail: '', errors: [{ field: 'keyPartners', message: 'Invalid characters' }] }));
  render(<IdeaEditorPage id={ID} />);
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('button', { name: 'Ontwerp bewaren' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Het veld dat niet klopt, is gemarkeerd.');
  expect(patch).toHaveBeenCalledWith('/api/v1/ideas/{id}', expect.objectContaining({ params: { path: { id: ID } } }));
  expect(put).toHaveBeenCalledWith('/api/v1/ideas/{id}/canvas', { params: { path: { id: ID } }, body: IDEA.canvas });
  const block = screen.getByLabelText('Belangrijkste partners', { exact: false });
  expect(block.getAttribute('aria-invalid')).toBe('true');
  expect(screen.getByText('Deze waarde klopt niet.')).toBeTruthy();
});
