import { Alert, Button, Card, Heading, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { NotFoundPage } from '../app/NotFoundPage';
import { useFormat } from './format';
import { concernsKey, useConcern, useTimeline, workKey } from './queries';
import { TriageForm } from './TriageForm';
import { isCoordinator, personOf, type Concern } from './vocabulary';
import { SubjectPrivacyLink, WhyCanISee } from '../privacy/WhyCanISee';
import './work.css';

type Step = Schemas['TimelineStepDto'];

/** One concern as the reader may see it, its one timeline, and what the reader may do with it. */
export default function ConcernPage() {
  const { id = '' } = useParams();
  const t = useT();
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const concern = useConcern(id);
  if (!valid) return <NotFoundPage />;
  if (concern.isPending) return <Loading />;
  if (concern.isError) {
    return (
      <Page title={t('concern.details')}>
        <ProblemAlert error={concern.error} onRetry={() => void concern.refetch()} />
      </Page>
    );
  }
  return <ConcernView concern={concern.data} />;
}

function ConcernView({ concern }: { concern: Concern }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const [triaged, setTriaged] = useState<string | null>(null);
  const restricted = concern.redacted;
  const title = restricted
    ? t('concern.titleRestricted', { pseudonym: concern.pseudonym })
    : t('concern.title', { name: personOf(concern) });
  const mayAdd =
    !restricted &&
    (concern.contact.email === me.email ||
      (me.roles.includes('case_worker') && concern.owningAgency.id === me.agency.id));
  // Read neither as its reporter, its agency nor its coordinator: through a referral to the reader's agency.
  const sharedByReferral =
    !restricted &&
    !isCoordinator(me.roles) &&
    concern.owningAgency.id !== me.agency.id &&
    concern.contact.email !== me.email;
  const mayTriage =
    isCoordinator(me.roles) &&
    concern.status === 'new' &&
    me.districts.some((district) => district.id === concern.districtId);

  return (
    <Page title={title}>
      {restricted && (
        <Alert data-color="warning">
          <Heading level={2} data-size="xs">
            {t('concern.restrictedTitle')}
          </Heading>
          <Paragraph>
            {t('concern.restricted', {
              agency: concern.owningAgency.name,
              contact: concern.contact.name,
              email: concern.contact.email,
            })}
          </Paragraph>
        </Alert>
      )}
      {sharedByReferral && (
        <Alert data-color="info">
          <Heading level={2} data-size="xs">
            {t('referral.whatYouSeeTitle')}
          </Heading>
          <Paragraph>{t('concern.sharedByReferral', { agency: me.agency.name })}</Paragraph>
        </Alert>
      )}
      <WhyCanISee kind="concern" id={concern.id} />
      <Card data-color="neutral">
        <Heading level={2} data-size="sm">
          {t('concern.details')}
        </Heading>
        <dl className="facts">
          {!restricted && concern.subject && (
            <>
              <dt>{t('concern.person')}</dt>
              <dd>{personOf(concern)}</dd>
              {concern.subject.dateOfBirth && (
                <>
                  <dt>{t('concern.bornOn')}</dt>
                  <dd>{format.date(concern.subject.dateOfBirth)}</dd>
                </>
              )}
            </>
          )}
          <dt>{t('concern.pseudonym')}</dt>
          <dd>{concern.pseudonym}</dd>
          <dt>{t('col.category')}</dt>
          <dd>{t(`category.${concern.category}`)}</dd>
          <dt>{t('col.risk')}</dt>
          <dd>{t(`risk.${concern.riskLevel}`)}</dd>
          <dt>{t('col.status')}</dt>
          <dd>{t(`status.${concern.status}`)}</dd>
          {concern.stage && (
            <>
              <dt>{t('concern.stage')}</dt>
              <dd>
                <Tag data-color={concern.stage === 'received' ? 'info' : 'success'}>{t(`stage.${concern.stage}`)}</Tag>
              </dd>
            </>
          )}
          {concern.source && (
            <>
              <dt>{t('log.source')}</dt>
              <dd>{t(`source.${concern.source}`)}</dd>
            </>
          )}
          <dt>{t('concern.loggedBy')}</dt>
          <dd>{t('concern.loggedByValue', { name: concern.contact.name, agency: concern.contact.agencyName })}</dd>
          <dt>{t('concern.loggedAt')}</dt>
          <dd>
            {format.dateTime(concern.createdAt, concern.districtId)}
            {concern.status === 'new' &&
              ` (${t('concern.waited', { duration: format.waited(concern.createdAt, Date.now()) })})`}
          </dd>
          {concern.triage && (
            <>
              <dt>{t('triage.title')}</dt>
              <dd>
                {t('triage.already', {
                  date: format.dateTime(concern.triage.triagedAt, concern.districtId),
                  outcome: t(`outcome.${concern.triage.outcome}`),
                })}
              </dd>
              <dt>{t('concern.triageNote')}</dt>
              <dd className="narrative">{concern.triage.note}</dd>
            </>
          )}
        </dl>
        {concern.narrative !== undefined && (
          <>
            <Heading level={3} data-size="xs">
              {t('concern.narrativeTitle')}
            </Heading>
            <Paragraph className="narrative">{concern.narrative}</Paragraph>
          </>
        )}
      </Card>
      <div aria-live="polite">
        {triaged && (
          <Alert data-color="success">
            <Paragraph>{t('triage.done', { outcome: triaged })}</Paragraph>
          </Alert>
        )}
      </div>
      {mayTriage && (
        <Card data-color="neutral">
          <Heading level={2} data-size="sm">
            {t('triage.title')}
          </Heading>
          <TriageForm concernId={concern.id} onDone={(outcome) => setTriaged(t(`outcome.${outcome}`))} />
        </Card>
      )}
      {!mayTriage && isCoordinator(me.roles) && <ReferralLinks concern={concern} />}
      {isCoordinator(me.roles) && concern.subject && <SubjectPrivacyLink concern={concern} />}
      {mayAdd && <AddToConcern concern={concern} />}
      <Timeline concernId={concern.id} districtId={concern.districtId} />
      {!restricted && concern.subject && <SubjectContext concern={concern} />}
    </Page>
  );
}

/** Where a coordinator goes from a concern triaged `refer`: the referral form, and the subject's consents. */
function ReferralLinks({ concern }: { concern: Concern }) {
  const t = useT();
  const me = useMe();
  if (!me.districts.some((district) => district.id === concern.districtId)) return null;
  const refer = concern.triage?.outcome === 'refer';
  if (!refer && !concern.subject) return null;
  return (
    <ul className="plain-list">
      {refer && (
        <li>
          <Link asChild>
            <RouterLink to={`/concerns/${concern.id}/refer`}>{t('concern.refer')}</RouterLink>
          </Link>
        </li>
      )}
      {concern.subject && (
        <li>
          <Link asChild>
            <RouterLink to={`/subjects/${concern.subject.id}/consents`}>{t('concern.consents')}</RouterLink>
          </Link>
        </li>
      )}
    </ul>
  );
}

const ADD = 'add';
const ADD_FIELDS = ['narrative'] as const;

/** The reporter adds to what they reported: appended to the narrative, dated, at the version read (409 if it moved). */
function AddToConcern({ concern }: { concern: Concern }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const { errors, setErrors, fromProblem } = useFieldErrors(ADD_FIELDS);
  const add = useMutation({
    mutationFn: () => {
      const dated = `${t('concern.addedOn', { date: format.dateTime(new Date().toISOString(), concern.districtId) })}\n${text.trim()}`;
      return call(
        api.PATCH('/api/v1/concerns/{id}', {
          params: { path: { id: concern.id } },
          body: { version: concern.version ?? 0, narrative: `${concern.narrative ?? ''}\n\n${dated}` },
        }),
      );
    },
    onSuccess: (updated) => {
      setText('');
      queryClient.setQueryData([...concernsKey, 'one', concern.id], updated);
      void queryClient.invalidateQueries({ queryKey: concernsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setErrors({ narrative: t('concern.addRequired') });
      return;
    }
    setErrors({});
    add.mutate();
  }
  return (
    <Card data-color="neutral">
      <form className="stack" noValidate onSubmit={submit}>
        <Heading level={2} data-size="sm">
          {t('concern.addTitle')}
        </Heading>
        <FormErrorSummary form={ADD} errors={errors} labels={{ narrative: t('concern.addLabel') }} />
        {add.isError && !(add.error instanceof ApiError && add.error.problem.errors?.length) && (
          <ProblemAlert
            error={add.error}
            onReload={() => {
              add.reset();
              void queryClient.invalidateQueries({ queryKey: concernsKey });
            }}
            onRetry={() => add.mutate()}
          />
        )}
        <Textfield
          id={fieldId(ADD, 'narrative')}
          label={t('concern.addLabel')}
          description={t('concern.addHint')}
          multiline
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={errors.narrative}
        />
        <div aria-live="polite">{add.isSuccess && <Paragraph>{t('concern.added')}</Paragraph>}</div>
        <div>
          <Button type="submit" loading={add.isPending}>
            {t('concern.addSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function stepWho(step: Step, t: ReturnType<typeof useT>): string {
  if (step.bySystem || !step.actor) return t('timeline.bySystem');
  return step.actor.agencyName
    ? t('timeline.byAgency', { name: step.actor.name, agency: step.actor.agencyName })
    : t('timeline.by', { name: step.actor.name });
}

/** The concern's one timeline: each step names who did it or says the system did; a step not the reader's is a placeholder saying so. */
function Timeline({ concernId, districtId }: { concernId: string; districtId: string }) {
  const t = useT();
  const format = useFormat();
  const timeline = useTimeline(concernId);
  return (
    <section aria-labelledby="timeline-heading" className="stack">
      <Heading level={2} data-size="sm" id="timeline-heading">
        {t('concern.timeline')}
      </Heading>
      {timeline.isPending && <Loading />}
      {timeline.isError && <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.data && (
        <ol className="timeline">
          {timeline.data.steps.map((step, index) => (
            <li key={`${step.kind}-${step.at}-${index}`} className={step.redacted ? 'redacted' : undefined}>
              <Paragraph data-size="sm">{format.dateTime(step.at, districtId)}</Paragraph>
              <Paragraph>
                <strong>{t(`timeline.${step.kind}`)}</strong>
                {!step.redacted && ` ${stepWho(step, t)}`}
                {step.referral?.toAgencyName && ` ${t('timeline.toAgency', { agency: step.referral.toAgencyName })}`}
                {step.meeting &&
                  ` (${t('timeline.meeting', { time: format.dateTime(step.meeting.startsAt, districtId) })})`}
              </Paragraph>
              {step.outcome && (
                <Paragraph data-size="sm">
                  {t('timeline.outcome', { outcome: outcomeLabel(step.outcome, t) })}
                </Paragraph>
              )}
              {step.redacted && <Paragraph data-size="sm">{t('timeline.redacted')}</Paragraph>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function outcomeLabel(outcome: string, t: ReturnType<typeof useT>): string {
  return outcome === 'guidance_only' || outcome === 'refer' || outcome === 'no_further_action'
    ? t(`outcome.${outcome}`)
    : outcome.replace(/_/g, ' ');
}

/** The subject's other concerns the reader may see (one request), and the subjects judged the same person. */
function SubjectContext({ concern }: { concern: Concern }) {
  const t = useT();
  const format = useFormat();
  const subjectId = concern.subject!.id;
  const others = useQuery({
    queryKey: [...concernsKey, 'subject', subjectId],
    queryFn: () => call(api.GET('/api/v1/concerns', { params: { query: { subjectId, limit: 50 } } })),
  });
  const items = others.data?.items.filter((other) => other.id !== concern.id) ?? [];
  const links = concern.subject?.links ?? [];
  return (
    <section aria-labelledby="others-heading" className="stack">
      <Heading level={2} data-size="sm" id="others-heading">
        {t('concern.otherConcerns')}
      </Heading>
      {others.isPending && <Loading />}
      {others.isError && <ProblemAlert error={others.error} onRetry={() => void others.refetch()} />}
      {others.isSuccess && items.length === 0 && <Paragraph>{t('concern.noOtherConcerns')}</Paragraph>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((other) => (
            <li key={other.id}>
              <Link asChild>
                <RouterLink to={`/concerns/${other.id}`}>
                  {`${t(`category.${other.category}`)}, ${t(`risk.${other.riskLevel}`)}, ${t(`status.${other.status}`)} – ${format.dateTime(other.createdAt, other.districtId)}`}
                </RouterLink>
              </Link>
              {other.redacted && ` (${t('intake.restricted')})`}
            </li>
          ))}
        </ul>
      )}
      {links.length > 0 && (
        <>
          <Heading level={3} data-size="xs">
            {t('concern.links')}
          </Heading>
          <ul className="plain-list">
            {links.map((link) => (
              <li key={link.id}>
                {t('concern.linkItem', { pseudonym: link.other.pseudonym, date: format.dateTime(link.createdAt) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
