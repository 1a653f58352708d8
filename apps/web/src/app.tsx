import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, Page } from './components/page';
import { useLanguage } from './i18n/i18n';
import { AdminOrganisationsPage } from './pages/admin-organisations-page';
import { AdminExportPage } from './pages/admin-export-page';
import { AuditLogPage, DeadLettersPage } from './pages/admin-pages';
import { AssignmentsPage } from './pages/assignments-page';
import { DashboardPage } from './pages/dashboard-page';
import { DigestPage, DigestsPage } from './pages/digests-pages';
import { HomePage } from './pages/home-page';
import { IdeaEditorPage, IdeaPage, IdeasPage } from './pages/ideas-pages';
import { LoginPage } from './pages/login-page';
import { MentorProfilePage } from './pages/mentor-profile-page';
import { NotificationBell, NotificationsPage } from './pages/notifications-page';
import { OrganisationPage } from './pages/organisation-page';
import { NewParticipantPage, ParticipantPage, ParticipantsPage } from './pages/participants-pages';
import { PreferencesPage } from './pages/preferences-page';
import { ProgrammePage, ProgrammesPage } from './pages/programmes-pages';
import { RegisterPage } from './pages/register-page';
import { ScreeningPage } from './pages/screening-page';
import { SessionsPage } from './pages/sessions-page';
import { AcceptInvitationPage, ConfirmRegistrationPage, ForgotPasswordPage, ResetPasswordPage } from './pages/token-pages';
import { Link, matchPath, navigate, usePath } from './router';
import { useSession } from './session/session';

type Route = { path: string; page: (params: Record<string, string>) => ReactNode; login?: boolean };

/** Every page, by path; `login`: only for a logged-in person (others see the login form first). */
const ROUTES: Route[] = [
  { path: '/', page: () => <HomePage /> },
  { path: '/register', page: () => <RegisterPage /> },
  { path: '/registrations/confirm/:token', page: (p) => <ConfirmRegistrationPage token={p.token} /> },
  { path: '/login', page: () => <LoginPage /> },
  { path: '/password-reset', page: () => <ForgotPasswordPage /> },
  { path: '/password-reset/:token', page: (p) => <ResetPasswordPage token={p.token} /> },
  { path: '/invitations/:token', page: (p) => <AcceptInvitationPage token={p.token} /> },
  { path: '/organisation', page: () => <OrganisationPage />, login: true },
  { path: '/ideas', page: () => <IdeasPage />, login: true },
  { path: '/ideas/new', page: () => <IdeaEditorPage />, login: true },
  { path: '/ideas/:id', page: (p) => <IdeaPage key={p.id} id={p.id} />, login: true },
  { path: '/ideas/:id/edit', page: (p) => <IdeaEditorPage key={p.id} id={p.id} />, login: true },
  { path: '/notifications', page: () => <NotificationsPage />, login: true },
  { path: '/admin/organisations', page: () => <AdminOrganisationsPage />, login: true },
  { path: '/mentor', page: () => <MentorProfilePage />, login: true },
  { path: '/assignments', page: () => <AssignmentsPage />, login: true },
  { path: '/sessions', page: () => <SessionsPage />, login: true },
  { path: '/participants', page: () => <ParticipantsPage />, login: true },
  { path: '/participants/new', page: () => <NewParticipantPage />, login: true },
  { path: '/participants/:id', page: (p) => <ParticipantPage key={p.id} id={p.id} />, login: true },
  { path: '/preferences', page: () => <PreferencesPage />, login: true },
  { path: '/programmes', page: () => <ProgrammesPage />, login: true },
  { path: '/programmes/:id', page: (p) => <ProgrammePage key={p.id} id={p.id} />, login: true },
  { path: '/admin/dead-letters', page: () => <DeadLettersPage />, login: true },
  { path: '/admin/audit-log', page: () => <AuditLogPage />, login: true },
  { path: '/admin/export', page: () => <AdminExportPage />, login: true },
  { path: '/admin/screening', page: () => <ScreeningPage />, login: true },
  { path: '/dashboard', page: () => <DashboardPage />, login: true },
  { path: '/digests', page: () => <DigestsPage />, login: true },
  { path: '/digests/:id', page: (p) => <DigestPage key={p.id} id={p.id} />, login: true },
  // Where notifications link to: the charter to sign is on the organisation's page; a new
  // organisation's notification (hub admins) opens the approvals.
  { path: '/charters/current', page: () => <OrganisationPage />, login: true },
  { path: '/organisations/:id', page: () => <AdminOrganisationsPage />, login: true },
];

export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const { status } = useSession();
  let content: ReactNode = <NotFound />;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.login && status === 'loading') content = <Loading />;
    else if (route.login && status === 'anonymous') content = <LoginPage key="login" next={path} reason={t('login.needed')} />;
    else content = route.page(params);
    break;
  }
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <footer>
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

function Header() {
  const { t } = useTranslation();
  const { status, me, logout, changeLanguage } = useSession();
  const { language } = useLanguage();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <header>
      <div className="bar">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            {status === 'authenticated' ? (
              <>
                {me?.person.hubRoles.some((role) => role === 'city_staff' || role === 'hub_admin') ? (
                  <li>
                    <Link href="/dashboard">{t('nav.dashboard')}</Link>
                  </li>
                ) : null}
                {me?.person.hubRoles.includes('hub_admin') ? (
                  <li>
                    <Link href="/admin/organisations">{t('nav.admin')}</Link>
                  </li>
                ) : null}
                {me?.person.hubRoles.includes('mentor') ? (
                  <>
                    <li>
                      <Link href="/assignments">{t('nav.assignments')}</Link>
                    </li>
                    <li>
                      <Link href="/sessions">{t('nav.sessions')}</Link>
                    </li>
                    <li>
                      <Link href="/mentor">{t('nav.mentorProfile')}</Link>
                    </li>
                  </>
                ) : null}
                {me?.person.hubRoles.includes('job_coach') ? (
                  <li>
                    <Link href="/participants">{t('nav.participants')}</Link>
                  </li>
                ) : null}
                <li>
                  <Link href="/ideas">{t('nav.ideas')}</Link>
                </li>
                <li>
                  <Link href="/organisation">{t('nav.organisation')}</Link>
                </li>
                {me?.person.memberships.length ? (
                  <li>
                    <Link href="/programmes">{t('nav.programmes')}</Link>
                  </li>
                ) : null}
                <li>
                  <NotificationBell />
                </li>
                <li>
                  <button type="button" className="link" onClick={() => logout().then(() => navigate('/'))}>
                    {t('nav.logout', { name: me?.person.name })}
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link href="/login">{t('nav.login')}</Link>
                </li>
                <li>
                  <Link href="/register">{t('nav.register')}</Link>
                </li>
              </>
            )}
            <li>
              <button type="button" className="link" lang={other === 'en' ? 'en' : 'nl-BE'} onClick={() => changeLanguage(other).catch(() => undefined)}>
                {t('nav.otherLanguage')}
              </button>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>
        {t('notFound.text')} <Link href="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
