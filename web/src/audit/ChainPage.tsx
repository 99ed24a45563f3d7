import { Alert, Button, Card, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, call, type Schemas } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useFormat } from '../concerns/format';
import { AuditNav, useDirectory } from './AuditPages';
import { eventSearchLink } from './event-link';

type Verification = Schemas['AuditVerificationDto'];

const LATEST = ['audit-verification-latest'];
const underWay = (verification: Verification | null | undefined) =>
  verification?.state === 'queued' || verification?.state === 'running';

/**
 * The chain: the last verification (when, how many events, the last checkpoint it relied on,
 * intact or the first bad event) and "Verify now", which the worker runs while this page shows
 * its progress. Asking while one is under way shows that one: there are never two at once.
 */
export function ChainPage() {
  const t = useT();
  const client = useQueryClient();
  const latest = useQuery({
    queryKey: LATEST,
    queryFn: async () =>
      (await call(api.GET('/api/v1/audit/verifications', { params: { query: { limit: 1 } } }))).items[0] ?? null,
    refetchInterval: (query) => (underWay(query.state.data) ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/v1/audit/verifications')),
    onSuccess: (verification) => client.setQueryData(LATEST, verification),
  });
  const verification = latest.data;
  const busy = underWay(verification);
  return (
    <Page title={t('audit.chain.title')}>
      <AuditNav />
      <Paragraph>{t('audit.chain.intro')}</Paragraph>
      <div>
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={busy}>
          {busy ? t('audit.chain.verifying') : t('audit.chain.verify')}
        </Button>
      </div>
      {start.isError && <ProblemAlert error={start.error} />}
      {latest.isPending && <Loading />}
      {latest.isError && <ProblemAlert error={latest.error} onRetry={() => void latest.refetch()} />}
      <div aria-live="polite" role="status" className="stack">
        {latest.isSuccess && !verification && <Paragraph>{t('audit.chain.never')}</Paragraph>}
        {verification && busy && <Progress verification={verification} />}
        {verification && !busy && <Verdict verification={verification} />}
      </div>
      {verification && <Checkpoint verification={verification} />}
    </Page>
  );
}

/** "n of m events", with a bar, while the worker walks the chain. */
function Progress({ verification }: { verification: Verification }) {
  const t = useT();
  const progress = t('audit.chain.progress', { checked: verification.checked, total: verification.total ?? 0 });
  return (
    <Card className="stack">
      <Heading level={2} data-size="xs">
        <Spinner aria-hidden data-size="sm" /> {t('audit.chain.verifying')}
      </Heading>
      {verification.state === 'queued' || verification.total === null ? (
        <Paragraph>{t('audit.chain.queued')}</Paragraph>
      ) : (
        <>
          <progress
            className="chain-progress"
            max={verification.total}
            value={verification.checked}
            aria-label={progress}
          />
          <Paragraph>{progress}</Paragraph>
        </>
      )}
    </Card>
  );
}

/** Plainly: intact, or not and the first bad event; or that the run could not finish. */
function Verdict({ verification }: { verification: Verification }) {
  const t = useT();
  const format = useFormat();
  const directory = useDirectory();
  const who = verification.startedBy
    ? (directory.data?.get(verification.startedBy)?.name ?? verification.startedBy)
    : t('audit.chain.system');
  const asked = t('audit.chain.startedBy', { who, at: format.dateTime(verification.createdAt) });
  if (verification.state === 'failed')
    return (
      <Alert data-color="warning">
        <Heading level={2} data-size="xs">
          {t('audit.chain.failed')}
        </Heading>
        <Paragraph>{asked}</Paragraph>
      </Alert>
    );
  return (
    <Alert data-color={verification.intact ? 'success' : 'danger'}>
      <Heading level={2} data-size="xs">
        {verification.intact ? t('audit.chain.intact') : t('audit.chain.broken')}
      </Heading>
      <Paragraph>
        {t('audit.chain.checked', {
          count: verification.checked,
          checkpoints: verification.checkpointsChecked ?? 0,
          at: verification.finishedAt ? format.dateTime(verification.finishedAt) : '',
        })}{' '}
        {asked}
      </Paragraph>
      {!verification.intact && (
        <Paragraph>
          {t('audit.chain.firstBad', { id: verification.firstBadEventId ?? '—', problem: verification.problem ?? '' })}{' '}
          {verification.firstBadEventId && (
            <Link asChild>
              <RouterLink to={eventSearchLink(verification.firstBadEventId)}>{t('audit.chain.find')}</RouterLink>
            </Link>
          )}
        </Paragraph>
      )}
    </Alert>
  );
}

/** The last checkpoint the verification relied on, and whether it was kept outside the database. */
function Checkpoint({ verification }: { verification: Verification }) {
  const t = useT();
  const format = useFormat();
  if (verification.checkpointsExternal === null) return null;
  const checkpoint = verification.lastCheckpoint;
  return (
    <Paragraph>
      {checkpoint
        ? t('audit.chain.lastCheckpoint', {
            seq: checkpoint.seq,
            at: format.dateTime(checkpoint.sealedAt),
            hash: `${checkpoint.hash.slice(0, 16)}…`,
          })
        : t('audit.chain.noCheckpoint')}{' '}
      {verification.checkpointsExternal ? t('audit.chain.external') : t('audit.chain.internal')}
    </Paragraph>
  );
}
