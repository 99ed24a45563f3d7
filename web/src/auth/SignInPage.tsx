import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../app/api';
import type { SignInState } from '../app/App';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { LanguageSwitcher } from '../app/LanguageSwitcher';
import { Loading } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useSession } from '../app/session';

const FORM = 'sign-in';
const FIELDS = ['email', 'password', 'totp'] as const;

/** E-mail and password, then (for an account with a second factor) the code from the authenticator app. */
export function SignInPage() {
  const t = useT();
  const { state, signIn } = useSession();
  const location = useLocation();
  const arrived = (location.state ?? {}) as SignInState;
  const [step, setStep] = useState<'credentials' | 'totp'>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, setErrors, fromProblem, clear } = useFieldErrors(FIELDS);

  useEffect(() => {
    document.title = `${t('signIn.title')} – ${t('app.name')}`;
  }, [t]);

  if (state.status === 'restoring') return <Loading />;
  if (state.status === 'signed-in') return <Navigate to={arrived.from ?? '/'} replace />;

  const labels = { email: t('signIn.email'), password: t('signIn.password'), totp: t('signIn.totp') };

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setRefusal(null);
    setFailure(null);
    const missing: Record<string, string> = {};
    if (step === 'credentials') {
      if (!email.trim()) missing.email = t('signIn.emailRequired');
      if (!password) missing.password = t('signIn.passwordRequired');
    } else if (!/^\d{6}$/.test(totp.trim())) {
      missing.totp = t('signIn.totpRequired');
    }
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    try {
      await signIn(email.trim(), password, step === 'totp' ? totp.trim() : undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp-required') {
        setStep('totp');
      } else if (error instanceof ApiError && error.code === 'invalid-credentials') {
        setRefusal(t('signIn.invalidCredentials'));
      } else if (error instanceof ApiError && error.code === 'invalid-totp') {
        setErrors({ totp: t('signIn.invalidTotp') });
        setTotp('');
      } else if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds) {
        setRefusal(t('signIn.locked', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }));
      } else if (!fromProblem(error)) {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  function startOver() {
    setStep('credentials');
    setTotp('');
    setPassword('');
    clear();
    setRefusal(null);
  }

  return (
    <main id="main" className="narrow">
      <div className="stack">
        <LanguageSwitcher />
        <Heading level={1} data-size="lg">
          {step === 'credentials' ? t('signIn.title') : t('signIn.totpTitle')}
        </Heading>
        {arrived.reason === 'expired' && <Alert data-color="warning">{t('signIn.expired')}</Alert>}
        {arrived.reason === 'signed-out' && <Alert data-color="info">{t('signIn.signedOut')}</Alert>}
        <Paragraph>{step === 'credentials' ? t('signIn.intro') : t('signIn.totpIntro')}</Paragraph>
        {refusal && (
          <Alert data-color="danger" role="alert">
            {refusal}
          </Alert>
        )}
        {failure !== null && <ProblemAlert error={failure} />}
        <FormErrorSummary form={FORM} errors={errors} labels={labels} />
        <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
          {step === 'credentials' ? (
            <>
              <Textfield
                id={fieldId(FORM, 'email')}
                label={labels.email}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                error={errors.email}
              />
              <Textfield
                id={fieldId(FORM, 'password')}
                label={labels.password}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                error={errors.password}
              />
              <Button type="submit" loading={busy}>
                {t('signIn.submit')}
              </Button>
            </>
          ) : (
            <>
              <Textfield
                id={fieldId(FORM, 'totp')}
                label={labels.totp}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                value={totp}
                onChange={(event) => setTotp(event.target.value)}
                error={errors.totp}
              />
              <div className="button-row">
                <Button type="submit" loading={busy}>
                  {t('signIn.totpSubmit')}
                </Button>
                <Button type="button" variant="tertiary" onClick={startOver}>
                  {t('signIn.back')}
                </Button>
              </div>
            </>
          )}
        </form>
      </div>
    </main>
  );
}
