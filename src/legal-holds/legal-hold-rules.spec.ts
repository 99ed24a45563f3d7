import { positionalBinder } from '../access/shares';
import { LEGAL_HOLD_MAX_YEARS, legalHoldIsActive, legalHoldProblems, subjectIsHeld } from './legal-hold-rules';

const NOW = new Date('2027-03-01T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('legal hold rules', () => {
  it('is active while not lifted and before its end, and lapses at its end with nobody lifting it', () => {
    expect(legalHoldIsActive.holds({ liftedAt: null, until: later(1000) }, NOW)).toBe(true);
    expect(legalHoldIsActive.holds({ liftedAt: null, until: NOW }, NOW)).toBe(false);
    expect(legalHoldIsActive.holds({ liftedAt: null, until: later(-1) }, NOW)).toBe(false);
    expect(legalHoldIsActive.holds({ liftedAt: later(-1000), until: later(1000) }, NOW)).toBe(false);
  });

  it('says the same in SQL, with the time bound and nothing typed in', () => {
    const { param, values } = positionalBinder();
    expect(legalHoldIsActive.sql('h', NOW, param)).toBe('("h"."lifted_at" IS NULL AND "h"."until" > $1)');
    expect(values).toEqual([NOW]);
  });

  it('asks of a subject whether an active hold is on it', () => {
    const { param, values } = positionalBinder();
    expect(subjectIsHeld('s', NOW, param)).toBe(
      'EXISTS (SELECT 1 FROM legal_holds "held" WHERE "held"."subject_id" = "s"."id" AND ("held"."lifted_at" IS NULL AND "held"."until" > $1))',
    );
    expect(subjectIsHeld('c', NOW, param, 'subject_id')).toContain('"held"."subject_id" = "c"."subject_id"');
    expect(values).toEqual([NOW, NOW]);
  });

  it('ends in the future and at most ten years ahead', () => {
    expect(legalHoldProblems(later(60_000), NOW)).toEqual([]);
    expect(legalHoldProblems(NOW, NOW)).toEqual([{ field: 'until', message: 'must be in the future' }]);
    expect(legalHoldProblems(new Date('2037-03-01T12:00:00Z'), NOW)).toEqual([]);
    expect(legalHoldProblems(new Date('2037-03-01T12:00:01Z'), NOW)).toEqual([
      { field: 'until', message: `must be at most ${LEGAL_HOLD_MAX_YEARS} years from now` },
    ]);
  });
});
