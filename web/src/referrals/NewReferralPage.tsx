import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  Link,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { NotFoundPage } from '../app/NotFoundPage';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from '../concerns/fields';
import { timeZoneOf, useFormat } from '../concerns/format';
import { concernsKey, useConcern, workKey } from '../concerns/queries';
import { personOf, type Concern } from '../concerns/vocabulary';
import '../concerns/work.css';
import './referrals.css';
import { addDays, endOfDay, todayIn } from './dates';
import { referralProblems } from './problems';
import {
  consentsKey,
  LEGAL_BASES,
  referralsKey,
  useAgencies,
  useConsents,
  type Agency,
  type Consent,
  type LegalBasis,
} from './queries';

const FORM = 'refer';
const FIELDS = [
  'toAgencyId',
  'programme',
  'legalBasis',
  'consentId',
  'reason',
  'reviewDate',
  'givenBy',
  'guardianName',
  'purpose',
  'agencyIds',
  'validUntil',
] as const;

/** From this age a young person may consent alone (the API's default rule; it says so when it differs). */
export const CONSENT_AGE = 15;

/** The age a subject has reached today, from the date of birth where the reader sees it, else the birth year. */
function ageOf(concern: Concern, today: string): number | null {
  const subject = concern.subject;
  if (!subject) return null;
  if (subject.dateOfBirth) {
    const [y, m, d] = subject.dateOfBirth.split('-').map(Number);
    const [ty, tm, td] = today.split('-').map(Number);
    return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  }
  return subject.birthYear ? Number(today.slice(0, 4)) - subject.birthYear : null;
}

/** Creating a referral from a concern triaged `refer`. */
export default function NewReferralPage() {
  const { id = '' } = useParams();
  const t = useT();
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const concern = useConcern(id);
  if (!valid) return <NotFoundPage />;
  if (concern.isPending) return <Loading />;
  if (concern.isError) {
    return (
      <Page title={t('referral.newTitle')}>
        <ProblemAlert error={concern.error} onRetry={() => void concern.refetch()} />
      </Page>
    );
  }
  return <ReferralForm concern={concern.data} />;
}

