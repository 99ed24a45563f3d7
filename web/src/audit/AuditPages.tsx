import { Button, Card, Heading, Link, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink, NavLink, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { SelectField } from '../concerns/fields';
import { useFormat } from '../concerns/format';
import { useAgencies } from '../referrals/queries';
import { ACTIONS, RESOURCE_TYPES } from './catalogue';
import { ExportStep } from './ExportPages';
import { explainFlag } from './flag-words';
import './audit.css';

type AuditEvent = Schemas['AuditEventDto'];
type Query = { [key: string]: string };
const FILTERS = [
  'eventId',
  'actorId',
  'agencyId',
  'subjectId',
  'pseudonym',
  'resourceType',
  'resourceId',
  'action',
  'outcome',
  'from',
  'to',
];

/** Everyone in the directory by id (name and agency), to say who did what: never a case. */
export function useDirectory() {
  return useQuery({
    queryKey: ['audit-directory'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const all: Schemas['UserDto'][] = [];
      let cursor: string | undefined;
      do {
        const page = await call(
          api.GET('/api/v1/users', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return new Map(all.map((user) => [user.id, user]));
    },
  });
}

/** The auditor's own navigation between their screens. */
export function AuditNav() {
  const t = useT();
  const links: [string, string][] = [
    ['/audit', t('audit.nav.events')],
    ['/audit/subject', t('audit.nav.subject')],
    ['/audit/flags', t('audit.nav.flags')],
    ['/audit/break-glass', t('audit.nav.breakGlass')],
    ['/audit/exports', t('audit.nav.exports')],
    ['/audit/chain', t('audit.nav.chain')],
  ];
  return (
    <nav aria-label={t('audit.nav.label')} className="view-tabs">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A day typed in a date field, as the instant the API takes: the start of that day where the auditor is. */
const toInstant = (value: string) => (value ? new Date(`${value}T00:00:00`).toISOString() : '');

function queryOf(params: URLSearchParams): Query {
  const query: Query = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) query[key] = key === 'from' || key === 'to' ? toInstant(value) : value;
  }
  return query;
}

/** Event search: every filter of the API, newest first, paged by cursor; the same search exported as CSV. */
export function AuditEventsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const agencies = useAgencies();
  const directory = useDirectory();
  const query = queryOf(params);
  const [draft, setDraft] = useState<Query>(() =>
    Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])),
  );
  const set = (key: string) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value.trim()) next.set(key, value.trim());
    setParams(next);
  }
  /** Back from one event (as the chain's link names it) to the search with the other filters. */
  function clearEvent() {
    const next = new URLSearchParams(params);
    next.delete('eventId');
    setParams(next);
    set('eventId')('');
  }
  return (
    <Page title={t('audit.events.title')}>
      <AuditNav />
      <form className="audit-filters" onSubmit={search} aria-label={t('audit.filters')}>
        <SelectField
          id="f-actor"
          label={t('audit.f.actorId')}
          value={draft.actorId ?? ''}
          onChange={set('actorId')}
          emptyLabel={t('audit.any')}
          options={[...(directory.data?.values() ?? [])]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((user) => ({ value: user.id, label: `${user.name} (${user.agency.name})` }))}
        />
        <SelectField
          id="f-agency"
          label={t('audit.f.agencyId')}
          value={draft.agencyId ?? ''}
          onChange={set('agencyId')}
          emptyLabel={t('audit.any')}
          options={(agencies.data ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <Textfield
          id="f-subject"
          label={t('audit.f.subjectId')}
          value={draft.subjectId}
          onChange={(e) => set('subjectId')(e.target.value)}
        />
        <Textfield
          id="f-pseudonym"
          label={t('audit.f.pseudonym')}
          value={draft.pseudonym}
          onChange={(e) => set('pseudonym')(e.target.value)}
        />
        <SelectField
          id="f-type"
          label={t('audit.f.resourceType')}
          value={draft.resourceType ?? ''}
          onChange={set('resourceType')}
          emptyLabel={t('audit.any')}
          options={RESOURCE_TYPES.map((value) => ({ value, label: value }))}
        />
        <Textfield
          id="f-resource"
          label={t('audit.f.resourceId')}
          value={draft.resourceId}
          onChange={(e) => set('resourceId')(e.target.value)}
        />
        <SelectField
          id="f-action"
          label={t('audit.f.action')}
          value={draft.action ?? ''}
          onChange={set('action')}
          emptyLabel={t('audit.any')}
          options={ACTIONS.map((value) => ({ value, label: value }))}
        />
        <SelectField
          id="f-outcome"
          label={t('audit.f.outcome')}
          value={draft.outcome ?? ''}
          onChange={set('outcome')}
          emptyLabel={t('audit.any')}
          options={[
            { value: 'allowed', label: t('audit.outcome.allowed') },
            { value: 'denied', label: t('audit.outcome.denied') },
          ]}
        />
        <Textfield
          id="f-from"
          type="date"
          label={t('audit.f.from')}
          value={draft.from}
          onChange={(e) => set('from')(e.target.value)}
        />
        <Textfield
          id="f-to"
          type="date"
          label={t('audit.f.to')}
          value={draft.to}
          onChange={(e) => set('to')(e.target.value)}
        />
        <div className="actions">
          <Button type="submit">{t('audit.search')}</Button>
        </div>
      </form>
      {query.eventId && (
        <Paragraph>
          {t('audit.f.eventId')}: <code>{query.eventId}</code>{' '}
          <Button variant="secondary" data-size="sm" type="button" onClick={clearEvent}>
            {t('audit.f.eventIdClear')}
          </Button>
        </Paragraph>
      )}
      <ExportStep filters={query} />
      <EventList
        queryKey={['audit-events', query]}
        fetchPage={(cursor) =>
          call(
            api.GET('/api/v1/audit/events', {
              params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } },
            }),
          )
        }
      />
    </Page>
  );
}

