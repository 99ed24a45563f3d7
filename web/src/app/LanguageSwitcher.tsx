import { Button } from '@digdir/designsystemet-react';
import { api, call } from './api';
import { LOCALES, useLocale, useT, type Locale } from './i18n';
import { useSession } from './session';

/**
 * The languages, each named in its own language. Signed in, the choice is saved on the user's
 * account (PATCH /me), so it follows them to another computer.
 */
export function LanguageSwitcher() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { state, setMe } = useSession();

  async function choose(next: Locale) {
    setLocale(next);
    if (state.status !== 'signed-in') return;
    try {
      setMe(await call(api.PATCH('/api/v1/me', { body: { locale: next } })));
    } catch {
      // The screen already speaks the new language; the account keeps the old one until the next try.
    }
  }

  return (
    <div role="group" aria-label={t('language.label')} className="language-switcher">
      {LOCALES.map((option) => (
        <Button
          key={option}
          variant="tertiary"
          data-size="sm"
          lang={option}
          aria-pressed={option === locale}
          onClick={() => void choose(option)}
        >
          {t(`language.${option}`)}
        </Button>
      ))}
    </div>
  );
}
