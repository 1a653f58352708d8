import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { CheckboxGroup } from './form';

afterEach(cleanup);

const OPTIONS = [
  { value: 'a', label: 'An' },
  { value: 'b', label: 'Bram' },
];

it('reads its hint and its error with the group, shows its children inside it, and sends the checked values', async () => {
  const onChange = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(
    <CheckboxGroup legend="Deelnemers" hint="Wie komt er?" options={OPTIONS} value={['a']} onChange={onChange} error="Kies iemand.">
      <p>Even laden…</p>
    </CheckboxGroup>,
  );
  const group = screen.getByRole('group', { name: 'Deelnemers' });
  expect(group.getAttribute('aria-invalid')).toBe('true');
  const described = (group.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
  expect(described).toEqual(['Wie komt er?', 'Kies iemand.']);
  expect(within(group).getByText('Even laden…')).toBeTruthy();
  await user.click(within(group).getByLabelText('Bram'));
  expect(onChange).toHaveBeenCalledWith(['a', 'b']);
  await user.click(within(group).getByLabelText('An'));
  expect(onChange).toHaveBeenLastCalledWith([]);
});

it('is described by nothing when it has no hint and no error', () => {
  render(<CheckboxGroup legend="Domeinen" options={OPTIONS} value={[]} onChange={vi.fn()} />);
  expect(screen.getByRole('group', { name: 'Domeinen' }).hasAttribute('aria-describedby')).toBe(false);
});
