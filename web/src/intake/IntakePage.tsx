import {
  Alert,
  Button,
  Card,
  Checkbox,
  Heading,
  Link,
  Paragraph,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { districtName, useFormat } from '../concerns/format';
import { concernsKey, savedFiltersKey, workKey } from '../concerns/queries';
import { TriageForm } from '../concerns/TriageForm';
import {
  CATEGORIES,
  RISK_LEVELS,
  STATUSES,
  personOf,
  type Category,
  type Concern,
  type RiskLevel,
  type Status,
} from '../concerns/vocabulary';
import '../concerns/work.css';

type SavedFilter = Schemas['SavedFilterDto'];
type FilterQuery = Schemas['SavedConcernFilterDto'];

/** The status the intake shows unless told otherwise: the untriaged. */
const INTAKE_STATUS: Status = 'new';
/** The value of the status filter that shows every status. */
const ANY_STATUS = 'all';
/** A queue never looked at: everything in it is new (as the home page counts it). */
const NEVER = '1970-01-01T00:00:00.000Z';

interface Filters {
  districtId?: string;
  category?: Category;
  riskLevel?: RiskLevel;
  status?: Status;
}

function filtersFromParams(params: URLSearchParams): Filters {
  const status = params.get('status');
  return {
    ...(params.get('districtId') ? { districtId: params.get('districtId')! } : {}),
    ...(params.get('category') ? { category: params.get('category') as Category } : {}),
    ...(params.get('riskLevel') ? { riskLevel: params.get('riskLevel') as RiskLevel } : {}),
    ...(status === ANY_STATUS ? {} : { status: (status as Status | null) ?? INTAKE_STATUS }),
  };
}

function filtersFromQueue(query: FilterQuery): Filters {
  const { districtId, category, riskLevel, status } = query;
  return {
    ...(districtId ? { districtId } : {}),
    ...(category ? { category } : {}),
    ...(riskLevel ? { riskLevel } : {}),
    ...(status ? { status } : {}),
  };
}

/**
 * The coordinator's intake: the concerns of their districts, highest risk and oldest first, filtered,
 * paged by cursor; saved filters as queues (pinned ones counted on the home page), what is new since
 * the coordinator last looked at a queue marked, and triage from the list.
 */
export default function IntakePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const queueId = params.get('queue');
  const saved = useQuery({
    queryKey: savedFiltersKey,
    queryFn: () => call(api.GET('/api/v1/saved-filters', { params: { query: { limit: 50 } } })),
  });
  const queue = queueId ? saved.data?.items.find((filter) => filter.id === queueId) : undefined;
  const filters = queue ? filtersFromQueue(queue.query) : filtersFromParams(params);

  // What is new is judged against when the coordinator last looked, as it was when they opened the queue.
  const [since, setSince] = useState<Record<string, string | null>>({});
  const queueSince = queue ? ((queue.id in since ? since[queue.id] : queue.lastSeenAt) ?? NEVER) : undefined;
  useEffect(() => {
    if (queue && !(queue.id in since)) setSince((known) => ({ ...known, [queue.id]: queue.lastSeenAt }));
  }, [queue, since]);

  function setFilter(name: keyof Filters, value: string) {
    const next = new URLSearchParams();
    const current = { ...filters, status: filters.status ?? ANY_STATUS } as Record<string, string | undefined>;
    current[name] = value || (name === 'status' ? ANY_STATUS : undefined);
    for (const [key, entry] of Object.entries(current)) if (entry) next.set(key, entry);
    setParams(next);
  }

  return (
    <Page title={queue ? `${t('intake.title')}: ${queue.name}` : t('intake.title')}>
      <Paragraph>{t('intake.intro')}</Paragraph>
      {saved.isError && <ProblemAlert error={saved.error} onRetry={() => void saved.refetch()} />}
      <Queues saved={saved.data?.items ?? []} current={queueId} />
      {queueId && saved.isPending ? (
        <Loading />
      ) : (
        <>
          <FilterBar filters={filters} onChange={setFilter} />
          <IntakeList
            filters={filters}
            queue={queue ?? null}
            since={queueSince ?? null}
            ready={!queue || queue.id in since}
          />
          {!queue && <SaveQueue filters={filters} />}
        </>
      )}
    </Page>
  );
}

