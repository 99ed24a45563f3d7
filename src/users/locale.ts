/** The languages the web app speaks; a user's choice is kept on the account (`users.locale`). */
export const LOCALES = ['nb', 'en', 'sv', 'da', 'fi'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language of a new account until its user picks one. */
export const DEFAULT_LOCALE: Locale = 'nb';
