/** Letters that Unicode does not decompose into a base letter and a mark. */
const FOLDS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i' };

/**
 * A name folded for comparison: lower case, diacritics removed (å→a, ä→a, ö→o, é→e),
 * Nordic letters folded (ø→o, æ→ae), punctuation and extra spaces dropped. Søren,
 * Soren and SØREN all fold to "soren", so duplicates are found across spellings.
 */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[øæœßđðþłı]/g, (letter) => FOLDS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
