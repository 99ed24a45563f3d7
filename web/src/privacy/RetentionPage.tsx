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
    </Page>
  );
}
