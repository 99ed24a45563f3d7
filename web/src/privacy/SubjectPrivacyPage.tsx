import { Alert, Button, Card, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { DateTime } from '../app/dates';
import { useLocale, useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { SelectField } from '../concerns/fields';

type Hold = Schemas['LegalHoldDto'];
type AccessPackage = Schemas['AccessPackageDto'];
const GROUNDS = [
  'no_longer_necessary',
  'consent_withdrawn',
  'objection',
  'unlawfully_processed',
  'legal_obligation',
] as const;

/** Hands a file to the browser; the address is let go once it has it. */
function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * A coordinator's privacy work on one person: legal holds (placed and lifted), the access package
 * (Article 15) compiled and downloaded, saying what is withheld and whom to ask, and erasure on
 * request (Article 17), the API's refusal said in words.
 */
export default function SubjectPrivacyPage() {
  const t = useT();
  const { id = '' } = useParams();
  const subject = useQuery({
    queryKey: ['subject', id],
    queryFn: () => call(api.GET('/api/v1/subjects/{id}', { params: { path: { id } } })),
  });
  if (subject.isPending) return <Loading />;
  if (subject.error) {
    return (
      <Page title={t('subjectPrivacy.titleUnknown')}>
        <ProblemAlert error={subject.error} />
      </Page>
    );
  }
  return (
    <Page title={t('subjectPrivacy.title', { pseudonym: subject.data.pseudonym })}>
      <LegalHolds subjectId={id} />
      <AccessPackageSection subjectId={id} pseudonym={subject.data.pseudonym} />
      <Erasure subjectId={id} />
    </Page>
  );
}

function LegalHolds({ subjectId }: { subjectId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const holds = useQuery({
    queryKey: ['legal-holds', subjectId],
    queryFn: () => call(api.GET('/api/v1/subjects/{id}/legal-holds', { params: { path: { id: subjectId } } })),
  });
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['legal-holds', subjectId] });
  const place = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/subjects/{id}/legal-holds', {
          params: { path: { id: subjectId } },
          body: { reason, until: new Date(`${until}T23:59:59`).toISOString() },
        }),
      ),
    onSuccess: () => {
      setReason('');
      setUntil('');
      void refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    place.mutate();
  };
  return (
    <Card data-color="neutral">
      <Heading level={2} data-size="sm">
        {t('hold.title')}
      </Heading>
      <Paragraph>{t('hold.explained')}</Paragraph>
      {holds.error && <ProblemAlert error={holds.error} />}
      {holds.data && holds.data.items.length === 0 && <Paragraph>{t('hold.none')}</Paragraph>}
      {holds.data && holds.data.items.length > 0 && (
        <ul className="plain-list">
          {holds.data.items.map((hold) => (
            <HoldItem key={hold.id} hold={hold} onChange={() => void refresh()} />
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Heading level={3} data-size="xs">
          {t('hold.place')}
        </Heading>
        <Textfield
          label={t('hold.reason')}
          description={t('hold.reasonHelp')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          multiline
          rows={2}
        />
        <Textfield
          label={t('hold.until')}
          type="date"
          value={until}
          onChange={(event) => setUntil(event.target.value)}
        />
        {place.error && <ProblemAlert error={place.error} />}
        <Button type="submit" disabled={place.isPending}>
          {t('hold.place')}
        </Button>
      </form>
    </Card>
  );
}

function HoldItem({ hold, onChange }: { hold: Hold; onChange: () => void }) {
  const t = useT();
  const [lifting, setLifting] = useState(false);
  const [reason, setReason] = useState('');
  const lift = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/legal-holds/{id}/lift', {
          params: { path: { id: hold.id } },
          body: { reason, version: hold.version },
        }),
      ),
    onSuccess: onChange,
  });
  return (
    <li>
      <Paragraph>
        {hold.active ? t('hold.active') : t('hold.inactive')} — {hold.reason} —{' '}
        {t('hold.placedBy', { name: hold.placedBy.name })}, {t('hold.untilWhen')}{' '}
        <DateTime value={hold.until} dateOnly />
      </Paragraph>
      {hold.active && !lifting && (
        <Button variant="secondary" data-size="sm" onClick={() => setLifting(true)}>
          {t('hold.lift')}
        </Button>
      )}
      {hold.active && lifting && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            lift.mutate();
          }}
          noValidate
        >
          <Textfield label={t('hold.liftReason')} value={reason} onChange={(event) => setReason(event.target.value)} />
          {lift.error && <ProblemAlert error={lift.error} />}
          <Button type="submit" data-size="sm" disabled={lift.isPending}>
            {t('hold.liftConfirm')}
          </Button>
        </form>
      )}
    </li>
  );
}

