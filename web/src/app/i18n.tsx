import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en, type MessageKey, type Messages } from './messages/en';
import { nb } from './messages/nb';

export const LOCALES = ['nb', 'sv', 'da', 'fi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Bokmål and English come with the first download; the other languages are fetched when chosen. */
const BUNDLED: Partial<Record<Locale, Messages>> = { nb, en };
const LOADERS: Record<Locale, () => Promise<Messages>> = {
  nb: () => Promise.resolve(nb),
  en: () => Promise.resolve(en),
  sv: () => import('./messages/sv').then((module) => module.sv),
  da: () => import('./messages/da').then((module) => module.da),
  fi: () => import('./messages/fi').then((module) => module.fi),
};

/** The BCP 47 tag each language's dates, numbers and lists are written in. */
export const LOCALE_TAGS: Record<Locale, string> = { nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', fi: 'fi-FI', en: 'en-GB' };

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
  const [requested, setRequested] = useState<Locale>(initialLocale);
  const [catalogues, setCatalogues] = useState(BUNDLED);
  // The language on screen: the one asked for once its catalogue is here, the one before until then.
  const [shown, setShown] = useState<Locale | null>(BUNDLED[requested] ? requested : null);
  const setLocale = useCallback((next: Locale) => {
    setRequested(next);
    window.localStorage.setItem(STORED_LOCALE, next);
  }, []);
  useEffect(() => {
    if (catalogues[requested]) {
      setShown(requested);
      return;
    }
    let current = true;
    void LOADERS[requested]().then((messages) => {
      if (current) setCatalogues((loaded) => ({ ...loaded, [requested]: messages }));
    });
    return () => {
      current = false;
    };
  }, [requested, catalogues]);
  useEffect(() => {
    if (shown) document.documentElement.lang = shown;
  }, [shown]);
  const value = useMemo(() => (shown ? { locale: shown, setLocale } : null), [shown, setLocale]);
  const messages = shown ? catalogues[shown] : undefined;
  if (!value || !messages) return null;
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={value.locale} messages={messages} defaultLocale="en">
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
