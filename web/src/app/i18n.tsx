import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en, type MessageKey, type Messages } from './messages/en';
import { nb } from './messages/nb';
import { sv } from './messages/sv';
import { da } from './messages/da';
import { fi } from './messages/fi';

export const LOCALES = ['nb', 'sv', 'da', 'fi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGUES: Record<Locale, Messages> = { nb, sv, da, fi, en };

/** A preference about the device, not about a person: the language of the sign-in page before anyone signs in. */
const STORED_LOCALE = 'samvirke.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function initialLocale(): Locale {
  const stored = window.localStorage.getItem(STORED_LOCALE);
  if (isLocale(stored)) return stored;
  const preferred = navigator.languages.map((tag) => tag.toLowerCase().split('-')[0]);
  for (const language of preferred) {
    if (language === 'nb' || language === 'no' || language === 'nn') return 'nb';
    if (language === 'sv' || language === 'da' || language === 'fi' || language === 'en') return language;
  }
  return 'nb';
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    window.localStorage.setItem(STORED_LOCALE, next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={CATALOGUES[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside I18nProvider');
  return value;
}

export { isLocale };

export type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;

/** Every string on screen comes through here, by a key of the catalogue. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
}
