import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminMenu } from './components/admin-menu';
import { Loading, Page } from './components/page';
import { useLanguage } from './i18n/i18n';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NotificationBell, NotificationsPage } from './pages/notifications-page';
import { Link, matchPath, navigate, usePath } from './router';
import { useSession } from './session/session';

/**
 * A page whose module is fetched when it is first shown, as a chunk of its own: the hub's page, the
 * login and the bell (on every page) come with the app; the rest only for those who open them.
 */
function onDemand<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the export's own props type is restored by the cast
  return lazy(() => load().then((module) => ({ default: module[name] as ComponentType<any> }))) as M[K];
}
const organisationPage = () => import('./pages/organisation-page');
const ideasPages = () => import('./pages/ideas-pages');
const participantsPages = () => import('./pages/participants-pages');
const programmesPages = () => import('./pages/programmes-pages');
const adminPages = () => import('./pages/admin-pages');
const digestsPages = () => import('./pages/digests-pages');
const tokenPages = () => import('./pages/token-pages');
const RegisterPage = onDemand(() => import('./pages/register-page'), 'RegisterPage');
const ConfirmRegistrationPage = onDemand(tokenPages, 'ConfirmRegistrationPage');
const ForgotPasswordPage = onDemand(tokenPages, 'ForgotPasswordPage');
const UnlockLoginPage = onDemand(tokenPages, 'UnlockLoginPage');
const ResetPasswordPage = onDemand(tokenPages, 'ResetPasswordPage');
const AcceptInvitationPage = onDemand(tokenPages, 'AcceptInvitationPage');
const OrganisationPage = onDemand(organisationPage, 'OrganisationPage');
const IdeasPage = onDemand(ideasPages, 'IdeasPage');
const IdeaPage = onDemand(ideasPages, 'IdeaPage');
const IdeaEditorPage = onDemand(ideasPages, 'IdeaEditorPage');
const AdminOrganisationsPage = onDemand(() => import('./pages/admin-organisations-page'), 'AdminOrganisationsPage');
const MentorProfilePage = onDemand(() => import('./pages/mentor-profile-page'), 'MentorProfilePage');
const AssignmentsPage = onDemand(() => import('./pages/assignments-page'), 'AssignmentsPage');
const CoachedIdeaPage = onDemand(() => import('./pages/coached-idea-page'), 'CoachedIdeaPage');
const SessionsPage = onDemand(() => import('./pages/sessions-page'), 'SessionsPage');
const ParticipantsPage = onDemand(participantsPages, 'ParticipantsPage');
const NewParticipantPage = onDemand(participantsPages, 'NewParticipantPage');
const ParticipantPage = onDemand(participantsPages, 'ParticipantPage');
const PreferencesPage = onDemand(() => import('./pages/preferences-page'), 'PreferencesPage');
const AccountPage = onDemand(() => import('./pages/account-page'), 'AccountPage');
const ProgrammesPage = onDemand(programmesPages, 'ProgrammesPage');
const ProgrammePage = onDemand(programmesPages, 'ProgrammePage');
const DeadLettersPage = onDemand(adminPages, 'DeadLettersPage');
const AuditLogPage = onDemand(adminPages, 'AuditLogPage');
const AdminExportPage = onDemand(() => import('./pages/admin-export-page'), 'AdminExportPage');
const CharterAdminPage = onDemand(() => import('./pages/charter-admin-page'), 'CharterAdminPage');
const ScreeningPage = onDemand(() => import('./pages/screening-page'), 'ScreeningPage');
const DashboardPage = onDemand(() => import('./pages/dashboard-page'), 'DashboardPage');
const DigestsPage = onDemand(digestsPages, 'DigestsPage');
const DigestPage = onDemand(digestsPages, 'DigestPage');
const PeoplePage = onDemand(() => import('./pages/people-page'), 'PeoplePage');
const TargetsPage = onDemand(() => import('./pages/targets-page'), 'TargetsPage');
const RemindersPage = onDemand(() => import('./pages/reminders-page'), 'RemindersPage');

type Route = { path: string; page: (params: Record<string, string>) => ReactNode; login?: boolean };

