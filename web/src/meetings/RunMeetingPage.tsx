import { Alert, Button, Checkbox, Fieldset, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ApiError, api, call } from '../app/api';
import { FormErrorSummary, type FieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { useFormat } from '../concerns/format';
import { workKey } from '../concerns/queries';
import { isCoordinator } from '../concerns/vocabulary';
import { usePeople } from '../people/queries';
import { AgendaItemBody, itemLabel } from './AgendaItemView';
import {
  agendaItems,
  hasStarted,
  localInputToInstant,
  meetingKey,
  minutesKey,
  useAgenda,
  useMeeting,
  useMinutes,
  type AgendaItem,
  type Meeting,
} from './queries';
import { mayMinute } from './MeetingPage';
import '../concerns/work.css';
import './meetings.css';

interface ActionDraft {
  key: number;
  ownerId: string;
  text: string;
  due: string;
}
interface Draft {
  decision: string;
  actions: ActionDraft[];
}
/** A step of the meeting: an item of the reader's agenda, or any other business. */
interface Step {
  key: string;
  item: AgendaItem | null;
}
const OTHER = 'other-business';

/**
 * Running a started meeting from the screen: the agenda item by item, the decision and action items
 * typed as it happens (owners among those allowed: the participants and the district's coordinator),
 * attendance, then the minutes saved in one go — each action item its owner's follow-up at once.
 */
export default function RunMeetingPage() {
  const { id = '' } = useParams();
  const t = useT();
  const meeting = useMeeting(id);
  const agenda = useAgenda(id);
  const minutes = useMinutes(id, true);
  if (meeting.isPending || agenda.isPending || minutes.isPending)
    return (
      <Page title={t('run.title')}>
        <Loading />
      </Page>
    );
  const error = meeting.error ?? agenda.error ?? minutes.error;
  if (error || !meeting.data || !agenda.data || !minutes.data)
    return (
      <Page title={t('run.title')}>
        <ProblemAlert error={error} />
      </Page>
    );
  const decided = new Set(minutes.data.items.flatMap((minute) => (minute.agendaItem ? [minute.agendaItem.id] : [])));
  const steps: Step[] = [
    ...agendaItems(agenda.data)
      .filter((item) => !decided.has(item.id))
      .map((item) => ({ key: item.id, item })),
    { key: OTHER, item: null },
  ];
  return <RunMeeting meeting={meeting.data} steps={steps} />;
}

function RunMeeting({ meeting, steps }: { meeting: Meeting; steps: Step[] }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [attendees, setAttendees] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const nextKey = useRef(1);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Walking the agenda moves the focus to the item now discussed (not on the first render).
    if (first.current) first.current = false;
    else stepHeading.current?.focus();
  }, [index]);

  // Who may own an action item (the API's rule): the participants and the district's coordinators, from the directory.
  const coordinator = isCoordinator(me.roles);
  const coordinators = usePeople({ districtId: meeting.districtId, role: 'coordinator' }, coordinator);
  const owners = useMemo(() => {
    const people = meeting.participants.map((p) => ({ value: p.id, label: `${p.name}, ${p.agency.name}` }));
    const others = coordinators.data ?? (coordinator ? [{ id: me.id, name: me.name, agency: me.agency }] : []);
    for (const other of others)
      if (!people.some((p) => p.value === other.id))
        people.push({ value: other.id, label: `${other.name}, ${other.agency.name}` });
    return people;
  }, [meeting, me, coordinator, coordinators.data]);

  const step = steps[index];
  const draft = drafts[step.key] ?? { decision: '', actions: [] };
  const update = (next: Partial<Draft>) => setDrafts({ ...drafts, [step.key]: { ...draft, ...next } });
  const updateAction = (key: number, next: Partial<ActionDraft>) =>
    update({ actions: draft.actions.map((action) => (action.key === key ? { ...action, ...next } : action)) });
  const labelOf = (candidate: Step) => (candidate.item ? itemLabel(candidate.item, t) : t('minutes.otherBusiness'));

  /** The steps with a decision typed, in agenda order: what is sent. */
  const written = steps.filter((candidate) => drafts[candidate.key]?.decision.trim());
  const record = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/meetings/{id}/minutes', {
          params: { path: { id: meeting.id } },
          body: {
            items: written.map((candidate) => ({
              ...(candidate.item ? { agendaItemId: candidate.item.id } : {}),
              decision: drafts[candidate.key].decision.trim(),
              actions: drafts[candidate.key].actions.map((action) => ({
                ownerId: action.ownerId,
                text: action.text.trim(),
                dueAt: localInputToInstant(action.due, meeting.timeZone)!,
              })),
            })),
            attendeeIds: attendees,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(minutesKey(meeting.id), saved);
      void queryClient.invalidateQueries({ queryKey: meetingKey(meeting.id) });
      void queryClient.invalidateQueries({ queryKey: workKey });
      void navigate(`/meetings/${meeting.id}`, { state: { saved: true } });
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || !error.problem.errors?.length) return;
      // The API names the minutes' items by their place in what was sent: said here by the item's name.
      const mapped: FieldErrors = {};
      for (const problem of error.problem.errors) {
        const match = /^items\[(\d+)\]/.exec(problem.field);
        const where = match ? labelOf(written[Number(match[1])]) : t('run.attendance');
        mapped[problem.field] = `${where}: ${problem.message}`;
      }
      setErrors(mapped);
    },
  });

  function save() {
    const found: FieldErrors = {};
    if (written.length === 0) found.general = t('run.nothingWritten');
    for (const candidate of steps) {
      const entry = drafts[candidate.key];
      if (!entry) continue;
      if (!entry.decision.trim() && entry.actions.length > 0)
        found[`${candidate.key}-decision`] = `${labelOf(candidate)}: ${t('run.decisionRequired')}`;
      for (const action of entry.actions) {
        if (!action.ownerId || !action.text.trim() || !localInputToInstant(action.due, meeting.timeZone))
          found[`${candidate.key}-action-${action.key}`] = `${labelOf(candidate)}: ${t('run.actionIncomplete')}`;
      }
    }
    setErrors(found);
    if (Object.keys(found).length === 0) record.mutate();
  }

  if (!hasStarted(meeting) || !mayMinute(meeting, me))
    return (
      <Page title={t('run.title')}>
        <Alert data-color="info">
          <Paragraph>{t(hasStarted(meeting) ? 'run.notYours' : 'run.notStarted')}</Paragraph>
        </Alert>
      </Page>
    );
  return (
    <Page title={t('run.title')}>
      <Paragraph>
        <Link asChild>
          <RouterLink to={`/meetings/${meeting.id}`}>
            {t('run.back', {
              kind: t(`meetingKind.${meeting.kind}`),
              time: format.dateTime(meeting.startsAt, meeting.districtId),
            })}
          </RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>{t('run.intro')}</Paragraph>
      <FormErrorSummary form="run" errors={errors} labels={{}} />
      {record.isError && !(record.error instanceof ApiError && record.error.problem.errors?.length) && (
        <ProblemAlert error={record.error} />
      )}
      <nav aria-label={t('run.stepsLabel')}>
        <ol className="run-steps">
          {steps.map((candidate, position) => (
            <li key={candidate.key}>
              <Button
                variant={position === index ? 'primary' : 'tertiary'}
                data-size="sm"
                aria-current={position === index ? 'step' : undefined}
                onClick={() => setIndex(position)}
              >
                {t(drafts[candidate.key]?.decision.trim() ? 'run.stepDone' : 'run.step', {
                  number: position + 1,
                  item: labelOf(candidate),
                })}
              </Button>
            </li>
          ))}
        </ol>
      </nav>
      <section aria-labelledby="run-step-title" className="stack run-step">
        <Heading level={2} data-size="sm" id="run-step-title" ref={stepHeading} tabIndex={-1}>
          {t('run.progress', { number: index + 1, count: steps.length, item: labelOf(step) })}
        </Heading>
        {step.item ? (
          <AgendaItemBody item={step.item} districtId={meeting.districtId} />
        ) : (
          <Paragraph>{t('run.otherBusinessHint')}</Paragraph>
        )}
        <Textfield
          id={`run-${step.key}-decision`}
          label={t('run.decision')}
          multiline
          rows={4}
          value={draft.decision}
          onChange={(event) => update({ decision: event.target.value })}
        />
        <Fieldset>
          <Fieldset.Legend>{t('run.actions')}</Fieldset.Legend>
          <Fieldset.Description>{t('run.actionsHint')}</Fieldset.Description>
          {draft.actions.map((action, number) => (
            <div
              key={action.key}
              className="action-draft"
              role="group"
              aria-label={t('run.actionNumber', { number: number + 1 })}
            >
              <Textfield
                id={`run-${step.key}-action-${action.key}`}
                label={t('run.actionText')}
                value={action.text}
                onChange={(event) => updateAction(action.key, { text: event.target.value })}
              />
              <SelectField
                id={`run-${step.key}-action-${action.key}-owner`}
                label={t('run.actionOwner')}
                value={action.ownerId}
                onChange={(ownerId) => updateAction(action.key, { ownerId })}
                options={owners}
                emptyLabel={t('run.chooseOwner')}
              />
              <Textfield
                id={`run-${step.key}-action-${action.key}-due`}
                label={t('run.actionDue')}
                description={t('meetings.zoneHint', { zone: meeting.timeZone })}
                type="datetime-local"
                value={action.due}
                onChange={(event) => updateAction(action.key, { due: event.target.value })}
              />
              <div>
                <Button
                  variant="tertiary"
                  data-size="sm"
                  onClick={() => update({ actions: draft.actions.filter((other) => other.key !== action.key) })}
                >
                  {t('run.removeAction', { number: number + 1 })}
                </Button>
              </div>
            </div>
          ))}
          <div>
            <Button
              variant="secondary"
              data-size="sm"
              onClick={() =>
                update({ actions: [...draft.actions, { key: nextKey.current++, ownerId: '', text: '', due: '' }] })
              }
            >
              {t('run.addAction')}
            </Button>
          </div>
        </Fieldset>
        <div className="meeting-actions">
          <Button variant="secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            {t('run.previous')}
          </Button>
          <Button variant="secondary" disabled={index === steps.length - 1} onClick={() => setIndex(index + 1)}>
            {t('run.next')}
          </Button>
        </div>
      </section>
      <Fieldset>
        <Fieldset.Legend>{t('run.attendance')}</Fieldset.Legend>
        {meeting.participants.map((participant) => (
          <Checkbox
            key={participant.id}
            label={t('meetings.personWithAgency', { name: participant.name, agency: participant.agency.name })}
            value={participant.id}
            checked={attendees.includes(participant.id)}
            onChange={(event) =>
              setAttendees(
                event.target.checked
                  ? [...attendees, participant.id]
                  : attendees.filter((other) => other !== participant.id),
              )
            }
          />
        ))}
      </Fieldset>
      <div>
        <Button loading={record.isPending} onClick={save}>
          {t('run.save', { count: written.length })}
        </Button>
      </div>
    </Page>
  );
}
