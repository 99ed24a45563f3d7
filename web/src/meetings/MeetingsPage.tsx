import { Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { districtName, useFormat } from '../concerns/format';
import { isCoordinator } from '../concerns/vocabulary';
import { MeetingForm, ruleWords, SeriesForm } from './MeetingForms';
import { useUpcomingMeetings, type Meeting } from './queries';
import { useSeriesList } from './SeriesPage';
import '../concerns/work.css';
import './meetings.css';

/** The forum's meetings the reader is invited to (a coordinator: their districts'), soonest first; coordinators arrange more. */
export default function MeetingsPage() {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const list = useUpcomingMeetings();
  const meetings: Meeting[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  const [open, setOpen] = useState<'series' | 'meeting' | null>(null);
  const coordinator = isCoordinator(me.roles);
  const series = useSeriesList(coordinator);
  return (
    <Page title={t('meetings.title')}>
      <Paragraph>{t(coordinator ? 'meetings.introCoordinator' : 'meetings.intro')}</Paragraph>
      {coordinator && (
        <div className="meeting-actions">
          <Button
            variant={open === 'series' ? 'primary' : 'secondary'}
            aria-expanded={open === 'series'}
            aria-controls="arrange"
            onClick={() => setOpen(open === 'series' ? null : 'series')}
          >
            {t('series.open')}
          </Button>
          <Button
            variant={open === 'meeting' ? 'primary' : 'secondary'}
            aria-expanded={open === 'meeting'}
            aria-controls="arrange"
            onClick={() => setOpen(open === 'meeting' ? null : 'meeting')}
          >
            {t('meetings.open')}
          </Button>
        </div>
      )}
      <div id="arrange">
        {open === 'series' && <SeriesForm />}
        {open === 'meeting' && <MeetingForm />}
      </div>
      {series.data && series.data.items.length > 0 && (
        <section aria-labelledby="series-list-title" className="stack">
          <Heading level={2} data-size="sm" id="series-list-title">
            {t('series.listTitle')}
          </Heading>
          <ul>
            {series.data.items.map((one) => (
              <li key={one.id}>
                <Link asChild>
                  <RouterLink to={`/forum-series/${one.id}`}>
                    {t('series.listItem', {
                      rule: t('series.ruleWords', ruleWords(t, one.rule)),
                      district: districtName(me, one.districtId) ?? '',
                    })}
                  </RouterLink>
                </Link>
                {one.endsOn && ` (${t('series.endsOnShort', { date: format.date(one.endsOn) })})`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && meetings.length === 0 && <Paragraph>{t('meetings.empty')}</Paragraph>}
      {meetings.length > 0 && (
        <div className="table-wrap">
          <Table>
            <caption>{t('meetings.upcoming')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('meetings.when')}</Table.HeaderCell>
                <Table.HeaderCell>{t('meetings.kind')}</Table.HeaderCell>
                <Table.HeaderCell>{t('meetings.district')}</Table.HeaderCell>
                <Table.HeaderCell>{t('meetings.participants')}</Table.HeaderCell>
                <Table.HeaderCell>{t('meetings.agendaColumn')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {meetings.map((meeting) => (
                <Table.Row key={meeting.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/meetings/${meeting.id}`}>
                        {format.dateTime(meeting.startsAt, meeting.districtId)}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    {t(`meetingKind.${meeting.kind}`)}
                    {meeting.seriesId && ` (${t('meetings.ofSeries')})`}
                  </Table.Cell>
                  <Table.Cell>{districtName(me, meeting.districtId) ?? ''}</Table.Cell>
                  <Table.Cell>{meeting.participants.length}</Table.Cell>
                  <Table.Cell>
                    {meeting.agendaFrozenAt
                      ? t('agenda.stateFrozen')
                      : meeting.agendaGeneratedAt
                        ? t('agenda.stateGenerated')
                        : t('agenda.stateNotYet')}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {list.hasNextPage && (
        <div>
          <Button variant="secondary" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('list.more')}
          </Button>
        </div>
      )}
    </Page>
  );
}