/** Every page, by path; `login`: only for a logged-in person (others see the login form first). */
const ROUTES: Route[] = [
  { path: '/', page: () => <HomePage /> },
  { path: '/register', page: () => <RegisterPage /> },
  { path: '/registrations/confirm/:token', page: (p) => <ConfirmRegistrationPage token={p.token} /> },
  { path: '/login', page: () => <LoginPage /> },
  { path: '/login/unlock/:token', page: (p) => <UnlockLoginPage token={p.token} /> },
  { path: '/password-reset', page: () => <ForgotPasswordPage /> },
  { path: '/password-reset/:token', page: (p) => <ResetPasswordPage token={p.token} /> },
  { path: '/invitations/:token', page: (p) => <AcceptInvitationPage token={p.token} /> },
  { path: '/organisation', page: () => <OrganisationPage />, login: true },
  { path: '/ideas', page: () => <IdeasPage />, login: true },
  { path: '/ideas/new', page: () => <IdeaEditorPage />, login: true },
  { path: '/ideas/:id', page: (p) => <IdeaPage key={p.id} id={p.id} />, login: true },
  { path: '/ideas/:id/edit', page: (p) => <IdeaEditorPage key={p.id} id={p.id} />, login: true },
  { path: '/ideas/:id/coaching', page: (p) => <CoachedIdeaPage key={p.id} id={p.id} />, login: true },
  { path: '/notifications', page: () => <NotificationsPage />, login: true },
  { path: '/admin/organisations', page: () => <AdminOrganisationsPage />, login: true },
  { path: '/mentor', page: () => <MentorProfilePage />, login: true },
  { path: '/assignments', page: () => <AssignmentsPage />, login: true },
  { path: '/sessions', page: () => <SessionsPage />, login: true },
  { path: '/participants', page: () => <ParticipantsPage />, login: true },
  { path: '/participants/new', page: () => <NewParticipantPage />, login: true },
  { path: '/participants/:id', page: (p) => <ParticipantPage key={p.id} id={p.id} />, login: true },
  { path: '/preferences', page: () => <PreferencesPage />, login: true },
  { path: '/account', page: () => <AccountPage />, login: true },
  { path: '/programmes', page: () => <ProgrammesPage />, login: true },
  { path: '/programmes/:id', page: (p) => <ProgrammePage key={p.id} id={p.id} />, login: true },
  { path: '/admin/dead-letters', page: () => <DeadLettersPage />, login: true },
  { path: '/admin/audit-log', page: () => <AuditLogPage />, login: true },
  { path: '/admin/export', page: () => <AdminExportPage />, login: true },
  { path: '/admin/charter', page: () => <CharterAdminPage />, login: true },
  { path: '/admin/screening', page: () => <ScreeningPage />, login: true },
  { path: '/admin/people', page: () => <PeoplePage />, login: true },
  { path: '/admin/targets', page: () => <TargetsPage />, login: true },
  { path: '/admin/reminders', page: () => <RemindersPage />, login: true },
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
  const { status, connectionLost } = useSession();
  /** The language chosen is shown, but the API did not keep it for the account. */
  const [languageNotSaved, setLanguageNotSaved] = useState(false);
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
      <Header onLanguageSaved={(saved) => setLanguageNotSaved(!saved)} />
      {/* Said when it appears (role status, there from the start so that it is read out). */}
      <div role="status" className="connection">
        {connectionLost ? <p className="notice">{t('app.connectionLost')}</p> : null}
        {languageNotSaved ? <p className="notice">{t('app.languageNotSaved')}</p> : null}
      </div>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </main>
      <footer>
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

function Header({ onLanguageSaved }: { onLanguageSaved: (saved: boolean) => void }) {
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
                {me?.person.hubRoles.includes('hub_admin') ? <AdminMenu /> : null}
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
                  <Link href="/account">{t('nav.account')}</Link>
                </li>
                <li>
                  <button type="button" className="link" onClick={() => logout().then(() => navigate('/'))}>
                    {t('nav.logout')}
                    {/* Who is logged in, for screen readers; the bar shows only "Uitloggen", so that a hub admin's menu fits on one line. */}
                    <span className="visually-hidden"> {t('nav.loggedInAs', { name: me?.person.name })}</span>
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
              <button type="button" className="link" lang={other === 'en' ? 'en' : 'nl-BE'} onClick={() => changeLanguage(other).then(() => onLanguageSaved(true), () => onLanguageSaved(false))}>
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
