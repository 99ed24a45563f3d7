import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useT } from '../app/i18n';
import { Loading } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { AgendaItemBody } from './AgendaItemView';
import { useMinutes, type Meeting } from './queries';

/** The minutes as this reader may see them: each decision on an item of their agenda, redacted as there, and its action items. */
export function MinutesPanel({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const format = useFormat();
  const minutes = useMinutes(meeting.id, true);
  return (
    <section aria-labelledby="minutes-title" className="stack">
      <Heading level={2} data-size="md" id="minutes-title">
        {t('minutes.title')}
      </Heading>
      {minutes.isPending && <Loading />}
      {minutes.isError && <ProblemAlert error={minutes.error} onRetry={() => void minutes.refetch()} />}
      {minutes.data && minutes.data.items.length === 0 && <Paragraph>{t('minutes.none')}</Paragraph>}
      {minutes.data && minutes.data.items.length > 0 && (
        <>
          <Paragraph data-size="sm">
            {t('minutes.attendance', {
              names:
                minutes.data.attendance
                  .filter((person) => person.attended)
                  .map((person) => person.name)
                  .join(', ') || t('minutes.attendanceNone'),
            })}
          </Paragraph>
          <ol className="plain-list">
            {minutes.data.items.map((minute) => (
              <li key={minute.id} className="minute">
                {minute.agendaItem ? (
                  <AgendaItemBody item={minute.agendaItem} districtId={meeting.districtId} />
                ) : (
                  <Paragraph>
                    <strong>{t('minutes.otherBusiness')}</strong>
                  </Paragraph>
                )}
                <Heading level={3} data-size="2xs">
                  {t('minutes.decision')}
                </Heading>
                <Paragraph className="decision">{minute.decision}</Paragraph>
                {minute.actions.length > 0 && (
                  <>
                    <Heading level={3} data-size="2xs">
                      {t('minutes.actions')}
                    </Heading>
                    <ul>
                      {minute.actions.map((action) => (
                        <li key={action.followUpId}>
                          {t('minutes.actionLine', {
                            text: action.text,
                            owner: action.owner.name,
                            agency: action.owner.agencyName,
                            due: format.dateTime(action.dueAt, meeting.districtId),
                          })}{' '}
                          <Tag data-size="sm" data-color={action.state === 'open' ? 'info' : 'success'}>
                            {t(`minutes.actionState.${action.state}`)}
                          </Tag>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
