import {
  Alert,
  Button,
  Card,
  Fieldset,
  Heading,
  Link,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { LOCALE_TAGS, useLocale, useT } from '../app/i18n';
import { Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';
import { SelectField } from './fields';
import { districtName, useFormat } from './format';
import { concernsKey, workKey } from './queries';
import { CATEGORIES, RISK_LEVELS, SOURCES, type Category, type RiskLevel, type Source } from './vocabulary';
import './work.css';

type Hit = Schemas['SubjectHitDto'];
type Candidate = Schemas['SubjectCandidateDto'];
type Created = Schemas['CreatedConcernDto'];

interface Chosen {
  id: string;
  name: string;
  duplicates: Candidate[];
}

const FIND = 'find';
const REGISTER = 'register';
const REGISTER_FIELDS = ['fullName', 'dateOfBirth', 'districtId'] as const;
const DETAILS = 'concern';
const DETAIL_FIELDS = ['category', 'riskLevel', 'narrative', 'source'] as const;

/** "Log a concern": find the young person (or register them), then say what the concern is. */
export default function LogConcernPage() {
  const t = useT();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  if (created) return <Logged created={created} onAnother={() => (setCreated(null), setChosen(null))} />;
  return (
    <Page title={t('log.title')}>
      <Paragraph>{t('log.intro')}</Paragraph>
      {chosen ? (
        <>
          <Card data-color="neutral">
            <Paragraph>{t('log.chosen', { name: chosen.name })}</Paragraph>
            {chosen.duplicates.length > 0 && <Duplicates candidates={chosen.duplicates} />}
            <div className="button-row">
              <Button variant="tertiary" data-size="sm" onClick={() => setChosen(null)}>
                {t('log.change')}
              </Button>
            </div>
          </Card>
          <ConcernDetails subjectId={chosen.id} onLogged={setCreated} />
        </>
      ) : (
        <FindPerson onChosen={setChosen} />
      )}
    </Page>
  );
}

function Duplicates({ candidates }: { candidates: Candidate[] }) {
  const t = useT();
  const me = useMe();
  return (
    <Alert data-color="info">
      <Heading level={2} data-size="xs">
        {t('log.duplicatesTitle')}
      </Heading>
      <Paragraph>{t('log.duplicates', { count: candidates.length })}</Paragraph>
      <ul>
        {candidates.map((candidate) => (
          <li key={candidate.id}>
            {t('log.duplicateItem', {
              pseudonym: candidate.pseudonym,
              district: districtName(me, candidate.districtId) ?? '–',
            })}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function FindPerson({ onChosen }: { onChosen: (chosen: Chosen) => void }) {
  const t = useT();
  const me = useMe();
  const format = useFormat();
  const { locale } = useLocale();
  const [name, setName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [registering, setRegistering] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>();
  const search = useMutation({
    mutationFn: (input: { query: string; dateOfBirth: string }) =>
      call(
        api.GET('/api/v1/subjects', {
          params: {
            query: {
              query: input.query,
              purpose: 'log_concern',
              limit: 10,
              ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}),
            },
          },
        }),
      ),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim().length < 2) {
      setNameError(t('log.searchTooShort'));
      return;
    }
    setNameError(undefined);
    setRegistering(false);
    search.mutate({ query: name.trim(), dateOfBirth });
  }

  const list = new Intl.ListFormat(LOCALE_TAGS[locale], { type: 'conjunction' });
  const matched = (hit: Hit) =>
    list.format(hit.matchedOn.map((what) => t(what === 'name' ? 'log.matchedName' : 'log.matchedDateOfBirth')));
  const label = (hit: Hit) =>
    hit.redacted || !hit.fullName ? t('log.hitRedacted', { pseudonym: hit.pseudonym }) : hit.fullName;

  return (
    <section aria-labelledby="find-heading" className="stack">
      <Heading level={2} data-size="sm" id="find-heading">
        {t('log.findTitle')}
      </Heading>
      <form className="stack" noValidate onSubmit={submit} role="search">
        <Textfield
          id={fieldId(FIND, 'name')}
          label={t('log.name')}
          description={t('log.nameHint')}
          value={name}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
          error={nameError}
        />
        <Textfield
          id={fieldId(FIND, 'dateOfBirth')}
          label={t('log.dateOfBirth')}
          type="date"
          value={dateOfBirth}
          onChange={(event) => setDateOfBirth(event.target.value)}
        />
        <div>
          <Button type="submit" loading={search.isPending}>
            {t('log.search')}
          </Button>
        </div>
      </form>
      {search.isError && <ProblemAlert error={search.error} />}
      {search.data && (
        <div aria-live="polite" className="stack">
          {search.data.items.length === 0 ? (
            <Paragraph>{t('log.noHits')}</Paragraph>
          ) : (
            <>
              <Heading level={3} data-size="xs">
                {t('log.results')}
              </Heading>
              <ul className="hits">
                {search.data.items.map((hit) => (
                  <li key={hit.id}>
                    <Card data-color="neutral">
                      <Paragraph>
                        <strong>{label(hit)}</strong>
                        {hit.dateOfBirth && `, ${t('log.bornOn', { date: format.date(hit.dateOfBirth) })}`}
                      </Paragraph>
                      <Paragraph data-size="sm">{t('log.matchedOn', { what: matched(hit) })}</Paragraph>
                      <div>
                        <Button
                          variant="secondary"
                          data-size="sm"
                          onClick={() => onChosen({ id: hit.id, name: label(hit), duplicates: [] })}
                        >
                          {t('log.choose', { name: label(hit) })}
                        </Button>
                      </div>
                    </Card>
                  </li>
                ))}
              </ul>
            </>
          )}
          {!registering && (
            <div>
              <Button variant="secondary" onClick={() => setRegistering(true)}>
                {t('log.registerNew')}
              </Button>
            </div>
          )}
        </div>
      )}
      {registering && (
        <RegisterPerson
          initialName={name.trim()}
          initialDate={dateOfBirth}
          districts={me.districts}
          onCancel={() => setRegistering(false)}
          onRegistered={onChosen}
        />
      )}
    </section>
  );
}

function RegisterPerson({
  initialName,
  initialDate,
  districts,
  onCancel,
  onRegistered,
}: {
  initialName: string;
  initialDate: string;
  districts: { id: string; name: string }[];
  onCancel: () => void;
  onRegistered: (chosen: Chosen) => void;
}) {
  const t = useT();
  const [fullName, setFullName] = useState(initialName);
  const [dateOfBirth, setDateOfBirth] = useState(initialDate);
  const [districtId, setDistrictId] = useState(districts.length === 1 ? districts[0].id : '');
  const { errors, setErrors, fromProblem } = useFieldErrors(REGISTER_FIELDS);
  const labels = { fullName: t('log.name'), dateOfBirth: t('log.dateOfBirth'), districtId: t('log.district') };
  const register = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/subjects', { body: { fullName: fullName.trim(), dateOfBirth, districtId } })),
    onSuccess: (subject) =>
      onRegistered({
        id: subject.id,
        name: subject.fullName ?? subject.pseudonym,
        duplicates: subject.possibleDuplicates,
      }),
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!fullName.trim()) found.fullName = t('log.nameRequired');
    if (!dateOfBirth) found.dateOfBirth = t('log.dateRequired');
    if (!districtId) found.districtId = t('log.districtRequired');
    setErrors(found);
    if (Object.keys(found).length === 0) register.mutate();
  }

  return (
    <Card data-color="neutral">
      <form className="stack" noValidate onSubmit={submit} aria-labelledby="register-heading">
        <Heading level={3} data-size="xs" id="register-heading">
          {t('log.registerTitle')}
        </Heading>
        <FormErrorSummary form={REGISTER} errors={errors} labels={labels} />
        {register.isError && !(register.error instanceof ApiError && register.error.problem.errors?.length) && (
          <ProblemAlert error={register.error} />
        )}
        <Textfield
          id={fieldId(REGISTER, 'fullName')}
          label={labels.fullName}
          value={fullName}
          autoComplete="off"
          onChange={(event) => setFullName(event.target.value)}
          error={errors.fullName}
        />
        <Textfield
          id={fieldId(REGISTER, 'dateOfBirth')}
          label={labels.dateOfBirth}
          type="date"
          value={dateOfBirth}
          onChange={(event) => setDateOfBirth(event.target.value)}
          error={errors.dateOfBirth}
        />
        <SelectField
          id={fieldId(REGISTER, 'districtId')}
          label={labels.districtId}
          value={districtId}
          onChange={setDistrictId}
          emptyLabel=""
          options={districts.map((district) => ({ value: district.id, label: district.name }))}
          error={errors.districtId}
        />
        <div className="button-row">
          <Button type="submit" loading={register.isPending}>
            {t('log.register')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('log.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ConcernDetails({ subjectId, onLogged }: { subjectId: string; onLogged: (created: Created) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<Category | ''>('');
  const [riskLevel, setRiskLevel] = useState<RiskLevel | ''>('');
  const [narrative, setNarrative] = useState('');
  const [source, setSource] = useState<Source | ''>('');
  const { errors, setErrors, fromProblem } = useFieldErrors(DETAIL_FIELDS);
  const labels = {
    category: t('log.category'),
    riskLevel: t('log.risk'),
    narrative: t('log.narrative'),
    source: t('log.source'),
  };
  const log = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/concerns', {
          body: {
            subjectId,
            category: category as Category,
            riskLevel: riskLevel as RiskLevel,
            narrative: narrative.trim(),
            source: source as Source,
          },
        }),
      ),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: concernsKey });
      void queryClient.invalidateQueries({ queryKey: workKey });
      onLogged(created);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) fromProblem(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!category) found.category = t('log.categoryRequired');
    if (!riskLevel) found.riskLevel = t('log.riskRequired');
    if (!narrative.trim()) found.narrative = t('log.narrativeRequired');
    if (!source) found.source = t('log.sourceRequired');
    setErrors(found);
    if (Object.keys(found).length === 0) log.mutate();
  }

  return (
    <section aria-labelledby="details-heading">
      <form className="stack" noValidate onSubmit={submit}>
        <Heading level={2} data-size="sm" id="details-heading">
          {t('log.detailsTitle')}
        </Heading>
        <FormErrorSummary form={DETAILS} errors={errors} labels={labels} />
        {log.isError && !(log.error instanceof ApiError && log.error.problem.errors?.length) && (
          <ProblemAlert error={log.error} onRetry={() => log.mutate()} />
        )}
        <SelectField
          id={fieldId(DETAILS, 'category')}
          label={labels.category}
          value={category}
          onChange={(value) => setCategory(value as Category)}
          emptyLabel=""
          options={CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))}
          error={errors.category}
        />
        <Fieldset id={fieldId(DETAILS, 'riskLevel')}>
          <Fieldset.Legend>{labels.riskLevel}</Fieldset.Legend>
          {RISK_LEVELS.map((value) => (
            <Radio
              key={value}
              name="riskLevel"
              value={value}
              label={t(`risk.${value}`)}
              checked={riskLevel === value}
              onChange={() => setRiskLevel(value)}
              aria-invalid={errors.riskLevel ? true : undefined}
            />
          ))}
          {errors.riskLevel && <ValidationMessage>{errors.riskLevel}</ValidationMessage>}
        </Fieldset>
        <div aria-live="assertive">
          {riskLevel === 'immediate_danger' && (
            <Alert data-color="danger">
              <Heading level={3} data-size="xs">
                {t('log.emergencyTitle')}
              </Heading>
              <Paragraph>{t('log.emergencyBody')}</Paragraph>
            </Alert>
          )}
        </div>
        <Textfield
          id={fieldId(DETAILS, 'narrative')}
          label={labels.narrative}
          description={t('log.narrativeHint')}
          multiline
          rows={6}
          value={narrative}
          onChange={(event) => setNarrative(event.target.value)}
          error={errors.narrative}
        />
        <SelectField
          id={fieldId(DETAILS, 'source')}
          label={labels.source}
          value={source}
          onChange={(value) => setSource(value as Source)}
          emptyLabel=""
          options={SOURCES.map((value) => ({ value, label: t(`source.${value}`) }))}
          error={errors.source}
        />
        <div>
          <Button type="submit" loading={log.isPending}>
            {t('log.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Logged({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const t = useT();
  return (
    <Page title={t('log.loggedTitle')}>
      <Alert data-color="success">
        <Paragraph>{t('log.logged')}</Paragraph>
      </Alert>
      {created.emergency && (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t('log.emergencyTitle')}
          </Heading>
          <Paragraph>
            {created.emergency.policeAlerted && created.emergency.policeAgency
              ? t('log.policeAlerted', { agency: created.emergency.policeAgency.name })
              : t('log.policeNotAlerted')}
          </Paragraph>
          <Paragraph>{t('log.emergencyBody')}</Paragraph>
        </Alert>
      )}
      <div className="button-row">
        <Link asChild>
          <RouterLink to={`/concerns/${created.id}`}>{t('log.open')}</RouterLink>
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          {t('log.another')}
        </Button>
      </div>
    </Page>
  );
}