function Queues({ saved, current }: { saved: SavedFilter[]; current: string | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: savedFiltersKey });
    void queryClient.invalidateQueries({ queryKey: workKey });
  };
  const pin = useMutation({
    mutationFn: (filter: SavedFilter) =>
      call(
        api.PATCH('/api/v1/saved-filters/{id}', {
          params: { path: { id: filter.id } },
          body: { pinned: !filter.pinned },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (filter: SavedFilter) =>
      call(api.DELETE('/api/v1/saved-filters/{id}', { params: { path: { id: filter.id } } })),
    onSuccess: refresh,
  });
  return (
    <nav aria-label={t('intake.queues')} className="stack">
      <ul className="queue-bar plain-list">
        <li>
          <Link asChild>
            <RouterLink to="/intake" aria-current={current ? undefined : 'page'}>
              {t('intake.allIntake')}
            </RouterLink>
          </Link>
        </li>
        {saved.map((filter) => (
          <li key={filter.id} className="queue-bar">
            <Link asChild>
              <RouterLink to={`/intake?queue=${filter.id}`} aria-current={current === filter.id ? 'page' : undefined}>
                {filter.name}
              </RouterLink>
            </Link>
            <Button variant="tertiary" data-size="sm" onClick={() => pin.mutate(filter)} aria-pressed={filter.pinned}>
              {filter.pinned
                ? t('intake.unpinQueue', { name: filter.name })
                : t('intake.pinQueue', { name: filter.name })}
            </Button>
            <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => remove.mutate(filter)}>
              {t('intake.delete', { name: filter.name })}
            </Button>
          </li>
        ))}
      </ul>
      {pin.isError && <ProblemAlert error={pin.error} />}
      {remove.isError && <ProblemAlert error={remove.error} />}
    </nav>
  );
}

function FilterBar({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (name: keyof Filters, value: string) => void;
}) {
  const t = useT();
  const me = useMe();
  return (
    <section aria-labelledby="filters-heading">
      <Heading level={2} data-size="xs" id="filters-heading">
        {t('intake.filters')}
      </Heading>
      <div className="filters">
        <SelectField
          id="filter-district"
          label={t('col.district')}
          value={filters.districtId ?? ''}
          onChange={(value) => onChange('districtId', value)}
          emptyLabel={t('any')}
          options={me.districts.map((district) => ({ value: district.id, label: district.name }))}
        />
        <SelectField
          id="filter-category"
          label={t('col.category')}
          value={filters.category ?? ''}
          onChange={(value) => onChange('category', value)}
          emptyLabel={t('any')}
          options={CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))}
        />
        <SelectField
          id="filter-risk"
          label={t('col.risk')}
          value={filters.riskLevel ?? ''}
          onChange={(value) => onChange('riskLevel', value)}
          emptyLabel={t('any')}
          options={RISK_LEVELS.map((value) => ({ value, label: t(`risk.${value}`) }))}
        />
        <SelectField
          id="filter-status"
          label={t('col.status')}
          value={filters.status ?? ''}
          onChange={(value) => onChange('status', value)}
          emptyLabel={t('any')}
          options={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
      </div>
    </section>
  );
}

