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
} from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { LOCALES, useLocale, useT, type Locale } from '../app/i18n';
import { Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe, useSession } from '../app/session';

const FORM = 'second-factor';
const FIELDS = ['code'] as const;

/** The signed-in user's account, their language (kept on the account) and their second factor. */
export default function ProfilePage() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t('profile.title')}>
      <Card data-color="neutral">
        <Heading level={2} data-size="sm">
          {t('profile.details')}
        </Heading>
        <dl className="facts">
          <dt>{t('profile.name')}</dt>
          <dd>{me.name}</dd>
          <dt>{t('profile.email')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('profile.agency')}</dt>
          <dd>{me.agency.name}</dd>
          <dt>{t('profile.roles')}</dt>
          <dd>{me.roles.map((role) => t(`role.${role}`)).join(', ')}</dd>
          <dt>{t('profile.districts')}</dt>
          <dd>{me.districts.length ? me.districts.map((district) => district.name).join(', ') : t('profile.none')}</dd>
        </dl>
      </Card>
      <LanguageSetting />
      <SecondFactor />
    </Page>
  );
}

function LanguageSetting() {
  const t = useT();
  const me = useMe();
  const { setMe } = useSession();
  const { setLocale } = useLocale();
  const save = useMutation({
    mutationFn: (locale: Locale) => call(api.PATCH('/api/v1/me', { body: { locale } })),
    onSuccess: (updated) => {
      setMe(updated);
      setLocale(updated.locale);
    },
  });
  // After a conflict: the account as it is now, and the error gone.
  async function reload() {
    setMe(await call(api.GET('/api/v1/me')));
    save.reset();
  }

  return (
    <Card data-color="neutral">
      <Fieldset>
        <Fieldset.Legend>{t('profile.languageTitle')}</Fieldset.Legend>
        <Fieldset.Description>{t('profile.languageIntro')}</Fieldset.Description>
        {LOCALES.map((locale) => (
          <Radio
            key={locale}
            name="locale"
            value={locale}
            lang={locale}
            label={t(`language.${locale}`)}
            checked={me.locale === locale}
            disabled={save.isPending}
            onChange={() => save.mutate(locale)}
          />
        ))}
      </Fieldset>
      <div aria-live="polite">
        {save.isSuccess && <Paragraph data-size="sm">{t('profile.languageSaved')}</Paragraph>}
      </div>
      {save.isError && (
        <ProblemAlert
          error={save.error}
          onReload={() => void reload()}
          onRetry={() => save.variables !== undefined && save.mutate(save.variables)}
        />
      )}
    </Card>
  );
}

function SecondFactor() {
  const t = useT();
  const me = useMe();
  const { setMe } = useSession();
  const [code, setCode] = useState('');
  const { errors, setErrors, fromProblem, clear } = useFieldErrors(FIELDS);
  const disable = useMutation({
    mutationFn: async (value: string) => {
      await call(api.POST('/api/v1/auth/totp/disable', { body: { code: value } }));
      return call(api.GET('/api/v1/me'));
    },
    onSuccess: (updated) => {
      setCode('');
      setMe(updated);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500 && !fromProblem(error)) {
        setErrors({ code: t('enrol.invalidCode') });
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: t('signIn.totpRequired') });
      return;
    }
    disable.mutate(code.trim());
  }

  return (
    <Card data-color="neutral">
      <Heading level={2} data-size="sm">
        {t('profile.secondFactorTitle')}
      </Heading>
      {disable.isSuccess && <Alert data-color="success">{t('profile.secondFactorRemoved')}</Alert>}
      {me.mfaEnabled ? (
        <>
          <Paragraph>{t('profile.secondFactorOn')}</Paragraph>
          <FormErrorSummary form={FORM} errors={errors} labels={{ code: t('profile.secondFactorRemoveCode') }} />
          {disable.isError && !(disable.error instanceof ApiError && disable.error.status < 500) && (
            <ProblemAlert error={disable.error} />
          )}
          <form className="stack" noValidate onSubmit={submit}>
            <Textfield
              id={fieldId(FORM, 'code')}
              label={t('profile.secondFactorRemoveCode')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              error={errors.code}
            />
            <div>
              <Button type="submit" variant="secondary" data-color="danger" loading={disable.isPending}>
                {t('profile.secondFactorRemove')}
              </Button>
            </div>
          </form>
        </>
      ) : (
        <>
          <Paragraph>{t('profile.secondFactorOff')}</Paragraph>
          <Link asChild>
            <RouterLink to="/enrol">{t('profile.secondFactorSetUp')}</RouterLink>
          </Link>
        </>
      )}
    </Card>
  );
}
