import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { ParticipantForm } from './participant-form';

const ORGANISATIONS = [{ id: '0b5a3f0e-8a1e-4c1e-9d3a-2f6c1d7e9a01', name: 'Alternatief' }];

function renderForm(serverError: (field: string) => string | undefined = () => undefined) {
  const onSave = vi.fn();
  render(<ParticipantForm organisations={ORGANISATIONS} onSave={onSave} pending={false} serverError={serverError} />);
  return { onSave, user: userEvent.setup({ delay: null }) };
}
const group = (name: string) => screen.getByRole('group', { name });
const describedText = (el: HTMLElement) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | ');

describe('the participant form (Dutch)', () => {
  beforeEach(() => void initI18n('nl'));
  afterEach(cleanup);

  it('asks only what the ESF indicators need, and says why at every question', () => {
    renderForm();
    const asked = [...document.querySelectorAll('label, legend')].map((el) => el.textContent);
    expect(asked.join(' ')).not.toMatch(/naam|geboorte|rijksregister|adres/i);
    expect(screen.getByText(/geen naam, geen geboortedatum, geen rijksregisternummer/)).toBeTruthy();
    for (const legend of ['Gender', 'Leeftijd bij instroom', 'Situatie op de arbeidsmarkt bij instroom', 'Hoogste diploma', 'Heeft de deelnemer een handicap?']) {
      expect(describedText(group(legend))).toMatch(/ESF/);
    }
    expect(describedText(screen.getByLabelText('Jouw referentie'))).toMatch(/versleuteld; gebruik geen naam/);
  });

  it('offers "Wil dit niet zeggen" only for the sensitive questions', () => {
    renderForm();
    for (const legend of ['Heeft de deelnemer een handicap?', 'Heeft de deelnemer de nationaliteit van een land buiten de EU?', 'Heeft de deelnemer een migratieachtergrond?', 'Behoort de deelnemer tot een minderheid (zoals Roma)?']) {
      expect(within(group(legend)).getByLabelText('Wil dit niet zeggen')).toBeTruthy();
    }
    for (const legend of ['Gender', 'Leeftijd bij instroom', 'Hoogste diploma']) expect(within(group(legend)).queryByLabelText('Wil dit niet zeggen')).toBeNull();
  });

  it('sends nothing until every question is answered, marking each one left open', async () => {
    const { onSave, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Deelnemer inschrijven' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('9 velden vragen nog aandacht; ze zijn gemarkeerd.');
    expect(group('Gender').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(group('Gender'))).toMatch(/Kies een antwoord/);
    expect(document.activeElement).toBe(screen.getByLabelText('Jouw referentie'));
  });

  it('sends the answers, with "declined" where the participant declined', async () => {
    const { onSave, user } = renderForm();
    await user.type(screen.getByLabelText('Jouw referentie'), ' DOS-2026-017 ');
    await user.click(within(group('Gender')).getByLabelText('Vrouw'));
    await user.click(within(group('Leeftijd bij instroom')).getByLabelText('18 tot 29'));
    await user.click(within(group('Situatie op de arbeidsmarkt bij instroom')).getByLabelText('Langdurig werkzoekend (meer dan een jaar)'));
    await user.click(within(group('Hoogste diploma')).getByLabelText('Secundair of postsecundair'));
    await user.click(within(group('Heeft de deelnemer een handicap?')).getByLabelText('Nee'));
    await user.click(within(group('Heeft de deelnemer de nationaliteit van een land buiten de EU?')).getByLabelText('Wil dit niet zeggen'));
    await user.click(within(group('Heeft de deelnemer een migratieachtergrond?')).getByLabelText('Ja'));
    await user.click(within(group('Behoort de deelnemer tot een minderheid (zoals Roma)?')).getByLabelText('Wil dit niet zeggen'));
    await user.clear(screen.getByLabelText('Ingestroomd op'));
    await user.type(screen.getByLabelText('Ingestroomd op'), '2026-09-01');
    await user.click(screen.getByRole('button', { name: 'Deelnemer inschrijven' }));
    expect(onSave).toHaveBeenCalledWith({
      reference: 'DOS-2026-017',
      entryDate: '2026-09-01',
      gender: 'woman',
      ageBand: '18_29',
      labourMarketStatus: 'long_term_unemployed',
      education: 'isced_3_4',
      disability: 'no',
      thirdCountNational: 'declined',
      foreignBackground: 'yes',
      minority: 'declined',
    });
  });

  it('marks the field the API refused', () => {
    renderForm((field) => (field === 'reference' ? 'Deze waarde klopt niet.' : undefined));
    expect(screen.getByLabelText('Jouw referentie').getAttribute('aria-invalid')).toBe('true');
  });
});
