import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, usePath } from '../router';

/** The hub admin's pages, in the order of the menu; `key` is the link's text. */
export const ADMIN_PAGES = [
  { href: '/admin/organisations', key: 'nav.admin' },
  { href: '/admin/screening', key: 'screening.title' },
  { href: '/programmes', key: 'programmes.title' },
  { href: '/admin/people', key: 'people.link' },
  { href: '/admin/charter', key: 'charterPublish.page' },
  { href: '/admin/targets', key: 'targets.title' },
  { href: '/admin/reminders', key: 'reminders.title' },
  { href: '/admin/export', key: 'export.title' },
  { href: '/admin/dead-letters', key: 'deadLetters.title' },
  { href: '/admin/audit-log', key: 'audit.title' },
] as const;

/**
 * The hub admin's pages behind one button of the main menu (a disclosure, not an ARIA menu: a list
 * of links that Tab walks). The button says whether the list is open (aria-expanded); Escape closes
 * it and gives the focus back to the button, as do leaving it with Tab or a click elsewhere and
 * following a link.
 */
export function AdminMenu() {
  const { t } = useTranslation();
  const id = useId();
  const path = usePath();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  const here = ADMIN_PAGES.some((p) => p.href === path);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };
  const onBlur = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  return (
    <li className={open ? 'menu open' : 'menu'} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button ref={button} type="button" className={here ? 'link here' : 'link'} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {t('admin.more')}
        <span aria-hidden="true"> ▾</span>
      </button>
      <ul id={id} hidden={!open}>
        {ADMIN_PAGES.map((page) => (
          <li key={page.href}>
            <Link href={page.href} onClick={() => setOpen(false)}>
              {t(page.key)}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}
