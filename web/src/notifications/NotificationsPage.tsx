import { Button, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, call, type Schemas } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { notificationsKey, workKey } from '../concerns/queries';
import '../concerns/work.css';

type Notification = Schemas['NotificationDto'];

/** Where a notification's record is read in the app; records without a screen yet have none. */
function recordPath(notification: Notification): string | null {
  if (notification.resourceType === 'concern') return `/concerns/${notification.resourceId}`;
  if (notification.resourceType === 'referral') return `/referrals/${notification.resourceId}`;
  if (notification.resourceType === 'follow_up') return '/follow-ups';
  if (notification.resourceType === 'audit_export') return '/audit/exports';
  return null;
}

/** The signed-in person's notifications, newest first: each says what happened, links to its record, and can be marked read. */
export default function NotificationsPage() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: notificationsKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title={t('notifications.title')}>
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {markRead.isError && <ProblemAlert error={markRead.error} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{t('notifications.empty')}</Paragraph>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((notification) => {
            const what = t(`notification.${notification.kind}`);
            const path = recordPath(notification);
            return (
              <li key={notification.id} className={notification.readAt ? undefined : 'unread'}>
                <Paragraph>
                  {notification.urgent && (
                    <>
                      <Tag data-color="danger" data-size="sm">
                        {t('notifications.urgent')}
                      </Tag>{' '}
                    </>
                  )}
                  {path ? (
                    <Link asChild>
                      <RouterLink to={path}>{what}</RouterLink>
                    </Link>
                  ) : (
                    what
                  )}
                </Paragraph>
                <Paragraph data-size="sm">
                  {format.dateTime(notification.createdAt)} ·{' '}
                  {notification.readAt ? t('notifications.read') : t('notifications.unread')}
                </Paragraph>
                {!notification.readAt && (
                  <Button
                    variant="secondary"
                    data-size="sm"
                    loading={markRead.isPending && markRead.variables === notification.id}
                    onClick={() => markRead.mutate(notification.id)}
                  >
                    {t('notifications.markRead')}
                    <span className="ds-sr-only">: {what}</span>
                  </Button>
                )}
              </li>
            );
          })}
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
