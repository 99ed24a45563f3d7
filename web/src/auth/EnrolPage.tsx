import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { toDataURL } from 'qrcode';
import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../app/api';
import { fieldId, FormErrorSummary, useFieldErrors } from '../app/forms';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe, useSession } from '../app/session';

const FORM = 'enrol';
const FIELDS = ['code'] as const;

/**
 * Setting up the second factor: a QR code and the same secret as text, then one code to confirm.
 * The factor counts from the next sign-in, so the user then signs in again with a code. When a
 * second factor is enforced for their role, this is the only screen open to them until then.
 */
export default function EnrolPage() {
  const t = useT();
  const me = useMe();
  const { signOut } = useSession();
  const [code, setCode] = useState('');
  const { errors, setErrors, fromProblem, clear } = useFieldErrors(FIELDS);

  // Each start of enrolment makes a new secret: start once per visit, never again in the background.
  const enrolment = useQuery({
    queryKey: ['totp-enrolment'],
    queryFn: async () => {
      const started = await call(api.POST('/api/v1/auth/totp/enrol'));
      return { ...started, qr: await toDataURL(started.otpauthUrl, { margin: 1, width: 192 }) };
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const confirm = useMutation({
    mutationFn: (value: string) => call(api.POST('/api/v1/auth/totp/confirm', { body: { code: value } })),
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422 || error.status === 401)) {
        if (!fromProblem(error)) setErrors({ code: t('enrol.invalidCode') });
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
    confirm.mutate(code.trim());
  }

  const labels = { code: t('enrol.code') };

  if (confirm.isSuccess) {
    return (
      <Page title={t('enrol.title')}>
        <Alert data-color="success">{t('enrol.done')}</Alert>
        <div>
          <Button onClick={() => void signOut('signed-out')}>{t('enrol.signInAgain')}</Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('enrol.title')}>
      {me.secondFactorRequired && <Alert data-color="warning">{t('enrol.required')}</Alert>}
      {enrolment.isPending && <Loading />}
      {enrolment.isError && <ProblemAlert error={enrolment.error} onRetry={() => void enrolment.refetch()} />}
      {enrolment.data && (
        <section className="stack" aria-labelledby="enrol-scan">
          <Heading level={2} data-size="sm" id="enrol-scan">
            {t('enrol.step1')}
          </Heading>
          <img className="qr" src={enrolment.data.qr} alt={t('enrol.qrAlt')} />
          <Paragraph>{t('enrol.secretLabel')}</Paragraph>
          <Paragraph className="secret" data-testid="totp-secret">
            {enrolment.data.secret}
          </Paragraph>
          <Heading level={2} data-size="sm">
            {t('enrol.step2')}
          </Heading>
          <FormErrorSummary form={FORM} errors={errors} labels={labels} />
          {confirm.isError && !(confirm.error instanceof ApiError && confirm.error.status < 500) && (
            <ProblemAlert error={confirm.error} />
          )}
          <form className="stack" noValidate onSubmit={submit}>
            <Textfield
              id={fieldId(FORM, 'code')}
              label={labels.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              error={errors.code}
            />
            <div>
              <Button type="submit" loading={confirm.isPending}>
                {t('enrol.confirm')}
              </Button>
            </div>
          </form>
        </section>
      )}
    </Page>
  );
}
