import { Button, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitcher } from './LanguageSwitcher';
import { SessionWarning } from './SessionWarning';
import { useT } from './i18n';
import { useMe, useSession } from './session';
import { isAuthor, isCoordinator } from '../concerns/vocabulary';
import { NotificationBell } from '../notifications/NotificationBell';

/** The frame of every signed-in screen: who is signed in, the language, sign-out, and where to go. */
export function Shell() {
  const t = useT();
  const me = useMe();
  const { signOut } = useSession();
  return (
    <>
      <SkipLink href="#main">{t('app.skipToContent')}</SkipLink>
      <header className="shell-header">
        <div className="shell-bar">
          <NavLink to="/" className="shell-brand">
            {t('app.name')}
          </NavLink>
          <Paragraph data-size="sm" className="shell-user">
            {t('shell.signedInAs', { name: me.name, agency: me.agency.name })}
          </Paragraph>
          <NotificationBell />
          <LanguageSwitcher />
          <Button variant="secondary" data-size="sm" onClick={() => void signOut('signed-out')}>
            {t('shell.signOut')}
          </Button>
        </div>
        <nav aria-label={t('nav.label')} className="shell-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {isAuthor(me.roles) && (
              <>
                <li>
                  <NavLink to="/concerns/new">{t('nav.logConcern')}</NavLink>
                </li>
                <li>
                  <NavLink to="/concerns/mine">{t('nav.myConcerns')}</NavLink>
                </li>
              </>
            )}
            {isCoordinator(me.roles) && (
              <li>
                <NavLink to="/intake">{t('nav.intake')}</NavLink>
              </li>
            )}
            {isCoordinator(me.roles) && (
              <li>
                <NavLink to="/referrals">{t('nav.referralBoard')}</NavLink>
              </li>
            )}
            {me.roles.includes('case_worker') && (
              <li>
                <NavLink to="/inbox">{t('nav.referralInbox')}</NavLink>
              </li>
            )}
            {(isCoordinator(me.roles) || me.roles.includes('case_worker') || me.roles.includes('forum_member')) && (
              <li>
                <NavLink to="/follow-ups">{t('nav.followUps')}</NavLink>
              </li>
            )}
            {me.roles.some((role) => role !== 'admin' && role !== 'auditor') && (
              <li>
                <NavLink to="/meetings">{t('nav.meetings')}</NavLink>
              </li>
            )}
            {me.roles.includes('auditor') && (
              <li>
                <NavLink to="/audit">{t('nav.audit')}</NavLink>
              </li>
            )}
            {me.roles.includes('admin') && (
              <li>
                <NavLink to="/admin/users">{t('nav.admin')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/notifications">{t('nav.notifications')}</NavLink>
            </li>
            <li>
              <NavLink to="/privacy">{t('nav.privacy')}</NavLink>
            </li>
            <li>
              <NavLink to="/profile">{t('nav.profile')}</NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="shell-main">
        <Outlet />
      </main>
      <SessionWarning />
    </>
  );
}
