import { Alert, Button, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { timeZoneOf, useFormat } from '../concerns/format';
import { workKey } from '../concerns/queries';
import { ParticipantPicker } from './ParticipantPicker';
import { localInputToInstant, meetingsKey, type Meeting } from './queries';

export const ORDINALS = ['first', 'second', 'third', 'fourth', 'last'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const KINDS = ['forum', 'case_conference'] as const;

/** The districts the coordinator arranges meetings in: their own. */
function useDistrictChoice() {
  const me = useMe();
  const [districtId, setDistrictId] = useState(me.districts[0]?.id ?? '');
  return { me, districtId, setDistrictId, options: me.districts.map((d) => ({ value: d.id, label: d.name })) };
}

const SERIES_FIELDS = ['districtId', 'rule', 'participantIds', 'location', 'durationMinutes'] as const;

/** A forum series: "first Tuesday 14:00" built from three choices, its participants, where and how long. */
export function SeriesForm() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const form = 'series';
  const { districtId, setDistrictId, options } = useDistrictChoice();
  const [ordinal, setOrdinal] = useState<(typeof ORDINALS)[number]>('first');
  const [weekday, setWeekday] = useState<(typeof WEEKDAYS)[number]>('tuesday');
  const [time, setTime] = useState('14:00');
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [location, setLocation] = useState('');
  const [duration, setDuration] = useState('120');
  const { errors, setErrors, fromProblem } = useFieldErrors(SERIES_FIELDS);
  const labels = {
    districtId: t('meetings.district'),
    rule: t('series.rule'),
    participantIds: t('meetings.participants'),
    location: t('meetings.location'),
    durationMinutes: t('meetings.duration'),
  };
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/forum-series', {
          body: {
            districtId,
            rule: `${ordinal} ${weekday} ${time}`,
            participantIds,
            ...(location.trim() ? { location: location.trim() } : {}),
            durationMinutes: Number(duration),
          },
        }),
      ),
    onSuccess: () => {
      setErrors({});
      void queryClient.invalidateQueries({ queryKey: meetingsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) found.rule = t('series.timeRequired');
    if (participantIds.length === 0) found.participantIds = t('meetings.participantsRequired');
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate();
  }

  const created: Schemas['ForumSeriesDto'] | undefined = create.data;
  return (
    <form className="stack" noValidate onSubmit={submit} aria-labelledby="series-title">
      <Heading level={2} data-size="sm" id="series-title">
        {t('series.title')}
      </Heading>
      <Paragraph>{t('series.intro')}</Paragraph>
      <FormErrorSummary form={form} errors={errors} labels={labels} />
      {create.isError && !(create.error instanceof ApiError && create.error.problem.errors?.length) && (
        <ProblemAlert error={create.error} />
      )}
      {options.length > 1 && (
        <SelectField
          id={fieldId(form, 'districtId')}
          label={labels.districtId}
          value={districtId}
          onChange={setDistrictId}
          options={options}
        />
      )}
      <Fieldset id={fieldId(form, 'rule')}>
        <Fieldset.Legend>{labels.rule}</Fieldset.Legend>
        <Fieldset.Description>{t('series.ruleHint')}</Fieldset.Description>
        <div className="inline-fields">
          <SelectField
            id={`${form}-ordinal`}
            label={t('series.ordinal')}
            value={ordinal}
            onChange={(value) => setOrdinal(value as typeof ordinal)}
            options={ORDINALS.map((value) => ({ value, label: t(`series.ordinal.${value}`) }))}
          />
          <SelectField
            id={`${form}-weekday`}
            label={t('series.weekday')}
            value={weekday}
            onChange={(value) => setWeekday(value as typeof weekday)}
            options={WEEKDAYS.map((value) => ({ value, label: t(`series.weekday.${value}`) }))}
          />
          <Textfield
            id={`${form}-time`}
            label={t('series.time')}
            type="time"
            value={time}
            onChange={(event) => setTime(event.target.value)}
            error={errors.rule}
          />
        </div>
      </Fieldset>
      <ParticipantPicker
        id={fieldId(form, 'participantIds')}
        districtId={districtId}
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
        <Button type="submit" loading={create.isPending}>
          {t('series.submit')}
        </Button>
      </div>
      {created && (
        <Alert data-color="success" role="status">
          <Heading level={3} data-size="xs">
            {t('series.created', { rule: t('series.ruleWords', ruleWords(t, created.rule)) })}
          </Heading>
          <Paragraph>{t('series.upcoming')}</Paragraph>
          <ul>
            {created.upcoming.map((start) => (
              <li key={start}>{format.dateTime(start, created.districtId)}</li>
            ))}
          </ul>
        </Alert>
      )}
    </form>
  );
}

