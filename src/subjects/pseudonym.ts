import { randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so a pseudonym read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;

/** A fresh random pseudonym such as `S-7K3Q9M`: 30 bits from the system's CSPRNG, unrelated to name or id. */
export function newPseudonym(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `S-${code}`;
}

/** Whole years of age on `on` for an ISO date of birth. */
export function ageOn(dateOfBirth: string, on: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const today = [on.getUTCFullYear(), on.getUTCMonth() + 1, on.getUTCDate()] as const;
  const hadBirthday = today[1] > month || (today[1] === month && today[2] >= day);
  return today[0] - year - (hadBirthday ? 0 : 1);
}

/** Under 18 on `on` (the Clock's now, for an answer). */
export function isMinor(dateOfBirth: string, on: Date): boolean {
  return ageOn(dateOfBirth, on) < 18;
}

/** Under 18 on `on` judged from the birth year alone (an anonymised subject): under 18 until the year they turn 18 ends. */
export function isMinorByYear(birthYear: number, on: Date): boolean {
  return on.getUTCFullYear() - birthYear <= 18;
}
