import { Button, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, call } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from './format';
import { concernsKey } from './queries';
import { personOf } from './vocabulary';
import './work.css';

/** The concerns the signed-in person logged, newest first, each with its stage: never another agency's notes. */
export default function MyConcernsPage() {
  const t = useT();
  const format = useFormat();
  const list = useInfiniteQuery({
    queryKey: [...concernsKey, 'mine'],
    // A stage changes under the reporter: asked again each time the list is opened.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/concerns', {
          params: { query: { reporter: 'me', sort: 'newest', limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title={t('mine.title')}>
      <Paragraph>{t('mine.stageIntro')}</Paragraph>
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{t('mine.empty')}</Paragraph>}
      {items.length > 0 && (
        <div className="table-wrap">
          <Table>
            <caption className="ds-sr-only">{t('mine.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.category')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.risk')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.stage')}</Table.HeaderCell>
                <Table.HeaderCell>{t('col.logged')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((concern) => (
                <Table.Row key={concern.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/concerns/${concern.id}`}>{personOf(concern)}</RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{t(`category.${concern.category}`)}</Table.Cell>
                  <Table.Cell>{t(`risk.${concern.riskLevel}`)}</Table.Cell>
                  <Table.Cell>
                    {concern.stage && (
                      <Tag data-color={concern.stage === 'received' ? 'info' : 'success'}>
                        {t(`stage.${concern.stage}`)}
                      </Tag>
                    )}
                  </Table.Cell>
                  <Table.Cell>{format.dateTime(concern.createdAt, concern.districtId)}</Table.Cell>
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
    </Page>
  );
}
