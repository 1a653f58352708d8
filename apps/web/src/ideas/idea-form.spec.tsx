import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { IdeaForm } from './idea-form';
import { CANVAS_BLOCK_MAX, emptyCanvas, type IdeaDraft } from './idea-rules';

const blank = (): IdeaDraft => ({ title: '', summary: '', workDomain: 'green', strategies: [], expectedJobs: { regular: '0', social: '0' }, canvas: emptyCanvas() });
const noServerErrors = () => undefined;

function renderForm(initial = blank(), serverError: (field: string) => string | undefined = noServerErrors) {
  const onSave = vi.fn();
  render(<IdeaForm initial={initial} onSave={onSave} pending={false} serverError={serverError} />);
  return { onSave, user: userEvent.setup({ delay: null }) };
}

const field = (name: string) => screen.getByLabelText(name, { exact: false }) as HTMLInputElement;
const errorOf = (el: HTMLElement) => {
  const ids = el.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').find((text) => text && id(text)) ?? null;
  function id(text: string) {
    return ids.some((i) => i.endsWith('-error') && document.getElementById(i)?.textContent === text);
  }
};

describe('the idea form (Dutch)', () => {
  beforeEach(() => void initI18n('nl'));
  afterEach(cleanup);

  it('sends nothing while a rule fails, and marks each field at fault in Dutch', async () => {
    const { onSave, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Ontwerp bewaren' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('3 velden vragen nog aandacht; ze zijn gemarkeerd.');
    expect(field('Titel').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Titel')); // the keyboard is taken to the first field at fault
    expect(errorOf(field('Titel'))).toBe('Geef een titel van minstens 3 tekens.');
    expect(errorOf(field('Korte omschrijving'))).toBe('Beschrijf het idee in minstens 10 tekens.');
    const strategies = screen.getByRole('group', { name: 'Circulaire strategieën (minstens één)' });
    expect(strategies.getAttribute('aria-invalid')).toBe('true');
    expect(within(strategies).getByText('Kies minstens één circulaire strategie.')).toBeTruthy();
    expect(field('In de reguliere economie').getAttribute('aria-invalid')).toBeNull();
  });

  it('counts the empty canvas blocks as they are filled, in the right plural', async () => {
    const { user } = renderForm();
    const status = () => screen.getAllByRole('status').map((s) => s.textContent).join(' ');
    expect(status()).toMatch(/^Nog 10 van de 10 blokken leeg\./);
    await user.type(field('Belangrijkste partners'), 'Repair Café, Stad Genk');
    expect(status()).toMatch(/^Nog 9 van de 10 blokken leeg\./);
    expect(screen.getByText('Nog 3.978 tekens.')).toBeTruthy(); // 4,000 less what was typed, in Dutch notation
  });

  it('refuses a canvas block longer than the API takes, and says so at the block', async () => {
    const { onSave, user } = renderForm({ ...blank(), title: 'Fietsherstel', summary: 'Tweedehands fietsen herstellen met leerwerkers.', strategies: ['repair'] });
    fireEvent.change(field('Kanalen'), { target: { value: 'x'.repeat(CANVAS_BLOCK_MAX + 1) } });
    expect(screen.getByText('1 teken te veel.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ontwerp bewaren' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(field('Kanalen').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Kanalen'));
    expect(errorOf(field('Kanalen'))).toBe('Een blok is hoogstens 4.000 tekens lang.');
    expect(screen.getByRole('alert').textContent).toBe('Eén veld vraagt nog aandacht; het is gemarkeerd.');
  });

  it('saves a draft with an incomplete canvas, and passes on what was typed', async () => {
    const { onSave, user } = renderForm();
    await user.type(field('Titel'), 'Fietsherstel');
    await user.type(field('Korte omschrijving'), 'Fietsen herstellen');
    await user.click(screen.getByLabelText('Herstellen'));
    await user.clear(field('In de sociale economie'));
    await user.type(field('In de sociale economie'), '3');
    await user.type(field('Waardepropositie'), 'Betaalbare fietsen');
    await user.click(screen.getByRole('button', { name: 'Ontwerp bewaren' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const draft = onSave.mock.calls[0][0] as IdeaDraft;
    expect(draft).toMatchObject({ title: 'Fietsherstel', strategies: ['repair'], expectedJobs: { regular: '0', social: '3' } });
    expect(draft.canvas.valuePropositions).toBe('Betaalbare fietsen');
  });

  it('marks the fields the API refused', () => {
    renderForm(blank(), (f) => (f === 'canvas.keyPartners' ? 'Deze waarde klopt niet.' : undefined));
    expect(field('Belangrijkste partners').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(field('Belangrijkste partners'))).toBe('Deze waarde klopt niet.');
    expect(field('Titel').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('the idea form (English)', () => {
  beforeEach(() => void initI18n('en'));
  afterEach(cleanup);

  it('speaks English when English is chosen', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(errorOf(field('Title'))).toBe('Give a title of at least 3 characters.');
    expect(screen.getAllByRole('status').map((s) => s.textContent).join(' ')).toMatch(/^10 of the 10 blocks are still empty\./);
  });
});
