import { useEffect, useMemo, useState } from 'react';
import { apiFor } from './api';
import { Link } from './components';
import { Language, textsFor, TextsContext } from './i18n';
import { CALLBACK_PATH } from './oidc';
import { navigate, usePath } from './router';
import { clearSession, loadSession, saveSession, Session, signOutOfTab } from './session';
import { Dashboard } from './screens/Dashboard';
import { NewComplaint } from './screens/NewComplaint';
import { Prelist } from './screens/Prelist';
import { SignIn } from './screens/SignIn';
import { TicketList } from './screens/TicketList';
import { TicketPage } from './screens/TicketPage';
import { Track } from './screens/Track';

const LANGUAGE_KEY = 'crm-console-language';

/** Where each role starts. */
const HOME: Record<string, string> = {
  operator: '/pengaduan/baru',
  diskominfo: '/tinjauan',
  dashboard: '/dasbor',
  verifier: '/prelist',
};
const DASHBOARD_ROLES = new Set(['dashboard', 'diskominfo', 'admin', 'unit']);
const PRELIST_ROLES = new Set(['diskominfo', 'verifier', 'unit']);

/** Moves to another page once rendered (never while rendering). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to), [to]);
  return null;
}

export function App() {
  const [language, setLanguage] = useState<Language>(
    () => (localStorage.getItem(LANGUAGE_KEY) as Language | null) ?? 'id',
  );
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const path = usePath();
  const texts = useMemo(() => textsFor(language), [language]);
  const api = useMemo(
    () =>
      apiFor(session?.token, language, () => {
        clearSession();
        setSession(undefined);
        navigate('/masuk');
      }),
    [session, language],
  );
  const { t } = texts;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
    localStorage.setItem(LANGUAGE_KEY, language);
  }, [language, t]);

  const signedIn = (token: string) => {
    const next = saveSession(token);
    setSession(next);
    navigate(next ? (HOME[next.role] ?? '/tiket') : '/masuk');
  };
  const signOut = () => {
    signOutOfTab();
    setSession(undefined);
    navigate('/masuk');
  };

  let page;
  const ticket = /^\/tiket\/([0-9a-f-]{36})$/.exec(path);
  if (path === '/lacak') page = <Track api={api} />;
  else if (path === CALLBACK_PATH) page = <SignIn onToken={signedIn} returning />;
  else if (!session) page = <SignIn onToken={signedIn} />;
  else if (path === '/' || path === '/masuk')
    page = <Redirect to={HOME[session.role] ?? '/tiket'} />;
  else if (path === '/pengaduan/baru' && session.role === 'operator') {
    page = <NewComplaint api={api} session={session} />;
  } else if (path === '/tiket') {
    page =
      session.role === 'operator' ? (
        <TicketList api={api} title={t('ticketsEntered')} query="" />
      ) : (
        <TicketList
          api={api}
          title={t('ticketsTitle')}
          hint={t('ticketsMine')}
          query="sort=priority"
        />
      );
  } else if (path === '/tinjauan' && session.role === 'diskominfo') {
    page = (
      <TicketList
        key="review"
        api={api}
        title={t('reviewTitle')}
        hint={t('reviewHint')}
        query="status=menunggu&sort=priority"
        statusFilter={false}
        review
      />
    );
  } else if (path === '/validasi' && (session.role === 'diskominfo' || session.role === 'admin')) {
    page = (
      <TicketList
        key="validation"
        api={api}
        title={t('validationTitle')}
        hint={t('validationHint')}
        query="status=menunggu_validasi&sort=priority"
        statusFilter={false}
        bulkApprove
      />
    );
  } else if (path === '/prelist' && PRELIST_ROLES.has(session.role)) {
    page = <Prelist api={api} session={session} />;
  } else if (path === '/dasbor' && DASHBOARD_ROLES.has(session.role)) {
    page = <Dashboard api={api} />;
  } else if (ticket) {
    page = <TicketPage key={ticket[1]} api={api} session={session} id={ticket[1]} />;
  } else page = <p>{t('notFound')}</p>;

  return (
    <TextsContext.Provider value={texts}>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('appTitle')}</span>
        <nav aria-label="Menu">
          {session?.role === 'operator' && <Link to="/pengaduan/baru">{t('navNewComplaint')}</Link>}
          {session && session.role !== 'dashboard' && session.role !== 'verifier' && (
            <Link to="/tiket">{t('navTickets')}</Link>
          )}
          {(session?.role === 'diskominfo' || session?.role === 'admin') && (
            <Link to="/validasi">{t('navValidation')}</Link>
          )}
          {session && PRELIST_ROLES.has(session.role) && (
            <Link to="/prelist">{t('navPrelist')}</Link>
          )}
          {session && DASHBOARD_ROLES.has(session.role) && (
            <Link to="/dasbor">{t('navDashboard')}</Link>
          )}
          <Link to="/lacak">{t('navTrack')}</Link>
        </nav>
        <div className="who">
          <button
            type="button"
            className="link"
            lang={language === 'id' ? 'en' : 'id'}
            onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}
          >
            {t('language')}
          </button>
          {session ? (
            <>
              <span>
                {t('signedInAs')} {session.name ?? session.sub} · {texts.role(session.role)} ·{' '}
                {session.unit}
              </span>
              <button type="button" className="link" onClick={signOut}>
                {t('signOut')}
              </button>
            </>
          ) : (
            path !== '/masuk' && <Link to="/masuk">{t('signIn')}</Link>
          )}
        </div>
      </header>
      <main id="main">{page}</main>
    </TextsContext.Provider>
  );
}
