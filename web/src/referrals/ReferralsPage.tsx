import { Button, Heading, Link, Paragraph, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, call } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { districtName, useFormat } from '../concerns/format';
import { workKey } from '../concerns/queries';
import '../concerns/work.css';
import './referrals.css';
import { REFERRAL_STATUSES, referralsKey, useAgencies, type Referral, type ReferralStatus } from './queries';
import { StatusTag } from './StatusTag';

type Filters = {
  status?: ReferralStatus;
  toAgencyId?: string;
  districtId?: string;
  programme?: string;
  overdue?: boolean;
  receipt?: 'seen' | 'unseen';
  since?: string;
};

function useReferralPages(filters: Filters, scope: string) {
  return useInfiniteQuery({
    queryKey: [...referralsKey, scope, filters],
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/referrals', {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The coordinator's referral board: every referral of their districts, by review date, filtered and paged. */
export function ReferralBoardPage() {
  const t = useT();
  const me = useMe();
  const agencies = useAgencies();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as ReferralStatus | '';
  const filters: Filters = {
    ...(status ? { status } : {}),
    ...(params.get('agency') ? { toAgencyId: params.get('agency')! } : {}),
    ...(params.get('district') ? { districtId: params.get('district')! } : {}),
    ...(params.get('programme') ? { programme: params.get('programme')! } : {}),
    ...(params.get('overdue') === 'true' ? { overdue: true } : {}),
    ...(params.get('receipt') === 'seen' || params.get('receipt') === 'unseen'
      ? { receipt: params.get('receipt') as 'seen' | 'unseen' }
      : {}),
  };
  const [programme, setProgramme] = useState(params.get('programme') ?? '');
  const list = useReferralPages(filters, 'board');
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <Page title={t('board.title')}>
      <Paragraph>{t('board.intro')}</Paragraph>
      <form
        className="filters"
        aria-label={t('board.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          set('programme', programme.trim());
        }}
      >
        <SelectField
          id="board-status"
          label={t('col.status')}
          value={status}
          onChange={(value) => set('status', value)}
          emptyLabel={t('board.any')}
          options={REFERRAL_STATUSES.map((value) => ({ value, label: t(`referralStatus.${value}`) }))}
        />
        <SelectField
          id="board-agency"
          label={t('referral.toAgency')}
          value={params.get('agency') ?? ''}
          onChange={(value) => set('agency', value)}
          emptyLabel={t('board.any')}
          options={(agencies.data ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <SelectField
          id="board-district"
          label={t('col.district')}
          value={params.get('district') ?? ''}
          onChange={(value) => set('district', value)}
          emptyLabel={t('board.any')}
          options={me.districts.map((district) => ({ value: district.id, label: district.name }))}
        />
        <SelectField
          id="board-overdue"
          label={t('board.overdue')}
          value={params.get('overdue') ?? ''}
          onChange={(value) => set('overdue', value)}
          emptyLabel={t('board.any')}
          options={[{ value: 'true', label: t('board.overdueOnly') }]}
        />
        <SelectField
          id="board-receipt"
          label={t('board.receipt')}
          value={params.get('receipt') ?? ''}
          onChange={(value) => set('receipt', value)}
          emptyLabel={t('board.any')}
          options={[
            { value: 'unseen', label: t('board.receipt.unseen') },
            { value: 'seen', label: t('board.receipt.seen') },
          ]}
        />
        <Textfield
          id="board-programme"
          label={t('referral.programme')}
          value={programme}
          onChange={(event) => setProgramme(event.target.value)}
          onBlur={() => set('programme', programme.trim())}
        />
      </form>
      <ReferralTable list={list} caption={t('board.title')} showDistrict />
    </Page>
  );
}

/**
 * When the caller last looked at their referral inbox, kept on the server: read afresh on every visit
 * (never from the cache, never again during the visit) so it is the same on a reload, another device and the next sign-in.
 */
function useInboxLastLook() {
  return useQuery({
    queryKey: ['inbox', 'referrals'],
    queryFn: () => call(api.GET('/api/v1/me/inboxes/{inbox}', { params: { path: { inbox: 'referrals' } } })),
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * A case worker's inbox: the referrals sent to their agency, the pending ones first. New to them: a
 * pending referral nobody of the agency has opened yet, and what was sent or changed since they last looked.
 */
export function ReferralInboxPage() {
  const t = useT();
  const lastLook = useInboxLastLook();
  return (
    <Page title={t('inbox.title')}>
      <Paragraph>{t('inbox.intro')}</Paragraph>
      {lastLook.isPending && <Loading />}
      {lastLook.isError && <ProblemAlert error={lastLook.error} onRetry={() => void lastLook.refetch()} />}
      {lastLook.isSuccess && <InboxLists since={lastLook.data.seenAt} />}
    </Page>
  );
}

function InboxLists({ since }: { since: string | null }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const filters = since ? { since } : {};
  const pending = useReferralPages({ ...filters, status: 'pending' }, 'inbox');
  const all = useReferralPages(filters, 'inbox');
  const { mutate: markSeen } = useMutation({
    mutationFn: () => call(api.POST('/api/v1/me/inboxes/{inbox}/seen', { params: { path: { inbox: 'referrals' } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workKey }),
  });
  // Marked looked at once the lists are shown, not before: a list that failed to load leaves what is new as it was.
  const marked = useRef(false);
  const shown = pending.isSuccess && all.isSuccess;
  useEffect(() => {
    if (!shown || marked.current) return;
    marked.current = true;
    markSeen();
  }, [shown, markSeen]);
  const isNew = (referral: Referral) =>
    (referral.status === 'pending' && !referral.receipt) || referral.newSinceLastSeen === true;
  const newCount = [...(pending.data?.pages ?? []), ...(all.data?.pages ?? [])]
    .flatMap((page) => page.items)
    .filter(
      (referral, index, items) => isNew(referral) && items.findIndex((other) => other.id === referral.id) === index,
    ).length;
  return (
    <>
      <Paragraph>{since ? t('inbox.lastLooked', { time: format.dateTime(since) }) : t('inbox.firstLook')}</Paragraph>
      {shown && (
        <Paragraph>
          <strong>{t('inbox.newCount', { count: newCount })}</strong>
        </Paragraph>
      )}
      <section aria-labelledby="inbox-pending" className="stack">
        <Heading level={2} data-size="sm" id="inbox-pending">
          {t('inbox.pending')}
        </Heading>
        <ReferralTable list={pending} caption={t('inbox.pending')} empty={t('inbox.noPending')} isNew={isNew} />
      </section>
      <section aria-labelledby="inbox-others" className="stack">
        <Heading level={2} data-size="sm" id="inbox-others">
          {t('inbox.others')}
        </Heading>
        <ReferralTable
          list={all}
          caption={t('inbox.others')}
          empty={t('inbox.noOthers')}
          only={(referral) => referral.status !== 'pending'}
          isNew={isNew}
        />
      </section>
    </>
  );
}

function ReferralTable({
  list,
  caption,
  showDistrict = false,
  empty,
  only,
  isNew,
}: {
  list: ReturnType<typeof useReferralPages>;
  caption: string;
  showDistrict?: boolean;
  empty?: string;
  only?: (referral: Referral) => boolean;
  isNew?: (referral: Referral) => boolean;
}) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const items = (list.data?.pages.flatMap((page) => page.items) ?? []).filter(only ?? (() => true));
  return (
    <>
      {list.isPending && <Loading />}
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Paragraph>{empty ?? t('board.empty')}</Paragraph>}
      {items.length > 0 && (
        <div className="table-wrap">
          <Table>
            <caption className="ds-sr-only">{caption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{t('referral.toAgency')}</Table.HeaderCell>
                {showDistrict && <Table.HeaderCell>{t('col.district')}</Table.HeaderCell>}
                <Table.HeaderCell>{t('col.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('referral.reviewDate')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((referral) => (
                <Table.Row
                  key={referral.id}
                  className={
                    [referral.overdue ? 'overdue' : '', isNew?.(referral) ? 'is-new' : ''].join(' ').trim() || undefined
                  }
                >
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/referrals/${referral.id}`}>
                        {t('board.rowLink', { pseudonym: referral.pseudonym, agency: referral.toAgency.name })}
                      </RouterLink>
                    </Link>
                    {isNew?.(referral) && (
                      <>
                        {' '}
                        <Tag data-color="accent">{t('inbox.new')}</Tag>
                      </>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {referral.toAgency.name}
                    {referral.programme && ` – ${referral.programme}`}
                  </Table.Cell>
                  {showDistrict && <Table.Cell>{districtName(me, referral.districtId) ?? ''}</Table.Cell>}
                  <Table.Cell>
                    <StatusTag referral={referral} />
                  </Table.Cell>
                  <Table.Cell>
                    {format.date(referral.reviewDate)}{' '}
                    {referral.overdue && <Tag data-color="danger">{t('board.overdueTag')}</Tag>}
                  </Table.Cell>
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
    </>
  );
}
