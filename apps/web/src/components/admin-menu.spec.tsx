import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { AdminMenu } from './admin-menu';

beforeEach(() => void initI18n('nl'));
afterEach(cleanup);

function renderMenu() {
  render(
    <nav aria-label="Hoofdmenu">
      <ul>
        <AdminMenu />
        <li>
          <a href="/account">Mijn account</a>
        </li>
      </ul>
    </nav>,
  );
  return screen.getByRole('button', { name: 'Beheer' });
}

it('opens and closes the hub admin’s ten pages with its button, which says whether they are shown', async () => {
  const user = userEvent.setup({ delay: null });
  const button = renderMenu();
  expect(button.getAttribute('aria-expanded')).toBe('false');
  expect(screen.queryByRole('link', { name: 'Auditlog' })).toBeNull(); // hidden: not in the accessibility tree
  await user.click(button);
  expect(button.getAttribute('aria-expanded')).toBe('true');
  const list = document.getElementById(button.getAttribute('aria-controls') ?? '')!;
  expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual([
    'Aanmeldingen',
    'Screening',
    'Programma',
    'Mensen',
    'Charter',
    'Doelen en ESF-fasen',
    'Herinneringen voor sessies',
    'Cijfers en ESF-export',
    'Onverwerkte berichten',
    'Auditlog',
  ]);
  await user.click(button);
  expect(button.getAttribute('aria-expanded')).toBe('false');
});

it('works by keyboard: Enter opens, Tab walks the links, Escape closes and gives the focus back to the button', async () => {
  const user = userEvent.setup({ delay: null });
  const button = renderMenu();
  button.focus();
  await user.keyboard('{Enter}');
  expect(button.getAttribute('aria-expanded')).toBe('true');
  await user.tab();
  expect(document.activeElement?.textContent).toBe('Aanmeldingen');
  await user.tab();
  expect(document.activeElement?.textContent).toBe('Screening');
  await user.keyboard('{Escape}');
  expect(button.getAttribute('aria-expanded')).toBe('false');
  expect(document.activeElement).toBe(button);
});

it('closes when the focus leaves it and when a link is followed', async () => {
  const user = userEvent.setup({ delay: null });
  const button = renderMenu();
  await user.click(button);
  button.focus();
  for (let i = 0; i < 11; i += 1) await user.tab(); // past its ten links, to "Mijn account"
  expect(document.activeElement?.textContent).toBe('Mijn account');
  expect(button.getAttribute('aria-expanded')).toBe('false');

  await user.click(button);
  await user.click(screen.getByRole('link', { name: 'Mensen' }));
  expect(window.location.pathname).toBe('/admin/people');
  expect(button.getAttribute('aria-expanded')).toBe('false');
  expect(button.classList.contains('here')).toBe(true); // on one of its pages
  act(() => navigate('/'));
  expect(button.classList.contains('here')).toBe(false);
});
