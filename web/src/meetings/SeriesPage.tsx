import { Alert, Button, Fieldset, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { districtName, useFormat } from '../concerns/format';
import { workKey } from '../concerns/queries';
import { ORDINALS, ruleWords, WEEKDAYS } from './MeetingForms';
import { ParticipantPicker } from './ParticipantPicker';
import { meetingsKey } from './queries';
import '../concerns/work.css';
import './meetings.css';

export type ForumSeries = Schemas['ForumSeriesDto'];
export const seriesKey = [...meetingsKey, 'series'] as const;

/** The forum series of the coordinator's districts. */
export function useSeriesList(enabled: boolean) {
  return useQuery({
    queryKey: seriesKey,
    staleTime: 0,
    enabled,
    queryFn: () => call(api.GET('/api/v1/forum-series')),
  });
}

/** One forum series: its rule, participants and place changed, or its end set (its meetings to come follow). */
export default function SeriesPage() {
  const { id = '' } = useParams();
  const t = useT();
  const series = useQuery({
    queryKey: [...seriesKey, id],
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/forum-series/{id}', { params: { path: { id } } })),
  });
  if (series.isPending)
    return (
      <Page title={t('series.pageTitle')}>
        <Loading />
      </Page>
    );
  if (series.isError)
    return (
      <Page title={t('series.pageTitle')}>
        <ProblemAlert error={series.error} onRetry={() => void series.refetch()} />
      </Page>
    );
  return <SeriesEditor series={series.data} />;
}

const FIELDS = ['rule', 'participantIds', 'location', 'durationMinutes', 'endsOn'] as const;

function SeriesEditor({ series }: { series: ForumSeries }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const queryClient = useQueryClient();
  const form = 'edit-series';
  const [ordinal, weekday, time] = series.rule.toLowerCase().split(/\s+/);
  const [rule, setRule] = useState({ ordinal, weekday, time: time?.padStart(5, '0') ?? '' });
  const [participantIds, setParticipantIds] = useState(series.participantIds);
  const [location, setLocation] = useState(series.location ?? '');
  const [duration, setDuration] = useState(String(series.durationMinutes));
  const [endsOn, setEndsOn] = useState(series.endsOn ?? '');
  const [saved, setSaved] = useState<ForumSeries | null>(null);
  const { errors, setErrors, fromProblem } = useFieldErrors(FIELDS);
  const labels = {
    rule: t('series.rule'),
    participantIds: t('meetings.participants'),
    location: t('meetings.location'),
    durationMinutes: t('meetings.duration'),
    endsOn: t('series.endsOn'),
  };
  // Participants of the series who are not among the district's people now are still listed, by their place.
  const others = series.participantIds.map((participant, index) => ({
    id: participant,
    name: t('series.participantUnknown', { number: index + 1 }),
    agencyName: '',
  }));
  const update = useMutation({
    mutationFn: (body: Schemas['UpdateForumSeriesDto']) =>
      call(api.PATCH('/api/v1/forum-series/{id}', { params: { path: { id: series.id } }, body })),
    onSuccess: (next) => {
      setErrors({});
      setSaved(next);
      setEndsOn(next.endsOn ?? '');
      queryClient.setQueryData([...seriesKey, series.id], next);
      void queryClient.invalidateQueries({ queryKey: meetingsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });

  function change(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(rule.time)) found.rule = t('series.timeRequired');
    if (participantIds.length === 0) found.participantIds = t('meetings.participantsRequired');
    setErrors(found);
    if (Object.keys(found).length === 0)
      update.mutate({
        rule: `${rule.ordinal} ${rule.weekday} ${rule.time}`,
        participantIds,
        ...(location.trim() ? { location: location.trim() } : {}),
        durationMinutes: Number(duration),
      });
  }

  function end(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn)) {
      setErrors({ endsOn: t('series.endsOnRequired') });
      return;
    }
    update.mutate({ endsOn });
  }

  const shown = saved ?? series;
  const words = t('series.ruleWords', ruleWords(t, shown.rule));
  return (
    <Page title={t('series.heading', { rule: words })}>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/meetings">{t('meeting.back')}</RouterLink>
        </Link>
      </Paragraph>
      <dl className="facts">
        <dt>{t('meetings.district')}</dt>
        <dd>{districtName(me, shown.districtId) ?? shown.timeZone}</dd>
        <dt>{t('series.endsOn')}</dt>
        <dd>{shown.endsOn ? format.date(shown.endsOn) : t('series.goesOn')}</dd>
      </dl>
      <FormErrorSummary form={form} errors={errors} labels={labels} />
      {update.isError && !(update.error instanceof ApiError && update.error.problem.errors?.length) && (
        <ProblemAlert error={update.error} />
      )}
      {saved && (
        <Alert data-color="success" role="status">
          <Heading level={2} data-size="xs">
            {saved.endsOn ? t('series.ended', { date: format.date(saved.endsOn) }) : t('series.changed')}
          </Heading>
          {saved.upcoming.length > 0 ? (
            <>
              <Paragraph>{t('series.upcoming')}</Paragraph>
              <ul>
                {saved.upcoming.map((start) => (
                  <li key={start}>{format.dateTime(start, saved.districtId)}</li>
                ))}
              </ul>
            </>
          ) : (
            <Paragraph>{t('series.noneUpcoming')}</Paragraph>
          )}
        </Alert>
      )}
      <form className="stack" noValidate onSubmit={change} aria-labelledby="edit-series-heading">
        <Heading level={2} data-size="sm" id="edit-series-heading">
          {t('series.change')}
        </Heading>
        <Paragraph>{t('series.changeIntro')}</Paragraph>
        <Fieldset id={fieldId(form, 'rule')}>
          <Fieldset.Legend>{labels.rule}</Fieldset.Legend>
          <div className="inline-fields">
            <SelectField
              id={`${form}-ordinal`}
              label={t('series.ordinal')}
              value={rule.ordinal}
              onChange={(value) => setRule({ ...rule, ordinal: value })}
              options={ORDINALS.map((value) => ({ value, label: t(`series.ordinal.${value}`) }))}
            />
            <SelectField
              id={`${form}-weekday`}
              label={t('series.weekday')}
              value={rule.weekday}
              onChange={(value) => setRule({ ...rule, weekday: value })}
              options={WEEKDAYS.map((value) => ({ value, label: t(`series.weekday.${value}`) }))}
            />
            <Textfield
              id={`${form}-time`}
              label={t('series.time')}
              type="time"
              value={rule.time}
              onChange={(event) => setRule({ ...rule, time: event.target.value })}
              error={errors.rule}
            />
          </div>
        </Fieldset>
        <ParticipantPicker
          id={fieldId(form, 'participantIds')}
          districtId={series.districtId}
          others={others}
          chosen={participantIds}
          onChange={setParticipantIds}
          error={errors.participantIds}
        />
        <Textfield
          id={fieldId(form, 'location')}
          label={labels.location}
          value={location}
          onChange={(event) => setLocation(event.target.value)}
          error={errors.location}
        />
        <Textfield
          id={fieldId(form, 'durationMinutes')}
          label={labels.durationMinutes}
          type="number"
          min={15}
          max={480}
          value={duration}
          onChange={(event) => setDuration(event.target.value)}
          error={errors.durationMinutes}
        />
        <div>
          <Button type="submit" loading={update.isPending && !update.variables?.endsOn}>
            {t('series.changeSubmit')}
          </Button>
        </div>
      </form>
      <form className="stack" noValidate onSubmit={end} aria-labelledby="end-series-heading">
        <Heading level={2} data-size="sm" id="end-series-heading">
          {t('series.end')}
        </Heading>
        <Paragraph>{t('series.endIntro')}</Paragraph>
        <Textfield
          id={fieldId(form, 'endsOn')}
          label={labels.endsOn}
          type="date"
          value={endsOn}
          onChange={(event) => setEndsOn(event.target.value)}
          error={errors.endsOn}
        />
        <div className="meeting-actions">
          <Button type="submit" variant="secondary" loading={update.isPending && !!update.variables?.endsOn}>
            {t('series.endSubmit')}
          </Button>
          {shown.endsOn && (
            <Button variant="tertiary" onClick={() => update.mutate({ endsOn: null })}>
              {t('series.goOn')}
            </Button>
          )}
        </div>
      </form>
    </Page>
  );
}