function ReferralForm({ concern }: { concern: Concern }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const agencies = useAgencies();
  const subjectId = concern.subject?.id ?? '';
  const consents = useConsents(subjectId);
  const timeZone = timeZoneOf(me, concern.districtId);
  const today = todayIn(timeZone);

  const [toAgencyId, setToAgencyId] = useState('');
  const [programme, setProgramme] = useState('');
  const [legalBasis, setLegalBasis] = useState<LegalBasis | ''>('');
  const [reason, setReason] = useState('');
  const [reviewDate, setReviewDate] = useState(addDays(today, 28));
  const [consentMode, setConsentMode] = useState<'existing' | 'new'>('existing');
  const [consentId, setConsentId] = useState('');
  const age = ageOf(concern, today);
  const minor = age !== null && age < CONSENT_AGE;
  const [givenBy, setGivenBy] = useState<'subject' | 'guardian'>(minor ? 'guardian' : 'subject');
  const [guardianName, setGuardianName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [consentAgencies, setConsentAgencies] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState('');
  const { errors, setErrors } = useFieldErrors(FIELDS);

  const agencyById = useMemo(
    () => new Map((agencies.data ?? []).map((agency) => [agency.id, agency])),
    [agencies.data],
  );
  const recipient = agencyById.get(toAgencyId);
  const inForce = (consents.data?.items ?? []).filter((consent) => consent.active);
  // Those naming the receiving agency first: they are the ones a referral on consent may rest on.
  const ordered = [...inForce].sort(
    (a, b) => Number(b.agencyIds.includes(toAgencyId)) - Number(a.agencyIds.includes(toAgencyId)),
  );
  const namesOf = (consent: Consent) =>
    consent.agencyIds.map((agencyId) => agencyById.get(agencyId)?.name ?? t('referral.unknownAgency')).join(', ');

  const labels: Record<string, string> = {
    toAgencyId: t('referral.toAgency'),
    programme: t('referral.programme'),
    legalBasis: t('referral.legalBasis'),
    consentId: t('referral.consent'),
    reason: t('referral.reason'),
    reviewDate: t('referral.reviewDate'),
    givenBy: t('consent.givenBy'),
    guardianName: t('consent.guardianName'),
    purpose: t('consent.purpose'),
    agencyIds: t('consent.agencies'),
    validUntil: t('consent.validUntil'),
  };

  const create = useMutation({
    mutationFn: async () => {
      let basisConsent = consentId;
      if (legalBasis === 'consent' && consentMode === 'new') {
        const recorded = await call(
          api.POST('/api/v1/consents', {
            body: {
              subjectId,
              givenBy,
              ...(givenBy === 'guardian' ? { guardianName: guardianName.trim() } : {}),
              agencyIds: consentAgencies,
              purpose: purpose.trim(),
              ...(validUntil ? { validUntil: endOfDay(validUntil, timeZone) } : {}),
            },
          }),
        );
        // Recorded once: if the referral is then refused, the form goes on with this consent picked.
        basisConsent = recorded.id;
        setConsentId(recorded.id);
        setConsentMode('existing');
        void queryClient.invalidateQueries({ queryKey: consentsKey });
      }
      return call(
        api.POST('/api/v1/referrals', {
          body: {
            concernId: concern.id,
            toAgencyId,
            ...(programme.trim() ? { programme: programme.trim() } : {}),
            legalBasis: legalBasis as LegalBasis,
            ...(legalBasis === 'consent' ? { consentId: basisConsent } : {}),
            reason: reason.trim(),
            reviewDate,
          },
        }),
      );
    },
    onSuccess: (referral) => {
      void queryClient.invalidateQueries({ queryKey: referralsKey });
      void queryClient.invalidateQueries({ queryKey: concernsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
      void navigate(`/referrals/${referral.id}`, { state: { created: true } });
    },
    onError: (error) => {
      const mapped = referralProblems(error, recipient?.name ?? '', t);
      if (mapped) setErrors(mapped);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!toAgencyId) missing.toAgencyId = t('referral.toAgencyRequired');
    if (!legalBasis) missing.legalBasis = t('referral.legalBasisRequired');
    if (!reason.trim()) missing.reason = t('referral.reasonRequired');
    if (!reviewDate) missing.reviewDate = t('referral.reviewDateRequired');
    else if (reviewDate <= today) missing.reviewDate = t('referral.problem.reviewDateFuture');
    if (legalBasis === 'consent' && consentMode === 'existing' && !consentId)
      missing.consentId = t('referral.consentRequired');
    if (legalBasis === 'consent' && consentMode === 'new') {
      if (givenBy === 'guardian' && !guardianName.trim()) missing.guardianName = t('consent.problem.guardianName');
      if (givenBy === 'subject' && minor) missing.givenBy = t('consent.problem.guardianRequired');
      if (!purpose.trim()) missing.purpose = t('consent.purposeRequired');
      if (consentAgencies.length === 0) missing.agencyIds = t('consent.agenciesRequired');
      if (validUntil && validUntil <= today) missing.validUntil = t('consent.problem.validUntilFuture');
    }
    setErrors(missing);
    if (Object.keys(missing).length === 0) create.mutate();
  }

  function chooseAgency(value: string) {
    setToAgencyId(value);
    // A consent recorded now names the receiving agency unless the coordinator says otherwise.
    if (value && !consentAgencies.includes(value)) setConsentAgencies([...consentAgencies, value]);
  }

  if (!concern.subject) {
    return (
      <Page title={t('referral.newTitle')}>
        <Alert data-color="warning">
          <Paragraph>{t('referral.noSubject')}</Paragraph>
        </Alert>
      </Page>
    );
  }
  const triagedRefer = concern.triage?.outcome === 'refer';
  // Refusals said by the fields (422s, a referral already open to the agency) are not said twice.
  const unmapped =
    create.isError &&
    !(create.error instanceof ApiError && (create.error.status === 422 || create.error.code === 'duplicate-referral'));
  const agencyOptions = (agencies.data ?? []).map((agency: Agency) => ({
    value: agency.id,
    label: `${agency.name} (${t(`agencyKind.${agency.kind}`)})`,
  }));

  return (
    <Page title={t('referral.newTitle')}>
      <Paragraph>
        {t('referral.newIntro', { person: personOf(concern), pseudonym: concern.pseudonym })}{' '}
        <Link asChild>
          <RouterLink to={`/concerns/${concern.id}`}>{t('referral.backToConcern')}</RouterLink>
        </Link>
      </Paragraph>
      {!triagedRefer && (
        <Alert data-color="warning">
          <Paragraph>{t('referral.problem.notTriaged')}</Paragraph>
        </Alert>
      )}
      {agencies.isError && <ProblemAlert error={agencies.error} onRetry={() => void agencies.refetch()} />}
      <form className="stack" noValidate onSubmit={submit} aria-labelledby="refer-heading">
        <Heading level={2} data-size="sm" id="refer-heading">
          {t('referral.formTitle')}
        </Heading>
        <FormErrorSummary form={FORM} errors={errors} labels={labels} />
        {unmapped && (
          <ProblemAlert
            error={create.error}
            onRetry={() => create.mutate()}
            onReload={() => void queryClient.invalidateQueries({ queryKey: concernsKey })}
          />
        )}
        <SelectField
          id={fieldId(FORM, 'toAgencyId')}
          label={labels.toAgencyId}
          value={toAgencyId}
          onChange={chooseAgency}
          emptyLabel=""
          options={agencyOptions}
          error={errors.toAgencyId}
        />
        <Textfield
          id={fieldId(FORM, 'programme')}
          label={labels.programme}
          description={t('referral.programmeHint')}
          value={programme}
          onChange={(event) => setProgramme(event.target.value)}
          error={errors.programme}
        />
        <Fieldset id={fieldId(FORM, 'legalBasis')}>
          <Fieldset.Legend>{labels.legalBasis}</Fieldset.Legend>
          {LEGAL_BASES.map((basis) => (
            <Radio
              key={basis}
              name="legalBasis"
              value={basis}
              label={t(`legalBasis.${basis}`)}
              description={t(`legalBasis.${basis}.explained`)}
              checked={legalBasis === basis}
              onChange={() => setLegalBasis(basis)}
              aria-invalid={errors.legalBasis ? true : undefined}
            />
          ))}
          {errors.legalBasis && <ValidationMessage>{errors.legalBasis}</ValidationMessage>}
        </Fieldset>

        {legalBasis === 'consent' && (
          <Card data-color="neutral" className="stack">
            <Fieldset id={fieldId(FORM, 'consentMode')}>
              <Fieldset.Legend>{t('referral.consentSource')}</Fieldset.Legend>
              <Radio
                name="consentMode"
                value="existing"
                label={t('referral.consentExisting')}
                checked={consentMode === 'existing'}
                onChange={() => setConsentMode('existing')}
              />
              <Radio
                name="consentMode"
                value="new"
                label={t('referral.consentNew')}
                checked={consentMode === 'new'}
                onChange={() => setConsentMode('new')}
              />
            </Fieldset>
            {consentMode === 'existing' && (
              <Fieldset id={fieldId(FORM, 'consentId')}>
                <Fieldset.Legend>{labels.consentId}</Fieldset.Legend>
                {consents.isPending && <Loading />}
                {consents.isError && <ProblemAlert error={consents.error} onRetry={() => void consents.refetch()} />}
                {consents.isSuccess && ordered.length === 0 && <Paragraph>{t('referral.noConsents')}</Paragraph>}
                {ordered.map((consent) => (
                  <Radio
                    key={consent.id}
                    name="consentId"
                    value={consent.id}
                    label={t('referral.consentOption', {
                      purpose: consent.purpose,
                      date: format.dateTime(consent.givenAt, concern.districtId),
                    })}
                    description={`${t(consent.givenBy === 'guardian' ? 'consent.byGuardian' : 'consent.bySubject', {
                      name: consent.guardianName ?? '',
                    })}. ${t('consent.names', { agencies: namesOf(consent) })}${
                      toAgencyId && !consent.agencyIds.includes(toAgencyId)
                        ? ` ${t('referral.consentDoesNotName', { agency: recipient?.name ?? '' })}`
                        : ''
                    }`}
                    checked={consentId === consent.id}
                    onChange={() => setConsentId(consent.id)}
                    aria-invalid={errors.consentId ? true : undefined}
                  />
                ))}
                {errors.consentId && <ValidationMessage>{errors.consentId}</ValidationMessage>}
              </Fieldset>
            )}
            {consentMode === 'new' && (
              <>
                {minor && (
                  <Alert data-color="info">
                    <Paragraph>{t('consent.minor', { age: CONSENT_AGE })}</Paragraph>
                  </Alert>
                )}
                <Fieldset id={fieldId(FORM, 'givenBy')}>
                  <Fieldset.Legend>{labels.givenBy}</Fieldset.Legend>
                  <Radio
                    name="givenBy"
                    value="subject"
                    label={t('consent.givenBy.subject')}
                    checked={givenBy === 'subject'}
                    onChange={() => setGivenBy('subject')}
                    aria-invalid={errors.givenBy ? true : undefined}
                  />
                  <Radio
                    name="givenBy"
                    value="guardian"
                    label={t('consent.givenBy.guardian')}
                    checked={givenBy === 'guardian'}
                    onChange={() => setGivenBy('guardian')}
                  />
                  {errors.givenBy && <ValidationMessage>{errors.givenBy}</ValidationMessage>}
                </Fieldset>
                {givenBy === 'guardian' && (
                  <Textfield
                    id={fieldId(FORM, 'guardianName')}
                    label={labels.guardianName}
                    value={guardianName}
                    onChange={(event) => setGuardianName(event.target.value)}
                    error={errors.guardianName}
                  />
                )}
                <Textfield
                  id={fieldId(FORM, 'purpose')}
                  label={labels.purpose}
                  description={t('consent.purposeHint')}
                  multiline
                  rows={2}
                  value={purpose}
                  onChange={(event) => setPurpose(event.target.value)}
                  error={errors.purpose}
                />
                <Fieldset id={fieldId(FORM, 'agencyIds')}>
                  <Fieldset.Legend>{labels.agencyIds}</Fieldset.Legend>
                  <Fieldset.Description>{t('consent.agenciesHint')}</Fieldset.Description>
                  <div className="checkbox-columns">
                    {(agencies.data ?? []).map((agency) => (
                      <Checkbox
                        key={agency.id}
                        value={agency.id}
                        label={agency.name}
                        checked={consentAgencies.includes(agency.id)}
                        onChange={(event) =>
                          setConsentAgencies(
                            event.target.checked
                              ? [...consentAgencies, agency.id]
                              : consentAgencies.filter((chosen) => chosen !== agency.id),
                          )
                        }
                        aria-invalid={errors.agencyIds ? true : undefined}
                      />
                    ))}
                  </div>
                  {errors.agencyIds && <ValidationMessage>{errors.agencyIds}</ValidationMessage>}
                </Fieldset>
                <Textfield
                  id={fieldId(FORM, 'validUntil')}
                  label={labels.validUntil}
                  description={t('consent.validUntilHint')}
                  type="date"
                  value={validUntil}
                  onChange={(event) => setValidUntil(event.target.value)}
                  error={errors.validUntil}
                />
              </>
            )}
          </Card>
        )}

        <Textfield
          id={fieldId(FORM, 'reason')}
          label={labels.reason}
          description={t('referral.reasonHint')}
          multiline
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
        <Textfield
          id={fieldId(FORM, 'reviewDate')}
          label={labels.reviewDate}
          description={t('referral.reviewDateHint')}
          type="date"
          value={reviewDate}
          onChange={(event) => setReviewDate(event.target.value)}
          error={errors.reviewDate}
        />
        <div>
          <Button type="submit" loading={create.isPending}>
            {t('referral.submit')}
          </Button>
        </div>
      </form>
    </Page>
  );
}
