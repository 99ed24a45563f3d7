import { Alert, Button, Card, Heading, Link, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, call, type Schemas } from '../app/api';
import { FormErrorSummary, fieldId, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { useAgencies } from '../referrals/queries';
import { AuditNav, useDirectory } from './AuditPages';

type Filters = Schemas['AuditExportFilters'];
type AuditExport = Schemas['AuditExportDto'];
const exportsKey = ['audit-exports'];
const FORM = 'audit-export';

const FILTER_LABELS = {
  eventId: 'audit.f.eventId',
  actorId: 'audit.f.actorId',
  agencyId: 'audit.f.agencyId',
  subjectId: 'audit.f.subjectId',
  pseudonym: 'audit.f.pseudonym',
  resourceType: 'audit.f.resourceType',
  resourceId: 'audit.f.resourceId',
  action: 'audit.f.action',
  outcome: 'audit.f.outcome',
  from: 'audit.f.from',
  to: 'audit.f.to',
} as const satisfies Record<keyof Filters, string>;

/** The search's filters in words: people and agencies by name, outcomes and dates in the reader's language. */
function useFilterWords() {
  const t = useT();
  const format = useFormat();
  const directory = useDirectory();
  const agencies = useAgencies();
  return (filters: Filters): string[] =>
    Object.entries(filters)
      .filter(([, value]) => typeof value === 'string' && value !== '')
      .map(([key, value]) => {
        const text = String(value);
        const shown =
          key === 'actorId'
            ? (directory.data?.get(text)?.name ?? text)
            : key === 'agencyId'
              ? (agencies.data?.find((agency) => agency.id === text)?.name ?? text)
              : key === 'outcome'
                ? t(text === 'denied' ? 'audit.outcome.denied' : 'audit.outcome.allowed')
                : key === 'from' || key === 'to'
                  ? format.date(text)
                  : text;
        return `${t(FILTER_LABELS[key as keyof Filters])}: ${shown}`;
      });
}

/**
 * "Export as CSV": a step that says what the file will hold (the search in words, how many events,
 * the columns) and asks why, then hands the export to the worker; the auditor is notified when ready.
 */
export function ExportStep({ filters }: { filters: Filters }) {
  const t = useT();
  const queryClient = useQueryClient();
  const words = useFilterWords();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const { errors, setErrors, fromProblem, clear } = useFieldErrors(['purpose']);
  const count = useQuery({
    queryKey: ['audit-export-count', filters],
    enabled: open,
    staleTime: 0,
    queryFn: () => call(api.GET('/api/v1/audit/events/count', { params: { query: filters } })),
  });
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/v1/audit/exports', { body: { filters, purpose } })),
    onSuccess: () => {
      setOpen(false);
      setPurpose('');
      void queryClient.invalidateQueries({ queryKey: exportsKey });
    },
    onError: (error) => void fromProblem(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    if (!purpose.trim()) return setErrors({ purpose: t('audit.export.purposeRequired') });
    start.mutate();
  }
  const described = words(filters);
  return (
    <Card className="stack">
      <Heading level={2} data-size="xs">
        {t('audit.export.title')}
      </Heading>
      {start.isSuccess && (
        <Alert data-color="success">
          <Paragraph>{t('audit.export.started')}</Paragraph>
          <Link asChild>
            <RouterLink to="/audit/exports">{t('audit.export.seeExports')}</RouterLink>
          </Link>
        </Alert>
      )}
      {!open ? (
        <Paragraph>
          <Button
            variant="secondary"
            onClick={() => {
              start.reset();
              setOpen(true);
            }}
          >
            {t('audit.export.open')}
          </Button>
        </Paragraph>
      ) : (
        <form className="stack" onSubmit={submit} aria-label={t('audit.export.step')} noValidate>
          <Heading level={3} data-size="2xs">
            {t('audit.export.step')}
          </Heading>
          <dl className="facts">
            <dt>{t('audit.export.search')}</dt>
            <dd>
              {described.length === 0 ? (
                t('audit.export.everything')
              ) : (
                <ul>
                  {described.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('audit.export.events')}</dt>
            <dd>
              {count.isPending ? (
                <Loading />
              ) : count.isSuccess ? (
                t('audit.export.count', { count: count.data.count })
              ) : (
                '—'
              )}
            </dd>
            <dt>{t('audit.export.columns')}</dt>
            <dd>{count.data?.columns.join(', ') ?? '—'}</dd>
          </dl>
          {count.isError && <ProblemAlert error={count.error} />}
          <Paragraph data-size="sm">{t('audit.export.holds')}</Paragraph>
          <FormErrorSummary form={FORM} errors={errors} labels={{ purpose: t('audit.export.purpose') }} />
          <Textfield
            id={fieldId(FORM, 'purpose')}
            label={t('audit.export.purpose')}
            description={t('audit.export.purposeHint')}
            value={purpose}
            maxLength={500}
            error={errors.purpose}
            onChange={(event) => setPurpose(event.target.value)}
          />
          {start.isError && !errors.purpose && <ProblemAlert error={start.error} />}
          <div className="button-row">
            <Button type="submit" loading={start.isPending}>
              {t('audit.export.confirm')}
            </Button>
            <Button type="button" variant="tertiary" onClick={() => setOpen(false)}>
              {t('audit.export.cancel')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

const STATE_COLOR: Record<AuditExport['state'], 'neutral' | 'info' | 'success' | 'danger'> = {
  queued: 'neutral',
  running: 'info',
  ready: 'success',
  failed: 'danger',
  expired: 'neutral',
};

/** The auditor's own exports, newest first: state, rows, and the file while it is kept. */
export function AuditExportsPage() {
  const t = useT();
  const format = useFormat();
  const words = useFilterWords();
  const list = useQuery({
    queryKey: exportsKey,
    queryFn: () => call(api.GET('/api/v1/audit/exports')),
    // Until every export is finished, look again now and then: the worker writes them.
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => item.state === 'queued' || item.state === 'running') ? 2000 : false,
  });
  const download = useMutation({
    mutationFn: async (id: string) => {
      const data: unknown = await call(
        api.GET('/api/v1/audit/exports/{id}/file', { params: { path: { id } }, parseAs: 'text' }),
      );
      const url = URL.createObjectURL(new Blob([String(data)], { type: 'text/csv' }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `audit-events-${id.slice(0, 8)}.csv`;
      anchor.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
  const items = list.data?.items ?? [];
  return (
    <Page title={t('audit.exports.title')}>
      <AuditNav />
      <Paragraph>{t('audit.exports.intro')}</Paragraph>
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {download.isError && <ProblemAlert error={download.error} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{t('audit.exports.none')}</Paragraph>}
      {items.length > 0 && (
        <div className="table-scroll">
          <Table data-size="sm" zebra>
            <caption>{t('audit.exports.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('audit.exports.col.asked')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.export.search')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.export.purpose')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.exports.col.state')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.export.events')}</Table.HeaderCell>
                <Table.HeaderCell>{t('audit.exports.col.file')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((item) => {
                const search = words(item.filters);
                return (
                  <Table.Row key={item.id}>
                    <Table.Cell>{format.dateTime(item.createdAt)}</Table.Cell>
                    <Table.Cell>{search.length === 0 ? t('audit.export.everything') : search.join('; ')}</Table.Cell>
                    <Table.Cell>{item.purpose}</Table.Cell>
                    <Table.Cell>
                      <Tag data-color={STATE_COLOR[item.state]}>{t(`audit.exports.state.${item.state}`)}</Tag>
                    </Table.Cell>
                    <Table.Cell>{item.rowCount ?? '—'}</Table.Cell>
                    <Table.Cell>
                      {item.state === 'ready' ? (
                        <>
                          <Button
                            variant="secondary"
                            data-size="sm"
                            loading={download.isPending && download.variables === item.id}
                            onClick={() => download.mutate(item.id)}
                          >
                            {t('audit.exports.download')}
                            <span className="ds-sr-only">: {format.dateTime(item.createdAt)}</span>
                          </Button>{' '}
                          {item.expiresAt && t('audit.exports.until', { date: format.dateTime(item.expiresAt) })}
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </Page>
  );
}
