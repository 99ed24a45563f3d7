import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { districtName, useFormat } from '../concerns/format';
import { useWork } from '../concerns/queries';
import { isAuthor } from '../concerns/vocabulary';
import { useUpcomingMeetings } from '../meetings/queries';
import '../concerns/work.css';

/** What is the signed-in person's to do now, from one request: notifications, follow-ups, referrals, meetings, queues. */
export function HomePage() {
  const t = useT();
  const me = useMe();
  const work = useWork();
  const format = useFormat();
  return (
    <Page title={t('home.title')}>
      <Paragraph>{t('home.welcome', { name: me.name })}</Paragraph>
      {work.isPending && <Loading />}
      {work.isError && <ProblemAlert error={work.error} onRetry={() => void work.refetch()} />}
      {work.data && (
        <section aria-labelledby="home-work" className="stack">
          <Heading level={2} data-size="sm" id="home-work">
            {t('home.yourWork')}
          </Heading>
          <ul className="work-list">
            <li>
              <Card data-color={work.data.unreadNotifications > 0 ? 'accent' : 'neutral'}>
                <Link asChild>
                  <RouterLink to="/notifications">
                    {t('home.notifications', { count: work.data.unreadNotifications })}
                  </RouterLink>
                </Link>
              </Card>
            </li>
            <li>
              <Card data-color={work.data.followUpsOverdue > 0 ? 'danger' : 'neutral'}>
                <Link asChild>
                  <RouterLink to={work.data.followUpsOverdue > 0 ? '/follow-ups?state=overdue' : '/follow-ups'}>
                    {t('home.followUpsDue', { count: work.data.followUpsDue })}
                    {work.data.followUpsOverdue > 0 &&
                      ` (${t('home.followUpsOverdue', { count: work.data.followUpsOverdue })})`}
                  </RouterLink>
                </Link>
              </Card>
            </li>
            <li>
              <Card
                data-color={
                  work.data.referralsWaiting > 0 || (me.roles.includes('case_worker') && work.data.referralsNew > 0)
                    ? 'accent'
                    : 'neutral'
                }
              >
                <Link asChild>
                  <RouterLink to={me.roles.includes('case_worker') ? '/inbox' : '/referrals'}>
                    {t('home.referralsWaiting', { count: work.data.referralsWaiting })}
                    {me.roles.includes('case_worker') &&
                      work.data.referralsNew > 0 &&
                      ` (${t('home.referralsNew', { count: work.data.referralsNew })})`}
                  </RouterLink>
                </Link>
              </Card>
            </li>
            <li>
              <Card data-color="neutral">
                {work.data.nextMeeting ? (
                  <Link asChild>
                    <RouterLink to={`/meetings/${work.data.nextMeeting.id}`}>
                      {t('home.nextMeeting', {
                        kind: t(`meetingKind.${work.data.nextMeeting.kind}`),
                        time: format.dateTime(work.data.nextMeeting.startsAt, work.data.nextMeeting.districtId),
                        district: districtName(me, work.data.nextMeeting.districtId) ?? '',
                      })}
                    </RouterLink>
                  </Link>
                ) : (
                  <Paragraph>{t('home.noMeeting')}</Paragraph>
                )}
              </Card>
            </li>
            {work.data.intake !== null && (
              <li>
                <Card data-color={work.data.intake > 0 ? 'accent' : 'neutral'}>
                  <Link asChild>
                    <RouterLink to="/intake">{t('home.intake', { count: work.data.intake })}</RouterLink>
                  </Link>
                </Card>
              </li>
            )}
          </ul>
          {me.roles.includes('forum_member') && <UpcomingMeetings />}
          {work.data.queues.length > 0 && (
            <>
              <Heading level={2} data-size="sm">
                {t('home.queues')}
              </Heading>
              <ul className="work-list">
                {work.data.queues.map((queue) => (
                  <li key={queue.savedFilterId}>
                    <Card data-color={queue.newCount > 0 ? 'accent' : 'neutral'}>
                      <Link asChild>
                        <RouterLink to={`/intake?queue=${queue.savedFilterId}`}>
                          {t('home.queue', { name: queue.name, count: queue.count, newCount: queue.newCount })}
                        </RouterLink>
                      </Link>
                    </Card>
                  </li>
                ))}
              </ul>
            </>
          )}
          {isAuthor(me.roles) && (
            <Paragraph>
              <Link asChild>
                <RouterLink to="/concerns/new">{t('home.logConcern')}</RouterLink>
              </Link>
            </Paragraph>
          )}
        </section>
      )}
    </Page>
  );
}

/** A forum member's next meetings (those they are invited to), each a link to its agenda and minutes. */
function UpcomingMeetings() {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const meetings = useUpcomingMeetings();
  const next = (meetings.data?.pages.flatMap((page) => page.items) ?? []).slice(0, 3);
  return (
    <section aria-labelledby="home-meetings" className="stack">
      <Heading level={2} data-size="sm" id="home-meetings">
        {t('home.upcomingMeetings')}
      </Heading>
      {meetings.isPending && <Loading />}
      {meetings.isError && <ProblemAlert error={meetings.error} onRetry={() => void meetings.refetch()} />}
      {meetings.isSuccess && next.length === 0 && <Paragraph>{t('home.noMeeting')}</Paragraph>}
      {next.length > 0 && (
        <ul className="work-list">
          {next.map((meeting) => (
            <li key={meeting.id}>
              <Card data-color="neutral">
                <Link asChild>
                  <RouterLink to={`/meetings/${meeting.id}`}>
                    {t('home.nextMeeting', {
                      kind: t(`meetingKind.${meeting.kind}`),
                      time: format.dateTime(meeting.startsAt, meeting.districtId),
                      district: districtName(me, meeting.districtId) ?? '',
                    })}
                  </RouterLink>
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Paragraph>
        <Link asChild>
          <RouterLink to="/meetings">{t('home.allMeetings')}</RouterLink>
        </Link>
      </Paragraph>
    </section>
  );
}