function EventList({
  queryKey,
  fetchPage,
}: {
  queryKey: unknown[];
  fetchPage: (cursor?: string) => Promise<Schemas['AuditEventPageDto']>;
}) {
  const t = useT();
  const format = useFormat();
  const agencies = useAgencies();
  const directory = useDirectory();
  const agencyName = (id: string | null) => agencies.data?.find((agency) => agency.id === id)?.name ?? id ?? '—';
  const list = useInfiniteQuery({
    queryKey,
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items: AuditEvent[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-label={t('audit.results')} className="stack">
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{t('audit.none')}</Paragraph>}
      {items.length > 0 && (
        <div className="table-scroll">
          <Table data-size="sm" zebra>
            <caption>{t('audit.results')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('audit.col.when')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.col.who')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.col.agency')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.col.action')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.col.outcome')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.col.subject')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.col.basis')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((event) => (
                <Table.Row key={event.id}>
                  <Table.Cell>{format.dateTime(event.occurredAt)}</Table.Cell>
                  <Table.Cell>
                    {event.actorId ? (directory.data?.get(event.actorId)?.name ?? event.actorId) : t('audit.system')}
                    {event.actorRoles.length > 0 && ` (${event.actorRoles.join(', ')})`}
                  </Table.Cell>
                  <Table.Cell>{agencyName(event.actorAgencyId)}</Table.Cell>
                  <Table.Cell>{event.action}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={event.outcome === 'denied' ? 'danger' : 'success'}>
                      {t(event.outcome === 'denied' ? 'audit.outcome.denied' : 'audit.outcome.allowed')}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>{event.pseudonym ?? '—'}</Table.Cell>
                  <Table.Cell>{basisOf(event) ?? '—'}</Table.Cell>
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
    </section>
  );
}

/** What the event says let it happen: a break-glass grant, or the view the rules gave. */
function basisOf(event: AuditEvent): string | null {
  if (event.purpose) return event.purpose;
  const view = event.details.view;
  return typeof view === 'string' ? view : null;
}

/** Who has seen this subject: from a subject id or pseudonym, every access in order. */
export function WhoHasSeenPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const subject = params.get('subject') ?? '';
  const [draft, setDraft] = useState(subject);
  const uuid = /^[0-9a-f-]{36}$/i.test(subject);
  return (
    <Page title={t('audit.subject.title')}>
      <AuditNav />
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(draft.trim() ? { subject: draft.trim() } : {});
        }}
      >
        <Textfield
          id="subject"
          label={t('audit.subject.label')}
          description={t('audit.subject.hint')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit">{t('audit.subject.show')}</Button>
      </form>
      {subject && (
        <EventList
          queryKey={['audit-subject', subject]}
          fetchPage={(cursor) => {
            const paging = { limit: 50, ...(cursor ? { cursor } : {}) };
            // A subject id goes to its own route; anything else is the pseudonym screens and reports show.
            return uuid
              ? call(
                  api.GET('/api/v1/audit/subjects/{id}/accesses', {
                    params: { path: { id: subject }, query: paging },
                  }),
                )
              : call(
                  api.GET('/api/v1/audit/events', {
                    params: { query: { pseudonym: subject.toUpperCase(), ...paging } },
                  }),
                );
          }}
        />
      )}
    </Page>
  );
}

/** Unusual access, each flag said in a sentence with a link to the events behind it. */
export function FlagsPage() {
  const t = useT();
  const directory = useDirectory();
  const format = useFormat();
  const flags = useQuery({
    queryKey: ['audit-flags'],
    queryFn: () => call(api.GET('/api/v1/audit/flags', { params: { query: { limit: 100 } } })),
  });
  return (
    <Page title={t('audit.flags.title')}>
      <AuditNav />
      {flags.isPending && <Loading />}
      {flags.isError && <ProblemAlert error={flags.error} onRetry={() => void flags.refetch()} />}
      {flags.isSuccess && flags.data.items.length === 0 && <Paragraph>{t('audit.flags.none')}</Paragraph>}
      <ul className="plain-list stack">
        {flags.data?.items.map((flag) => {
          const events = new URLSearchParams({
            actorId: flag.userId,
            from: flag.windowStart.slice(0, 10),
            to: new Date(new Date(flag.windowEnd).getTime() + 86_400_000).toISOString().slice(0, 10),
            ...(flag.kind === 'repeated_refusals' ? { outcome: 'denied' } : {}),
          });
          return (
            <li key={flag.id}>
              <Card className="stack">
                <Heading level={2} data-size="xs">
                  {t(`audit.flag.${flag.kind}`)}
                </Heading>
                {explainFlag(
                  flag,
                  {
                    user: directory.data?.get(flag.userId)?.name ?? flag.userId,
                    start: format.dateTime(flag.windowStart),
                    end: format.dateTime(flag.windowEnd),
                  },
                  t,
                ).map((sentence) => (
                  <Paragraph key={sentence}>{sentence}</Paragraph>
                ))}
                <Link asChild>
                  <RouterLink to={`/audit?${events.toString()}`}>{t('audit.flags.events')}</RouterLink>
                </Link>
              </Card>
            </li>
          );
        })}
      </ul>
    </Page>
  );
}

/** Break-glass grants awaiting review: reason, justification, what was read, and the review form. */
export function BreakGlassReviewsPage() {
  const t = useT();
  const grants = useQuery({
    queryKey: ['audit-break-glass'],
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/audit/break-glass')),
  });
  return (
    <Page title={t('audit.bg.title')}>
      <AuditNav />
      {grants.isPending && <Loading />}
      {grants.isError && <ProblemAlert error={grants.error} onRetry={() => void grants.refetch()} />}
      {grants.isSuccess && grants.data.items.length === 0 && <Paragraph>{t('audit.bg.none')}</Paragraph>}
      <ul className="plain-list stack">
        {grants.data?.items.map((grant) => (
          <li key={grant.id}>
            <GrantCard grant={grant} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function GrantCard({ grant }: { grant: Schemas['BreakGlassGrantDto'] }) {
  const t = useT();
  const directory = useDirectory();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reads = useQuery({
    queryKey: ['audit-grant-reads', grant.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/audit/events', {
          params: {
            query: {
              actorId: grant.userId,
              from: grant.grantedAt,
              to: grant.expiresAt,
              outcome: 'allowed',
              limit: 100,
            },
          },
        }),
      ),
  });
  const during = (reads.data?.items ?? []).filter((event) => event.purpose === `break-glass:${grant.id}`);
  const review = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/audit/break-glass/{id}/review', {
          params: { path: { id: grant.id } },
          body: { outcome: outcome as 'justified' | 'unjustified', note },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['audit-break-glass'] }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!outcome) {
      setError(t('audit.bg.outcomeRequired'));
      return;
    }
    setError(null);
    review.mutate();
  }
  const headingId = `grant-${grant.id}`;
  return (
    <Card asChild className="stack">
      <section aria-labelledby={headingId}>
        <Heading level={2} data-size="xs" id={headingId}>
          {t('audit.bg.grant', { pseudonym: grant.pseudonym, at: format.dateTime(grant.grantedAt) })}
        </Heading>
        <dl className="facts">
          <Fact label={t('audit.bg.who')}>{directory.data?.get(grant.userId)?.name ?? grant.userId}</Fact>
          <Fact label={t('audit.bg.reason')}>{t(`audit.bg.reason.${grant.reasonCode}`)}</Fact>
          <Fact label={t('audit.bg.justification')}>{grant.justification}</Fact>
          <Fact label={t('audit.bg.until')}>{format.dateTime(grant.expiresAt)}</Fact>
          <Fact label={t('audit.bg.read')}>
            {reads.isPending ? (
              <Loading />
            ) : during.length === 0 ? (
              t('audit.bg.readNothing')
            ) : (
              <ul>
                {during.map((event) => (
                  <li key={event.id}>
                    {event.action} · {event.pseudonym ?? event.resourceId} · {format.dateTime(event.occurredAt)}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
        </dl>
        <form onSubmit={submit} className="stack" aria-label={t('audit.bg.form')}>
          <SelectField
            id={`outcome-${grant.id}`}
            label={t('audit.bg.outcome')}
            value={outcome}
            onChange={setOutcome}
            error={error ?? undefined}
            emptyLabel={t('audit.bg.choose')}
            options={[
              { value: 'justified', label: t('audit.bg.justified') },
              { value: 'unjustified', label: t('audit.bg.unjustified') },
            ]}
          />
          <Textfield
            id={`note-${grant.id}`}
            label={t('audit.bg.note')}
            multiline
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {review.isError && <ProblemAlert error={review.error} />}
          <div>
            <Button type="submit" loading={review.isPending}>
              {t('audit.bg.submit')}
            </Button>
          </div>
        </form>
      </section>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
