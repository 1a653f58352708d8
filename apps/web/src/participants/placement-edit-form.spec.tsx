import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { PlacementEditForm } from './placement-form';

const PLACEMENT = {
  id: '0190a000-0000-7000-8000-000000000021',
  participantId: '0190a000-0000-7000-8000-000000000022',
  ideaId: '0190a000-0000-7000-8000-000000000023',
  employerOrganisationId: '0190a000-0000-7000-8000-000000000024',
  sector: 'social',
  contractType: 'art_60',
  hoursPerWeek: 19.5,
  startDate: '2026-03-02',
  endDate: null,
} as unknown as Schemas['PlacementView'];

beforeEach(() => void initI18n('nl'));
afterEach(cleanup);

it('changes a job: hours in Dutch notation, an end not before the start, and says why each is asked', async () => {
  const onSave = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PlacementEditForm placement={PLACEMENT} onSave={onSave} onCancel={vi.fn()} pending={false} serverError={() => undefined} />);
  const form = screen.getByRole('form', { name: 'Job wijzigen' });
  const hours = within(form).getByLabelText('Uren per week', { exact: false }) as HTMLInputElement;
  expect(hours.value).toBe('19,5');
  expect(within(form).getByText('Hieruit volgen de voltijdse equivalenten', { exact: false })).toBeTruthy();
  await user.clear(hours);
  await user.type(hours, '70');
  await user.type(within(form).getByLabelText('Einde', { exact: false }), '2026-02-27');
  await user.click(within(form).getByRole('button', { name: 'Wijziging bewaren' }));
  await within(form).findByText('Vul een aantal uren in, meer dan 0 en hoogstens 60.');
  expect(within(form).getByText('Het einde ligt voor de start.')).toBeTruthy();
  expect(onSave).not.toHaveBeenCalled();

  await user.clear(hours);
  await user.type(hours, '22,8');
  const end = within(form).getByLabelText('Einde', { exact: false });
  await user.clear(end);
  await user.type(end, '2026-11-30');
  await user.selectOptions(within(form).getByLabelText('Soort contract'), 'Maatwerk');
  await user.click(within(form).getByRole('button', { name: 'Wijziging bewaren' }));
  expect(onSave).toHaveBeenCalledWith({ sector: 'social', contractType: 'custom_work', hoursPerWeek: 22.8, endDate: '2026-11-30' });
});
