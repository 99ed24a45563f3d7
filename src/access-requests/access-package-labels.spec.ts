import { fill, PACKAGE_LABELS } from './access-package-labels';
import { PACKAGE_LANGUAGES } from './access-package-vocabulary';

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