/** "first tuesday 14:00" in the reader's words. */
export function ruleWords(t: ReturnType<typeof useT>, rule: string): Record<string, string> {
  const [ordinal, weekday, time] = rule.toLowerCase().split(/\s+/);
  return {
    ordinal: ORDINALS.includes(ordinal as never)
      ? t(`series.ordinal.${ordinal as (typeof ORDINALS)[number]}`)
      : ordinal,
    weekday: WEEKDAYS.includes(weekday as never)
      ? t(`series.weekday.${weekday as (typeof WEEKDAYS)[number]}`)
      : weekday,
    time: time ?? '',
  };
}

const MEETING_FIELDS = ['districtId', 'kind', 'startsAt', 'participantIds', 'location', 'durationMinutes'] as const;

/** A one-off forum meeting or a case conference, at a time read in the district's zone. */
export function MeetingForm() {
  const t = useT();
  const queryClient = useQueryClient();
  const form = 'meeting';
  const { me, districtId, setDistrictId, options } = useDistrictChoice();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('case_conference');
  const [startsAt, setStartsAt] = useState('');
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [location, setLocation] = useState('');
  const [duration, setDuration] = useState('60');
  const [created, setCreated] = useState<Meeting | null>(null);
  const { errors, setErrors, fromProblem } = useFieldErrors(MEETING_FIELDS);
  const labels = {
    districtId: t('meetings.district'),
    kind: t('meetings.kind'),
    startsAt: t('meetings.startsAt'),
    participantIds: t('meetings.participants'),
    location: t('meetings.location'),
    durationMinutes: t('meetings.duration'),
  };
  const zone = timeZoneOf(me, districtId);
  const create = useMutation({
    mutationFn: (instant: string) =>
      call(
        api.POST('/api/v1/meetings', {
          body: {
            districtId,
            kind,
            startsAt: instant,
            participantIds,
            ...(location.trim() ? { location: location.trim() } : {}),
            durationMinutes: Number(duration),
          },
        }),
      ),
    onSuccess: (meeting) => {
      setErrors({});
      setCreated(meeting);
      void queryClient.invalidateQueries({ queryKey: meetingsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const instant = localInputToInstant(startsAt, zone);
    if (!instant) found.startsAt = t('meetings.startsAtRequired');
    if (participantIds.length === 0) found.participantIds = t('meetings.participantsRequired');
    setErrors(found);
    if (instant && Object.keys(found).length === 0) create.mutate(instant);
  }

  return (
    <form className="stack" noValidate onSubmit={submit} aria-labelledby="meeting-title">
      <Heading level={2} data-size="sm" id="meeting-title">
        {t('meetings.newTitle')}
      </Heading>
      <FormErrorSummary form={form} errors={errors} labels={labels} />
      {create.isError && !(create.error instanceof ApiError && create.error.problem.errors?.length) && (
        <ProblemAlert error={create.error} />
      )}
      {options.length > 1 && (
        <SelectField
          id={fieldId(form, 'districtId')}
          label={labels.districtId}
          value={districtId}
          onChange={setDistrictId}
          options={options}
        />
      )}
      <Fieldset id={fieldId(form, 'kind')}>
        <Fieldset.Legend>{labels.kind}</Fieldset.Legend>
        {KINDS.map((value) => (
          <Radio
            key={value}
            name={`${form}-kind`}
            value={value}
            label={t(`meetingKind.${value}`)}
            checked={kind === value}
            onChange={() => setKind(value)}
          />
        ))}
      </Fieldset>
      <Textfield
        id={fieldId(form, 'startsAt')}
        label={labels.startsAt}
        description={t('meetings.zoneHint', { zone })}
        type="datetime-local"
        value={startsAt}
        onChange={(event) => setStartsAt(event.target.value)}
        error={errors.startsAt}
      />
      <ParticipantPicker
        id={fieldId(form, 'participantIds')}
        districtId={districtId}
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
        <Button type="submit" loading={create.isPending}>
          {t('meetings.create')}
        </Button>
      </div>
      {created && (
        <Alert data-color="success" role="status">
          <Paragraph>
            <RouterLink to={`/meetings/${created.id}`}>
              {t('meetings.createdLink', { kind: t(`meetingKind.${created.kind}`) })}
            </RouterLink>
          </Paragraph>
        </Alert>
      )}
    </form>
  );
}
