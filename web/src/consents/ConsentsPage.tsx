import { Alert, Button, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, call } from '../app/api';
import { useT } from '../app/i18n';
import { NotFoundPage } from '../app/NotFoundPage';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { concernsKey, workKey } from '../concerns/queries';
import '../concerns/work.css';
import '../referrals/referrals.css';
import {
  consentsKey,
  OPEN_STATUSES,
  referralsKey,
  useAgencies,
  useConsents,
  type Consent,
  type Referral,
} from '../referrals/queries';
import { StatusTag } from '../referrals/StatusTag';

type Group = 'inForce' | 'expired' | 'withdrawn';

function groupOf(consent: Consent): Group {
  if (consent.withdrawnAt) return 'withdrawn';
  return consent.active ? 'inForce' : 'expired';
}

/** A subject's consents: in force, expired, withdrawn; a withdrawal asks first and says which referrals it closes. */
export default function ConsentsPage() {
  const { id = '' } = useParams();
  const t = useT();
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const subject = useQuery({
    queryKey: ['subjects', id],
    enabled: valid,
    queryFn: () => call(api.GET('/api/v1/subjects/{id}', { params: { path: { id } } })),
  });
  const consents = useConsents(id);
  const agencies = useAgencies();
  // What each withdrawal closed, kept here: the consent moves to another group, and its card with it.
  const [closedBy, setClosedBy] = useState<Record<string, Referral[]>>({});
  const names = useMemo(
    () => new Map((agencies.data ?? []).map((agency) => [agency.id, agency.name])),
    [agencies.data],
  );
  if (!valid) return <NotFoundPage />;
  const title = subject.data
    ? t('consents.titleFor', { person: subject.data.fullName ?? subject.data.pseudonym })
    : t('consents.title');
  return (
    <Page title={title}>
      <Paragraph>{t('consents.intro')}</Paragraph>
      {(consents.isPending || subject.isPending) && <Loading />}
      {consents.isError && <ProblemAlert error={consents.error} onRetry={() => void consents.refetch()} />}
      {consents.data &&
        (['inForce', 'expired', 'withdrawn'] as const).map((group) => {
          const items = consents.data.items.filter((consent) => groupOf(consent) === group);
          return (
            <section key={group} aria-labelledby={`consents-${group}`} className="stack">
              <Heading level={2} data-size="sm" id={`consents-${group}`}>
                {t(`consents.group.${group}`, { count: items.length })}
              </Heading>
              {items.length === 0 && <Paragraph>{t(`consents.none.${group}`)}</Paragraph>}
              {items.length > 0 && (
                <ul className="work-list consents">
                  {items.map((consent) => (
                    <li key={consent.id}>
                      <ConsentCard
                        consent={consent}
                        closed={closedBy[consent.id] ?? null}
                        onWithdrawn={(closed) => setClosedBy((known) => ({ ...known, [consent.id]: closed }))}
                        agencies={consent.agencyIds.map(
                          (agencyId) => names.get(agencyId) ?? t('referral.unknownAgency'),
                        )}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </Page>
  );
}

/** The open referrals of the reader's board resting on a consent: those its withdrawal closes. */
async function referralsResting(consentId: string): Promise<Referral[]> {
  const found: Referral[] = [];
  for (const status of OPEN_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await call(
        api.GET('/api/v1/referrals', { params: { query: { status, limit: 200, ...(cursor ? { cursor } : {}) } } }),
      );
      found.push(...page.items.filter((referral) => referral.consentId === consentId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return found;
}

function ConsentCard({
  consent,
  agencies,
  closed,
  onWithdrawn,
}: {
  consent: Consent;
  agencies: string[];
  closed: Referral[] | null;
  onWithdrawn: (closed: Referral[]) => void;
}) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const resting = useQuery({
    queryKey: [...referralsKey, 'resting-on', consent.id],
    enabled: confirming,
    staleTime: 0,
    queryFn: () => referralsResting(consent.id),
  });
  const withdraw = useMutation({
    mutationFn: async () => {
      const withdrawn = await call(
        api.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id: consent.id } } }),
      );
      // Shown as they are now: closed, their outcome the consent's withdrawal.
      const after = await Promise.all(
        (resting.data ?? []).map((referral) =>
          call(api.GET('/api/v1/referrals/{id}', { params: { path: { id: referral.id } } })),
        ),
      );
      return { withdrawn, after };
    },
    onSuccess: ({ after }) => {
      onWithdrawn(after);
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: consentsKey });
      void queryClient.invalidateQueries({ queryKey: referralsKey });
      void queryClient.invalidateQueries({ queryKey: concernsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
    },
  });
  const group = groupOf(consent);
  const headingId = `consent-${consent.id}`;
  return (
    <Card data-color={group === 'inForce' ? 'accent' : 'neutral'} className="stack">
      <Heading level={3} data-size="xs" id={headingId}>
        {consent.purpose}
      </Heading>
      <dl className="facts">
        <dt>{t('consent.givenBy')}</dt>
        <dd>
          {t(consent.givenBy === 'guardian' ? 'consent.byGuardian' : 'consent.bySubject', {
            name: consent.guardianName ?? '',
          })}
        </dd>
        <dt>{t('consent.givenAt')}</dt>
        <dd>{format.dateTime(consent.givenAt)}</dd>
        <dt>{t('consent.agencies')}</dt>
        <dd>{agencies.join(', ')}</dd>
        <dt>{t('consent.validUntil')}</dt>
        <dd>{consent.validUntil ? format.dateTime(consent.validUntil) : t('consent.openEnded')}</dd>
        {consent.withdrawnAt && (
          <>
            <dt>{t('consent.withdrawnAt')}</dt>
            <dd>{format.dateTime(consent.withdrawnAt)}</dd>
          </>
        )}
      </dl>
      <div aria-live="polite">
        {closed && (
          <Alert data-color="success">
            <Paragraph>{t('consents.withdrawn', { count: closed.length })}</Paragraph>
            {closed.length > 0 && (
              <ul className="plain-list">
                {closed.map((referral) => (
                  <li key={referral.id}>
                    {referral.toAgency.name} ({referral.pseudonym}) <StatusTag referral={referral} />
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
      {group === 'inForce' && !confirming && (
        <div>
          <Button variant="secondary" data-color="danger" onClick={() => setConfirming(true)}>
            {t('consents.withdraw')}
          </Button>
        </div>
      )}
      {confirming && (
        <Alert data-color="warning" role="region" aria-labelledby={`${headingId}-confirm`}>
          <Heading level={4} data-size="xs" id={`${headingId}-confirm`}>
            {t('consents.confirmTitle')}
          </Heading>
          {resting.isPending && <Loading />}
          {resting.isError && <ProblemAlert error={resting.error} onRetry={() => void resting.refetch()} />}
          {resting.data && (
            <>
              <Paragraph>{t('consents.confirmCloses', { count: resting.data.length })}</Paragraph>
              {resting.data.length > 0 && (
                <ul className="plain-list">
                  {resting.data.map((referral) => (
                    <li key={referral.id}>
                      <Link asChild>
                        <RouterLink to={`/referrals/${referral.id}`}>
                          {t('board.rowLink', { pseudonym: referral.pseudonym, agency: referral.toAgency.name })}
                        </RouterLink>
                      </Link>{' '}
                      <Tag data-color="neutral">{t(`referralStatus.${referral.status}`)}</Tag>
                    </li>
                  ))}
                </ul>
              )}
              <Paragraph>{t('consents.confirmAccess')}</Paragraph>
            </>
          )}
          {withdraw.isError && <ProblemAlert error={withdraw.error} />}
          <div className="actions">
            <Button
              data-color="danger"
              disabled={!resting.data}
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate()}
            >
              {t('consents.confirmWithdraw')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('consents.keep')}
            </Button>
          </div>
        </Alert>
      )}
    </Card>
  );
}
