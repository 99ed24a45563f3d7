import { Alert, Button, Card, Heading, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { NotFoundPage } from '../app/NotFoundPage';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { districtName, useFormat } from '../concerns/format';
import { concernsKey, workKey } from '../concerns/queries';
import { isCoordinator } from '../concerns/vocabulary';
import '../concerns/work.css';
import './referrals.css';
import { NewFollowUp } from '../follow-ups/NewFollowUp';
import { usePeople } from '../people/queries';
import { CLOSING_OUTCOMES, referralsKey, useReferral, type Referral, type ReferralOutcome } from './queries';
import { WhyCanISee } from '../privacy/WhyCanISee';
import { StatusTag } from './StatusTag';

/** One referral: what was sent, on what basis, its case notes, and what the reader may do with it now. */
export default function ReferralPage() {
  const { id = '' } = useParams();
  const t = useT();
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const referral = useReferral(id);
  if (!valid) return <NotFoundPage />;
  if (referral.isPending) return <Loading />;
  if (referral.isError) {
    if (referral.error instanceof ApiError && referral.error.status === 404) {
      return (
        <Page title={t('referral.title')}>
          <Alert data-color="info">
            <Paragraph>{t('referral.gone')}</Paragraph>
          </Alert>
        </Page>
      );
    }
    return (
      <Page title={t('referral.title')}>
        <ProblemAlert error={referral.error} onRetry={() => void referral.refetch()} />
      </Page>
    );
  }
  return <ReferralView referral={referral.data} />;
}

function ReferralView({ referral }: { referral: Referral }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const receiving = me.agency.id === referral.toAgency.id;
  const caseWorker = receiving && me.roles.includes('case_worker');
  const coordinator = isCoordinator(me.roles) && me.districts.some((district) => district.id === referral.districtId);
  const open = referral.status === 'pending' || referral.status === 'accepted' || referral.status === 'in_progress';

  return (
    <Page title={t('referral.titleFor', { pseudonym: referral.pseudonym, agency: referral.toAgency.name })}>
      <div aria-live="polite">
        {created && (
          <Alert data-color="success">
            <Paragraph>{t('referral.created', { agency: referral.toAgency.name })}</Paragraph>
          </Alert>
        )}
      </div>
      {receiving && (
        <Alert data-color="info">
          <Heading level={2} data-size="xs">
            {t('referral.whatYouSeeTitle')}
          </Heading>
          <Paragraph>
            {t('referral.whatYouSee', {
              agency: referral.toAgency.name,
              basis: t(`legalBasis.${referral.legalBasis}`).toLowerCase(),
            })}
          </Paragraph>
        </Alert>
      )}
      <WhyCanISee kind="referral" id={referral.id} />
      <Card data-color="neutral">
        <Heading level={2} data-size="sm">
          {t('referral.details')}
        </Heading>
        <dl className="facts">
          <dt>{t('concern.pseudonym')}</dt>
          <dd>{referral.pseudonym}</dd>
          <dt>{t('referral.toAgency')}</dt>
          <dd>{referral.toAgency.name}</dd>
          {referral.programme && (
            <>
              <dt>{t('referral.programme')}</dt>
              <dd>{referral.programme}</dd>
            </>
          )}
          <dt>{t('col.district')}</dt>
          <dd>{districtName(me, referral.districtId) ?? '–'}</dd>
          <dt>{t('col.status')}</dt>
          <dd>
            <StatusTag referral={referral} />
          </dd>
          <dt>{t('referral.legalBasis')}</dt>
          <dd>
            {t(`legalBasis.${referral.legalBasis}`)}: {t(`legalBasis.${referral.legalBasis}.explained`)}
          </dd>
          <dt>{t('referral.reviewDate')}</dt>
          <dd>
            {format.date(referral.reviewDate)}{' '}
            {referral.overdue && <Tag data-color="danger">{t('board.overdueTag')}</Tag>}
          </dd>
          <dt>{t('referral.sentAt')}</dt>
          <dd>{format.dateTime(referral.createdAt, referral.districtId)}</dd>
          <dt>{t('referral.receipt')}</dt>
          <dd>
            {referral.receipt
              ? t('referral.receiptSeen', {
                  date: format.dateTime(referral.receipt.seenAt, referral.districtId),
                  name: referral.receipt.seenBy.name,
                  agency: referral.receipt.seenBy.agency,
                })
              : t('referral.receiptNone')}
            {!referral.receipt && referral.unseenFlaggedAt && (
              <>
                {' '}
                <Tag data-color="danger">{t('board.unseenFlag')}</Tag>
              </>
            )}
          </dd>
          {referral.caseWorkerId && (
            <>
              <dt>{t('referral.caseWorker')}</dt>
              <dd>
                {!referral.caseWorker
                  ? t('referral.caseWorkerAssigned')
                  : referral.caseWorker.id === me.id
                    ? t('referral.caseWorkerYou')
                    : referral.caseWorker.name}
              </dd>
            </>
          )}
          {referral.declineReason && (
            <>
              <dt>{t('referral.declineReason')}</dt>
              <dd className="narrative">{referral.declineReason}</dd>
            </>
          )}
          {referral.outcomeNote && (
            <>
              <dt>{t('referral.outcomeNote')}</dt>
              <dd className="narrative">{referral.outcomeNote}</dd>
            </>
          )}
        </dl>
        <Heading level={3} data-size="xs">
          {t('referral.reason')}
        </Heading>
        <Paragraph className="narrative">{referral.reason}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={`/concerns/${referral.concernId}`}>{t('referral.openConcern')}</RouterLink>
          </Link>
        </Paragraph>
      </Card>

      {caseWorker && referral.status === 'pending' && <AcceptOrDecline referral={referral} />}
      {caseWorker && referral.status === 'accepted' && <Start referral={referral} />}
      {(caseWorker || coordinator) && referral.status === 'in_progress' && <Close referral={referral} />}
      <Notes referral={referral} mayAdd={open && (receiving || coordinator)} />
      {open && (caseWorker || coordinator) && <NewFollowUp referralId={referral.id} districtId={referral.districtId} />}
    </Page>
  );
}

/** A transition of the referral at the version read; the answer replaces what the page shows. */
function useTransition(referral: Referral, onError?: (error: unknown) => boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      move:
        | { to: 'accept'; caseWorkerId: string }
        | { to: 'decline'; reason: string }
        | { to: 'start' }
        | { to: 'close'; outcome: ReferralOutcome; note: string },
    ) => {
      const path = { params: { path: { id: referral.id } } };
      const version = referral.version;
      switch (move.to) {
        case 'accept':
          return call(
            api.POST('/api/v1/referrals/{id}/accept', { ...path, body: { version, caseWorkerId: move.caseWorkerId } }),
          );
        case 'decline':
          return call(api.POST('/api/v1/referrals/{id}/decline', { ...path, body: { version, reason: move.reason } }));
        case 'start':
          return call(api.POST('/api/v1/referrals/{id}/start', { ...path, body: { version } }));
        case 'close':
          return call(
            api.POST('/api/v1/referrals/{id}/close', {
              ...path,
              body: { version, outcome: move.outcome, note: move.note },
            }),
          );
      }
    },
    onSuccess: (moved) => {
      queryClient.setQueryData([...referralsKey, 'one', referral.id], (old: Referral | undefined) => ({
        ...moved,
        notes: old?.notes ?? moved.notes,
      }));
      void queryClient.invalidateQueries({ queryKey: [...referralsKey], refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: concernsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => {
      onError?.(error);
    },
  });
}

function TransitionProblem({ error, referral }: { error: unknown; referral: Referral }) {
  const queryClient = useQueryClient();
  return (
    <ProblemAlert
      error={error}
      onReload={() => void queryClient.invalidateQueries({ queryKey: [...referralsKey, 'one', referral.id] })}
    />
  );
}

const DECLINE = 'decline';
const ACCEPT = 'accept';
const ANSWER_FIELDS = ['reason', 'caseWorkerId'] as const;

function AcceptOrDecline({ referral }: { referral: Referral }) {
  const t = useT();
  const me = useMe();
  const [reason, setReason] = useState('');
  const [caseWorkerId, setCaseWorkerId] = useState(me.id);
  // The agency's case workers from the directory, so a team lead can assign a colleague; the reader first.
  const colleagues = usePeople({ agencyId: referral.toAgency.id, role: 'case_worker' });
  const options = [
    { value: me.id, label: t('referral.assignYou', { name: me.name }) },
    ...(colleagues.data ?? [])
      .filter((person) => person.id !== me.id)
      .map((person) => ({ value: person.id, label: person.name })),
  ];
  const { errors, setErrors, fromProblem } = useFieldErrors(ANSWER_FIELDS);
  const { caseWorkerId: caseWorkerError, ...declineErrors } = errors;
  const move = useTransition(referral, fromProblem);
  function accept(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    move.mutate({ to: 'accept', caseWorkerId });
  }
  function decline(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: t('referral.declineReasonRequired') });
      return;
    }
    setErrors({});
    move.mutate({ to: 'decline', reason: reason.trim() });
  }
  return (
    <Card data-color="neutral" className="stack">
      <Heading level={2} data-size="sm">
        {t('referral.answerTitle')}
      </Heading>
      {move.isError && !(move.error instanceof ApiError && move.error.problem.errors?.length) && (
        <TransitionProblem error={move.error} referral={referral} />
      )}
      <form className="stack" noValidate onSubmit={accept} aria-labelledby="accept-heading">
        <Heading level={3} data-size="xs" id="accept-heading">
          {t('referral.acceptTitle')}
        </Heading>
        <FormErrorSummary
          form={ACCEPT}
          errors={caseWorkerError ? { caseWorkerId: caseWorkerError } : {}}
          labels={{ caseWorkerId: t('referral.assignTo') }}
        />
        <Paragraph>{t('referral.acceptHint', { agency: referral.toAgency.name })}</Paragraph>
        {colleagues.isError && <ProblemAlert error={colleagues.error} onRetry={() => void colleagues.refetch()} />}
        <SelectField
          id={fieldId(ACCEPT, 'caseWorkerId')}
          label={t('referral.assignTo')}
          value={caseWorkerId}
          onChange={setCaseWorkerId}
          options={options}
          error={caseWorkerError}
        />
        <div>
          <Button type="submit" loading={move.isPending}>
            {t('referral.accept')}
          </Button>
        </div>
      </form>
      <form className="stack" noValidate onSubmit={decline} aria-labelledby="decline-heading">
        <Heading level={3} data-size="xs" id="decline-heading">
          {t('referral.declineTitle')}
        </Heading>
        <FormErrorSummary form={DECLINE} errors={declineErrors} labels={{ reason: t('referral.declineReason') }} />
        <Textfield
          id={fieldId(DECLINE, 'reason')}
          label={t('referral.declineReason')}
          multiline
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
        <div>
          <Button type="submit" variant="secondary" loading={move.isPending}>
            {t('referral.decline')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Start({ referral }: { referral: Referral }) {
  const t = useT();
  const move = useTransition(referral);
  return (
    <Card data-color="neutral" className="stack">
      <Heading level={2} data-size="sm">
        {t('referral.startTitle')}
      </Heading>
      {move.isError && <TransitionProblem error={move.error} referral={referral} />}
      <Paragraph>{t('referral.startHint')}</Paragraph>
      <div>
        <Button onClick={() => move.mutate({ to: 'start' })} loading={move.isPending}>
          {t('referral.start')}
        </Button>
      </div>
    </Card>
  );
}

const CLOSE = 'close';

function Close({ referral }: { referral: Referral }) {
  const t = useT();
  const [outcome, setOutcome] = useState<ReferralOutcome | ''>('');
  const [note, setNote] = useState('');
  const { errors, setErrors, fromProblem } = useFieldErrors(['outcome', 'note']);
  const move = useTransition(referral, fromProblem);
  const labels = { outcome: t('referral.outcome'), note: t('referral.outcomeNote') };
  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!outcome) missing.outcome = t('referral.outcomeRequired');
    if (!note.trim()) missing.note = t('referral.outcomeNoteRequired');
    setErrors(missing);
    if (outcome && note.trim()) move.mutate({ to: 'close', outcome, note: note.trim() });
  }
  return (
    <Card data-color="neutral">
      <form className="stack" noValidate onSubmit={submit} aria-labelledby="close-heading">
        <Heading level={2} data-size="sm" id="close-heading">
          {t('referral.closeTitle')}
        </Heading>
        <FormErrorSummary form={CLOSE} errors={errors} labels={labels} />
        {move.isError && !(move.error instanceof ApiError && move.error.problem.errors?.length) && (
          <TransitionProblem error={move.error} referral={referral} />
        )}
        <SelectField
          id={fieldId(CLOSE, 'outcome')}
          label={labels.outcome}
          value={outcome}
          onChange={(value) => setOutcome(value as ReferralOutcome)}
          emptyLabel=""
          options={CLOSING_OUTCOMES.map((value) => ({ value, label: t(`referralOutcome.${value}`) }))}
          error={errors.outcome}
        />
        <Textfield
          id={fieldId(CLOSE, 'note')}
          label={labels.note}
          multiline
          rows={3}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          error={errors.note}
        />
        <div>
          <Button type="submit" loading={move.isPending}>
            {t('referral.close')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

const NOTE = 'note';

function Notes({ referral, mayAdd }: { referral: Referral; mayAdd: boolean }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const { errors, setErrors, fromProblem } = useFieldErrors(['text']);
  const add = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/referrals/{id}/notes', {
          params: { path: { id: referral.id } },
          body: { text: text.trim() },
        }),
      ),
    onSuccess: (note) => {
      setText('');
      queryClient.setQueryData([...referralsKey, 'one', referral.id], (old: Referral | undefined) =>
        old ? { ...old, notes: [...(old.notes ?? []), note] } : old,
      );
    },
    onError: (error) => fromProblem(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setErrors({ text: t('referral.noteRequired') });
      return;
    }
    setErrors({});
    add.mutate();
  }
  const notes = referral.notes ?? [];
  const author = (note: (typeof notes)[number]) =>
    note.authorId === me.id
      ? t('referral.noteByYou')
      : note.authorAgencyId === referral.toAgency.id
        ? referral.toAgency.name
        : note.authorAgencyId === me.agency.id
          ? me.agency.name
          : t('referral.noteByCoordination');
  return (
    <section aria-labelledby="notes-heading" className="stack">
      <Heading level={2} data-size="sm" id="notes-heading">
        {t('referral.notes')}
      </Heading>
      {notes.length === 0 && <Paragraph>{t('referral.noNotes')}</Paragraph>}
      {notes.length > 0 && (
        <ol className="timeline">
          {notes.map((note) => (
            <li key={note.id}>
              <Paragraph data-size="sm">
                {format.dateTime(note.createdAt, referral.districtId)} – {author(note)}
              </Paragraph>
              <Paragraph className="narrative">{note.text}</Paragraph>
            </li>
          ))}
        </ol>
      )}
      {mayAdd && (
        <form className="stack" noValidate onSubmit={submit} aria-labelledby="note-heading">
          <Heading level={3} data-size="xs" id="note-heading">
            {t('referral.addNote')}
          </Heading>
          <FormErrorSummary form={NOTE} errors={errors} labels={{ text: t('referral.noteText') }} />
          {add.isError && !(add.error instanceof ApiError && add.error.problem.errors?.length) && (
            <ProblemAlert error={add.error} onRetry={() => add.mutate()} />
          )}
          <Textfield
            id={fieldId(NOTE, 'text')}
            label={t('referral.noteText')}
            multiline
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            error={errors.text}
          />
          <div>
            <Button type="submit" variant="secondary" loading={add.isPending}>
              {t('referral.saveNote')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
