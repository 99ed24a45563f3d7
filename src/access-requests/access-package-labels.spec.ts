import { AGENCY_KINDS } from '../agencies/agency-kind';
import { CONCERN_CATEGORIES, CONCERN_STATUSES, RISK_LEVELS } from '../concerns/concern-vocabulary';
import { LEGAL_BASES, REFERRAL_OUTCOMES, REFERRAL_STATUSES } from '../referrals/referral-vocabulary';
import { ROLES } from '../users/role';
import { fill, PACKAGE_LABELS } from './access-package-labels';
import { PACKAGE_LANGUAGES, WITHHELD_TYPES } from './access-package-vocabulary';
import { WORD_KEYS, wordFor } from './access-package-words';

describe('the access package’s labels', () => {
  const keys = Object.keys(PACKAGE_LABELS.en).sort();

  it.each(PACKAGE_LANGUAGES)('has every label in %s, none empty', (language) => {
    const labels = PACKAGE_LABELS[language] as unknown as Record<string, unknown>;
    expect(Object.keys(labels).sort()).toEqual(keys);
    const empty = keys.filter((key) => typeof labels[key] !== 'string' || labels[key].trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(PACKAGE_LANGUAGES)('keeps the footer’s placeholders in %s', (language) => {
    const footer = PACKAGE_LABELS[language].footer;
    for (const placeholder of ['{name}', '{n}', '{total}']) expect(footer).toContain(placeholder);
  });

  it('has its own title in each language (none is another’s copied)', () => {
    const titles = PACKAGE_LANGUAGES.map((language) => PACKAGE_LABELS[language].title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(fill('Side {n} av {total} {x}', { n: 1, total: 3 })).toBe('Side 1 av 3 {x}');
  });
});

describe('the access package’s words for values', () => {
  it('has every value in every language, none empty', () => {
    for (const key of WORD_KEYS) {
      for (const language of PACKAGE_LANGUAGES) expect(wordFor(key, language).trim()).not.toBe('');
    }
  });

  it('covers every category, risk, legal basis, referral status and agency kind', () => {
    const values = [
      ...CONCERN_CATEGORIES,
      ...RISK_LEVELS,
      ...CONCERN_STATUSES,
      ...LEGAL_BASES,
      ...REFERRAL_STATUSES,
      ...REFERRAL_OUTCOMES,
      ...AGENCY_KINDS,
      ...WITHHELD_TYPES,
      ...ROLES,
    ];
    expect(values.filter((value) => !WORD_KEYS.includes(value))).toEqual([]);
    expect(wordFor('hate_crime', 'nb')).toBe('hatkriminalitet');
    expect(wordFor('statutory_duty', 'fi')).toBe('lakisääteinen velvollisuus');
    expect(wordFor('not_in_the_catalogue', 'sv')).toBe('not in the catalogue');
  });
});
