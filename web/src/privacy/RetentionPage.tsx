import { Card, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../app/api';
import { DateTime } from '../app/dates';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';

/** The admin's retention report: what the next run would anonymise, per kind, and the subjects a hold keeps. */
export default function RetentionPage() {
  const t = useT();
  const report = useQuery({
    queryKey: ['retention', 'next-run'],
    queryFn: () => call(api.GET('/api/v1/retention/next-run')),
  });
  return (
    <Page title={t('retention.title')}>
      {report.isPending && <Loading />}
      {report.error && <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <Paragraph>
            {t('retention.asOf')} <DateTime value={report.data.at} />
          </Paragraph>
          <Card data-color="neutral">
            <dl className="facts">
              <dt>{t('retention.subjectsDue')}</dt>
              <dd>{report.data.subjectsDue}</dd>
              <dt>{t('retention.subjectsHeld')}</dt>
              <dd>{report.data.subjectsHeld}</dd>
            </dl>
            <Paragraph data-size="sm">{t('retention.heldExplained')}</Paragraph>
          </Card>
          <Table>
            <caption>
              <Heading level={2} data-size="sm">
                {t('retention.perKind')}
              </Heading>
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('retention.kind')}</Table.HeaderCell>
                <Table.HeaderCell>{t('retention.count')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {Object.entries(report.data.records).map(([kind, count]) => (
                <Table.Row key={kind}>
                  <Table.HeaderCell scope="row">
                    {t(`retention.kind.${kind}` as Parameters<typeof t>[0])}
                  </Table.HeaderCell>
                  <Table.Cell>{count}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
      <LastRuns />
    </Page>
  );
}

/** The last runs, newest first: when, and what each did, counted. */
function LastRuns() {
  const t = useT();
  const runs = useQuery({
    queryKey: ['retention', 'runs'],
    queryFn: () => call(api.GET('/api/v1/retention/runs')),
  });
  if (runs.isPending) return <Loading />;
  if (runs.error) return <ProblemAlert error={runs.error} onRetry={() => void runs.refetch()} />;
  const total = (records: Record<string, number>) => Object.values(records).reduce((sum, n) => sum + n, 0);
  return (
    <section aria-labelledby="retention-runs">
      <Heading level={2} data-size="sm" id="retention-runs">
        {t('retention.lastRuns')}
      </Heading>
      {runs.data.items.length === 0 ? (
        <Paragraph>{t('retention.noRuns')}</Paragraph>
      ) : (
        <Table>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('retention.runAt')}</Table.HeaderCell>
              <Table.HeaderCell>{t('retention.runSubjects')}</Table.HeaderCell>
              <Table.HeaderCell>{t('retention.runSkipped')}</Table.HeaderCell>
              <Table.HeaderCell>{t('retention.runRecords')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {runs.data.items.map((run) => (
              <Table.Row key={run.occurredAt}>
                <Table.Cell>
                  <DateTime value={run.occurredAt} />
                </Table.Cell>
                <Table.Cell>{run.subjects}</Table.Cell>
                <Table.Cell>{run.skipped}</Table.Cell>
                <Table.Cell>{total(run.records)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