function IntakeList({
  filters,
  queue,
  since,
  ready,
}: {
  filters: Filters;
  queue: SavedFilter | null;
  since: string | null;
  ready: boolean;
}) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // After a triage from the list its row leaves the queue: the focus goes to what was done, not to the page's top.
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  // One clock reading per render of the list, not one per row.
  const now = useMemo(() => Date.now(), []);
  const list = useInfiniteQuery({
    queryKey: [...concernsKey, 'intake', filters, since],
    staleTime: 0,
    enabled: ready,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/concerns', {
          params: {
            query: {
              ...filters,
              sort: 'intake',
              limit: 50,
              ...(since ? { since } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  // Looking at a queue marks it seen: what comes after this is new next time.
  const marked = useRef<string | null>(null);
  const seen = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/saved-filters/{id}/seen', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: savedFiltersKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
  });
  useEffect(() => {
    if (queue && list.isSuccess && marked.current !== queue.id) {
      marked.current = queue.id;
      seen.mutate(queue.id);
    }
  }, [queue, list.isSuccess, seen]);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const newCount = items.filter((item) => item.newSinceLastSeen).length;
  return (
    <section aria-labelledby="list-heading" className="stack">
      <Heading level={2} data-size="xs" id="list-heading" className="ds-sr-only">
        {t('intake.count', { count: items.length })}
      </Heading>
      <div aria-live="polite">
        {done && (
          <Alert data-color="success" tabIndex={-1} ref={doneRef}>
            <Paragraph>{done}</Paragraph>
          </Alert>
        )}
      </div>
      {queue && list.isSuccess && <Paragraph>{t('intake.newCount', { count: newCount })}</Paragraph>}
      {(list.isPending || !ready) && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{t('intake.empty')}</Paragraph>}
      {items.length > 0 && (
        <div className="table-wrap">
          <Table>
            <caption className="ds-sr-only">{t('intake.count', { count: items.length })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.risk')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.category')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.district')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.waited')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.triage')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((concern) => (
                <Fragment key={concern.id}>
                  <IntakeRow
                    concern={concern}
                    open={open === concern.id}
                    onToggle={() => setOpen((current) => (current === concern.id ? null : concern.id))}
                    district={districtName(me, concern.districtId) ?? ''}
                    waited={format.waited(concern.createdAt, now)}
                    logged={format.dateTime(concern.createdAt, concern.districtId)}
                  />
                  {open === concern.id && (
                    <Table.Row
                      onKeyDown={(event) => {
                        // Escape closes the triage and goes back to the button that opened it.
                        if (event.key !== 'Escape') return;
                        setOpen(null);
                        document.getElementById(`triage-toggle-${concern.id}`)?.focus();
                      }}
                    >
                      <Table.Cell colSpan={7}>
                        <TriageForm
                          concernId={concern.id}
                          autoFocus
                          onDone={(outcome) => {
                            setOpen(null);
                            setDone(`${personOf(concern)}: ${t('triage.done', { outcome: t(`outcome.${outcome}`) })}`);
                          }}
                        />
                      </Table.Cell>
                    </Table.Row>
                  )}
                </Fragment>
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

function IntakeRow({
  concern,
  open,
  onToggle,
  district,
  waited,
  logged,
}: {
  concern: Concern;
  open: boolean;
  onToggle: () => void;
  district: string;
  waited: string;
  logged: string;
}) {
  const t = useT();
  const name = personOf(concern);
  return (
    <Table.Row className={concern.newSinceLastSeen ? 'is-new' : undefined}>
      <Table.Cell>
        <Link asChild>
          <RouterLink to={`/concerns/${concern.id}`}>{name}</RouterLink>
        </Link>
        {concern.newSinceLastSeen && (
          <>
            {' '}
            <Tag data-color="accent" data-size="sm">
              {t('intake.new')}
            </Tag>
          </>
        )}
        {concern.redacted && (
          <>
            {' '}
            <Tag data-color="warning" data-size="sm">
              {t('intake.restricted')}
            </Tag>
          </>
        )}
      </Table.Cell>
      <Table.Cell>
        {concern.riskLevel === 'immediate_danger' || concern.riskLevel === 'high' ? (
          <Tag data-color="danger" data-size="sm">
            {t(`risk.${concern.riskLevel}`)}
          </Tag>
        ) : (
          t(`risk.${concern.riskLevel}`)
        )}
      </Table.Cell>
      <Table.Cell>{t(`category.${concern.category}`)}</Table.Cell>
      <Table.Cell>{t(`status.${concern.status}`)}</Table.Cell>
      <Table.Cell>{district}</Table.Cell>
      <Table.Cell>
        <span title={logged}>{concern.status === 'new' ? t('concern.waited', { duration: waited }) : logged}</span>
      </Table.Cell>
      <Table.Cell>
        {concern.status === 'new' && (
          <Button
            id={`triage-toggle-${concern.id}`}
            variant="secondary"
            data-size="sm"
            aria-expanded={open}
            onClick={onToggle}
          >
            {t('triage.open', { name })}
          </Button>
        )}
      </Table.Cell>
    </Table.Row>
  );
}

const SAVE = 'save-queue';
const SAVE_FIELDS = ['name'] as const;

function SaveQueue({ filters }: { filters: Filters }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [pinned, setPinned] = useState(true);
  const { errors, setErrors, fromProblem } = useFieldErrors(SAVE_FIELDS);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/saved-filters', {
          body: { name: name.trim(), resource: 'concerns', query: { ...filters, sort: 'intake' }, pinned },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: savedFiltersKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t('intake.saveNameRequired') });
      return;
    }
    setErrors({});
    save.mutate();
  }
  return (
    <Card data-color="neutral">
      <form className="stack" noValidate onSubmit={submit}>
        <Heading level={2} data-size="xs">
          {t('intake.saveTitle')}
        </Heading>
        <FormErrorSummary form={SAVE} errors={errors} labels={{ name: t('intake.saveName') }} />
        {save.isError && !(save.error instanceof ApiError && save.error.problem.errors?.length) && (
          <ProblemAlert error={save.error} />
        )}
        <Textfield
          id={fieldId(SAVE, 'name')}
          label={t('intake.saveName')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <Checkbox label={t('intake.pin')} checked={pinned} onChange={(event) => setPinned(event.target.checked)} />
        <div aria-live="polite">
          {save.isSuccess && <Paragraph>{t('intake.saved', { name: save.data.name })}</Paragraph>}
        </div>
        <div>
          <Button type="submit" loading={save.isPending}>
            {t('intake.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
