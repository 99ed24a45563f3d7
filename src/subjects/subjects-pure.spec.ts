import { nameKey } from './name-key';
import { isMinor, newPseudonym } from './pseudonym';

describe('nameKey', () => {
  it.each([
    ['Søren Ødegård', 'soren odegard'],
    ['SØREN ODEGAARD', 'soren odegaard'],
    ['Ærlig Åsmund', 'aerlig asmund'],
    ['Mäkinen Jörö', 'makinen joro'],
    ['José  García-Pérez', 'jose garcia perez'],
    ['Ahmed Al-Hassan', 'ahmed al hassan'],
    ['  Ayaan   Maxamed ', 'ayaan maxamed'],
    ['محمد علي', 'محمد علي'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe('pseudonyms', () => {
  it('look like S- and six unambiguous characters, and do not repeat', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newPseudonym()));
    expect(seen.size).toBe(2000);
    for (const pseudonym of seen) expect(pseudonym).toMatch(/^S-[0-9A-HJKMNP-TV-Z]{6}$/);
  });
});

describe('isMinor', () => {
  const on = new Date('2026-11-24T12:00:00Z');
  it.each([
    ['2008-11-25', true],
    ['2008-11-24', false],
    ['2008-11-23', false],
    ['2015-02-28', true],
    ['1990-01-01', false],
  ])('born %s: %s on 24 November 2026', (dateOfBirth, minor) => {
    expect(isMinor(dateOfBirth, on)).toBe(minor);
  });
});
