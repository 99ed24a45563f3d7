import { NavLink } from 'react-router';
import { useT } from '../app/i18n';
import { useMe } from '../app/session';
import { useWork } from '../concerns/queries';

/** The bell in the shell: a link to the notifications with the unread count, which updates without a reload. */
export function NotificationBell() {
  const me = useMe();
  // Until a required second factor is set up, only enrolment is open: nothing to count.
  return me.secondFactorRequired ? null : <Bell />;
}

function Bell() {
  const t = useT();
  const work = useWork();
  const unread = work.data?.unreadNotifications ?? 0;
  return (
    <NavLink to="/notifications" className="bell" aria-label={t('bell.label', { count: unread })}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread}
        </span>
      )}
    </NavLink>
  );
}
