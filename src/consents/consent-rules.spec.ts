import { consentIsActive, consentProblems } from './consent-rules';

const now = new Date('2026-11-24T12:00:00Z');
const fields = (request: Parameters<typeof consentProblems>[0], dateOfBirth: string) =>
  consentProblems(request, dateOfBirth, 15, now).map((problem) => problem.field);

describe('consentProblems', () => {
  it.each<[string, Parameters<typeof consentProblems>[0], string, string[]]>([
    ['a 14-year-old alone', { givenBy: 'subject' }, '2012-06-01', ['givenBy']],
    ['a 14-year-old through a named guardian', { givenBy: 'guardian', guardianName: 'Mor' }, '2012-06-01', []],
    ['a guardian without a name', { givenBy: 'guardian' }, '2012-06-01', ['guardianName']],
    ['a 15-year-old alone', { givenBy: 'subject' }, '2011-11-24', []],
    ['a 15-year-old with a guardian', { givenBy: 'guardian', guardianName: 'Far' }, '2011-06-01', []],
    ['a 14-year-old the day before turning 15', { givenBy: 'subject' }, '2011-11-25', ['givenBy']],
    ['an adult alone', { givenBy: 'subject' }, '1990-01-01', []],
    ['a subject naming a guardian', { givenBy: 'subject', guardianName: 'X' }, '1990-01-01', ['guardianName']],
    [
      'an end in the past',
      { givenBy: 'subject', validUntil: new Date('2026-11-24T11:59:59Z') },
      '1990-01-01',
      ['validUntil'],
    ],
    ['an end in the future', { givenBy: 'subject', validUntil: new Date('2027-01-01T00:00:00Z') }, '1990-01-01', []],
  ])('%s', (_, request, dateOfBirth, expected) => {
    expect(fields(request, dateOfBirth)).toEqual(expected);
  });

  it('takes the age threshold from configuration', () => {
    expect(consentProblems({ givenBy: 'subject' }, '2010-06-01', 17, now).map((p) => p.field)).toEqual(['givenBy']);
  });
});

describe('consentIsActive', () => {
  it.each<[string, Date | null, Date | null, boolean]>([
    ['open-ended', null, null, true],
    ['ending later', null, new Date('2026-11-24T12:00:01Z'), true],
    ['ending at this very moment', null, new Date('2026-11-24T12:00:00Z'), false],
    ['withdrawn', new Date('2026-11-01T00:00:00Z'), null, false],
  ])('%s: %s', (_, withdrawnAt, validUntil, active) => {
    expect(consentIsActive({ withdrawnAt, validUntil }, now)).toBe(active);
  });
});
