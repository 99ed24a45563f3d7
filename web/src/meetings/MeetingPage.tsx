import { Alert, Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { districtName, useFormat } from '../concerns/format';
import { workKey } from '../concerns/queries';
import { isCoordinator } from '../concerns/vocabulary';
import { AgendaPanel } from './AgendaPanel';
import { MinutesPanel } from './MinutesPanel';
import {
  downloadMeetingFile,
  hasStarted,
  instantToLocalInput,
  localInputToInstant,
  meetingKey,
  meetingsKey,
  useMeeting,
  type Meeting,
} from './queries';
import '../concerns/work.css';
import './meetings.css';

/** May this reader record the minutes: the district's coordinators and the forum's members among the participants. */
export function mayMinute(meeting: Meeting, me: ReturnType<typeof useMe>): boolean {
  const coordinates = isCoordinator(me.roles) && me.districts.some((district) => district.id === meeting.districtId);
  const member = me.roles.includes('forum_member') && meeting.participants.some((p) => p.id === me.id);
  return coordinates || member;
}

/** One meeting: when and where, who is invited, the downloads, the agenda as the reader may see it, and the minutes. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const meeting = useMeeting(id);
  // Arrived from running the meeting: its minutes were just saved.
  const justSaved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (meeting.isPending)
    return (
      <Page title={t('meeting.title')}>
        <Loading />
      </Page>
    );
  if (meeting.isError)
    return (
      <Page title={t('meeting.title')}>
        <ProblemAlert error={meeting.error} onRetry={() => void meeting.refetch()} />
      </Page>
    );
  const data = meeting.data;
  const started = hasStarted(data);
  const coordinates = isCoordinator(me.roles) && me.districts.some((district) => district.id === data.districtId);
  const when = format.dateTime(data.startsAt, data.districtId);
  const download = (file: 'agenda.pdf' | 'meeting.ics') => {
    setDownloadError(null);
    downloadMeetingFile(data.id, file).catch(setDownloadError);
  };
  return (
    <Page title={t('meeting.heading', { kind: t(`meetingKind.${data.kind}`), time: when })}>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/meetings">{t('meeting.back')}</RouterLink>
        </Link>
      </Paragraph>
      <dl className="facts">
        <dt>{t('meetings.district')}</dt>
        <dd>{districtName(me, data.districtId) ?? data.timeZone}</dd>
        <dt>{t('meetings.when')}</dt>
        <dd>{t('meeting.whenValue', { time: when, minutes: data.durationMinutes, zone: data.timeZone })}</dd>
        <dt>{t('meeting.where')}</dt>
        <dd>{data.location ?? t('meeting.noLocation')}</dd>
        {data.seriesId && (
          <>
            <dt>{t('meetings.kind')}</dt>
            <dd>
              {coordinates ? (
                <Link asChild>
                  <RouterLink to={`/forum-series/${data.seriesId}`}>{t('meeting.seriesLink')}</RouterLink>
                </Link>
              ) : (
                t('meetings.ofSeries')
              )}
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="participants-title">
        <Heading level={2} data-size="sm" id="participants-title">
          {t('meetings.participants')}
        </Heading>
        <ul>
          {data.participants.map((participant) => (
            <li key={participant.id}>
              {t('meetings.personWithAgency', { name: participant.name, agency: participant.agency.name })}
              {participant.attended !== null && ` – ${t(participant.attended ? 'minutes.attended' : 'minutes.absent')}`}
            </li>
          ))}
        </ul>
      </section>
      <div className="meeting-actions">
        <Button variant="secondary" onClick={() => download('agenda.pdf')}>
          {t('meeting.downloadPdf')}
        </Button>
        <Button variant="secondary" onClick={() => download('meeting.ics')}>
          {t('meeting.downloadIcs')}
        </Button>
        {started && mayMinute(data, me) && (
          <Button asChild>
            <RouterLink to={`/meetings/${data.id}/run`}>{t('meeting.run')}</RouterLink>
          </Button>
        )}
      </div>
      {downloadError !== null && <ProblemAlert error={downloadError} />}
      {justSaved && (
        <Alert data-color="success" role="status">
          <Paragraph>{t('minutes.saved')}</Paragraph>
        </Alert>
      )}
      {started ? (
        <Alert data-color="info">
          <Paragraph>{t('meeting.started')}</Paragraph>
        </Alert>
      ) : (
        coordinates && <MoveMeetingForm meeting={data} />
      )}
      <AgendaPanel meeting={data} editable={coordinates && !started} />
      {started && <MinutesPanel meeting={data} />}
    </Page>
  );
}

const MOVE_FIELDS = ['startsAt'] as const;

/** Moving a meeting not yet started: a new start, read in the meeting's time zone; its agenda follows. */
function MoveMeetingForm({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const form = 'move';
  const [startsAt, setStartsAt] = useState(instantToLocalInput(meeting.startsAt, meeting.timeZone));
  const [moved, setMoved] = useState<string | null>(null);
  const { errors, setErrors, fromProblem } = useFieldErrors(MOVE_FIELDS);
  const labels = { startsAt: t('meeting.newStart') };
  const move = useMutation({
    mutationFn: (instant: string) =>
      call(
        api.PATCH('/api/v1/meetings/{id}', {
          params: { path: { id: meeting.id } },
          body: { startsAt: instant, version: meeting.version },
        }),
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(meetingKey(meeting.id), next);
      void queryClient.invalidateQueries({ queryKey: meetingsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
      setErrors({});
      setMoved(next.startsAt);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const instant = localInputToInstant(startsAt, meeting.timeZone);
    if (!instant) {
      setErrors({ startsAt: t('meetings.startsAtRequired') });
      return;
    }
    move.mutate(instant);
  }
  return (
    <form className="stack move-form" noValidate onSubmit={submit} aria-labelledby="move-title">
      <Heading level={2} data-size="sm" id="move-title">
        {t('meeting.move')}
      </Heading>
      <FormErrorSummary form={form} errors={errors} labels={labels} />
      {move.isError && !(move.error instanceof ApiError && move.error.problem.errors?.length) && (
        <ProblemAlert
          error={move.error}
          onReload={() => void queryClient.invalidateQueries({ queryKey: meetingKey(meeting.id) })}
        />
      )}
      <Textfield
        id={fieldId(form, 'startsAt')}
        label={labels.startsAt}
        description={t('meetings.zoneHint', { zone: meeting.timeZone })}
        type="datetime-local"
        value={startsAt}
        onChange={(event) => setStartsAt(event.target.value)}
        error={errors.startsAt}
      />
      <div>
        <Button type="submit" variant="secondary" loading={move.isPending}>
          {t('meeting.moveSubmit')}
        </Button>
      </div>
      {moved && (
        <Alert data-color="success" role="status">
          <Paragraph>{t('meeting.moved', { time: format.dateTime(moved, meeting.districtId) })}</Paragraph>
        </Alert>
      )}
    </form>
  );
}
