import { Button, Card, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, call } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { workKey } from '../concerns/queries';
import '../concerns/work.css';
import '../referrals/referrals.css';
import { followUpsKey, type FollowUp } from '../referrals/queries';
import { MoveDue } from './MoveDue';

const VIEWS = ['open', 'overdue', 'done', 'cancelled'] as const;
type View = (typeof VIEWS)[number];

/** The signed-in person's follow-ups: due, overdue (which stand out), done and cancelled; completed or cancelled here. */
export default function FollowUpsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const requested = params.get('state');
  const view: View = VIEWS.includes(requested as View) ? (requested as View) : 'open';
  const list = useInfiniteQuery({
    queryKey: [...followUpsKey, view],
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/follow-ups', {
          params: { query: { owner: 'me', state: view, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title={t('followUps.title')}>
      <nav aria-label={t('followUps.views')} className="view-tabs">
        <ul>
          {VIEWS.map((value) => (
            <li key={value}>
              <RouterLink to={`/follow-ups?state=${value}`} aria-current={value === view ? 'page' : undefined}>
                {t(`followUps.view.${value}`)}
              </RouterLink>
            </li>
          ))}
        </ul>
      </nav>
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{t(`followUps.empty.${view}`)}</Paragraph>}
      {items.length > 0 && (
        <ul className="work-list follow-ups">
          {items.map((followUp) => (
            <li key={followUp.id}>
              <FollowUpCard followUp={followUp} />
            </li>
          ))}
        </ul>
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

function FollowUpCard({ followUp }: { followUp: FollowUp }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: (how: 'complete' | 'cancel') =>
      call(
        how === 'complete'
          ? api.POST('/api/v1/follow-ups/{id}/complete', { params: { path: { id: followUp.id } } })
          : api.POST('/api/v1/follow-ups/{id}/cancel', { params: { path: { id: followUp.id } } }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: followUpsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
  });
  const open = followUp.state === 'open';
  return (
    <Card data-color={followUp.overdue ? 'danger' : 'neutral'} className="stack">
      <Paragraph className="narrative">{followUp.text}</Paragraph>
      <Paragraph data-size="sm">
        {t('followUp.due', { due: format.dateTime(followUp.dueAt) })}{' '}
        {followUp.overdue && <Tag data-color="danger">{t('followUp.overdue')}</Tag>}
        {!open && <Tag data-color="neutral">{t(`followUp.state.${followUp.state}`)}</Tag>}
      </Paragraph>
      {followUp.referralId && (
        <Paragraph data-size="sm">
          <Link asChild>
            <RouterLink to={`/referrals/${followUp.referralId}`}>{t('followUp.openReferral')}</RouterLink>
          </Link>
        </Paragraph>
      )}
      {close.isError && <ProblemAlert error={close.error} />}
      {open && (
        <div className="actions">
          <Button data-size="sm" onClick={() => close.mutate('complete')} loading={close.isPending}>
            {t('followUp.complete')}
          </Button>
          <Button data-size="sm" variant="secondary" onClick={() => close.mutate('cancel')} loading={close.isPending}>
            {t('followUp.cancel')}
          </Button>
          <MoveDue followUp={followUp} />
        </div>
      )}
    </Card>
  );
}