function AccessPackageSection({ subjectId, pseudonym }: { subjectId: string; pseudonym: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [purpose, setPurpose] = useState('');
  const [compiled, setCompiled] = useState<AccessPackage | null>(null);
  const body = (format: 'json' | 'pdf') => ({ purpose, language: locale, format });
  const compile = useMutation({
    mutationFn: async (format: 'json' | 'pdf') => {
      if (format === 'pdf') {
        const blob = await call(
          api.POST('/api/v1/subjects/{id}/access-package', {
            params: { path: { id: subjectId } },
            body: body('pdf'),
            parseAs: 'blob',
          }),
        );
        saveFile(blob, `access-package-${pseudonym}.pdf`);
        return;
      }
      const data = (await call(
        api.POST('/api/v1/subjects/{id}/access-package', { params: { path: { id: subjectId } }, body: body('json') }),
      )) as AccessPackage;
      setCompiled(data);
      saveFile(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
        `access-package-${pseudonym}.json`,
      );
    },
  });
  return (
    <Card data-color="neutral">
      <Heading level={2} data-size="sm">
        {t('package.title')}
      </Heading>
      <Paragraph>{t('package.explained')}</Paragraph>
      <Textfield
        label={t('package.purpose')}
        description={t('package.purposeHelp')}
        value={purpose}
        onChange={(event) => setPurpose(event.target.value)}
      />
      {compile.error && <ProblemAlert error={compile.error} />}
      <div className="button-row">
        <Button onClick={() => compile.mutate('json')} disabled={compile.isPending}>
          {t('package.json')}
        </Button>
        <Button variant="secondary" onClick={() => compile.mutate('pdf')} disabled={compile.isPending}>
          {t('package.pdf')}
        </Button>
      </div>
      {compiled && <PackageSummary data={compiled} />}
    </Card>
  );
}

function PackageSummary({ data }: { data: AccessPackage }) {
  const t = useT();
  return (
    <section aria-label={t('package.summary')}>
      <Heading level={3} data-size="xs">
        {t('package.summary')}
      </Heading>
      <Paragraph>{t('package.withheldTitle', { count: data.withheld.length })}</Paragraph>
      {data.withheld.length > 0 && (
        <ul>
          {data.withheld.map((record) => (
            <li key={`${record.type}-${record.id}`}>
              {t('package.withheldItem', { agency: record.heldBy.name, since: record.since, ask: record.ask })}
            </li>
          ))}
        </ul>
      )}
      <Table data-size="sm">
        <caption>{t('package.accesses', { count: data.accessLog.length })}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('package.when')}</Table.HeaderCell>
            <Table.HeaderCell>{t('package.who')}</Table.HeaderCell>
            <Table.HeaderCell>{t('package.action')}</Table.HeaderCell>
            <Table.HeaderCell>{t('package.outcome')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {data.accessLog.map((access, index) => (
            <Table.Row key={index}>
              <Table.Cell>
                <DateTime value={access.occurredAt} timeZone={data.timeZone} />
              </Table.Cell>
              <Table.Cell>
                {access.actor.name ?? t('package.system')}
                {access.actor.agency ? `, ${access.actor.agency.name}` : ''}
              </Table.Cell>
              <Table.Cell>{access.action}</Table.Cell>
              <Table.Cell>{t(`package.outcome.${access.outcome}`)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}

function Erasure({ subjectId }: { subjectId: string }) {
  const t = useT();
  const [ground, setGround] = useState<(typeof GROUNDS)[number]>('no_longer_necessary');
  const [reason, setReason] = useState('');
  const erase = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/subjects/{id}/erasure', { params: { path: { id: subjectId } }, body: { ground, reason } }),
      ),
  });
  const refusal = erase.error instanceof ApiError && erase.error.status === 422 ? erase.error : null;
  return (
    <Card data-color="neutral">
      <Heading level={2} data-size="sm">
        {t('erase.title')}
      </Heading>
      <Paragraph>{t('erase.explained')}</Paragraph>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          erase.mutate();
        }}
        noValidate
      >
        <SelectField
          id="erase-ground"
          label={t('erase.ground')}
          value={ground}
          onChange={(value) => setGround(value as (typeof GROUNDS)[number])}
          options={GROUNDS.map((each) => ({ value: each, label: t(`erase.ground.${each}`) }))}
        />
        <Textfield
          label={t('erase.reason')}
          description={t('erase.reasonHelp')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <div aria-live="polite">
          {refusal && (
            <Alert data-color="danger">
              <Paragraph>
                {refusal.code === 'legal-hold' ? t('erase.refusedHold') : t('erase.refusedOpen', openCounts(refusal))}
              </Paragraph>
            </Alert>
          )}
          {erase.error && !refusal && <ProblemAlert error={erase.error} />}
          {erase.isSuccess && (
            <Alert data-color="success">
              <Paragraph>{t('erase.done')}</Paragraph>
            </Alert>
          )}
        </div>
        <Button type="submit" data-color="danger" disabled={erase.isPending || erase.isSuccess}>
          {t('erase.submit')}
        </Button>
      </form>
    </Card>
  );
}

function openCounts(error: ApiError): { concerns: number; referrals: number; followUps: number } {
  const open = (error.problem.openRecords ?? {}) as Partial<Record<'concerns' | 'referrals' | 'followUps', unknown[]>>;
  return {
    concerns: open.concerns?.length ?? 0,
    referrals: open.referrals?.length ?? 0,
    followUps: open.followUps?.length ?? 0,
  };
}
