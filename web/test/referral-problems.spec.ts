import { consentProblems } from '../../src/consents/consent-rules';
import { shareProblems, type ShareRequest } from '../../src/referrals/legal-basis';
import type { MessageKey } from '../src/app/messages/en';
import { known, type Words } from '../src/referrals/problem-words';

/** A translation that answers the key and its values, so a test sees which message was chosen for what. */
const t: Words = (key: MessageKey, values?: Record<string, string | number>) =>
  values ? `${key} ${JSON.stringify(values)}` : key;

const recipient = { id: 'mentor', name: 'Mentor Programme', kind: 'ngo' as const };
const base: ShareRequest = {
  legalBasis: 'consent',
  consent: { agencyIds: ['mentor'] },
  consentNamed: true,
  recipient,
  owningAgencyKind: 'school',
};

/** Every refusal the API's sharing and consent rules can give, as they give it. */
const problems = [
  ...shareProblems({ ...base, consentNamed: false, consent: null }),
  ...shareProblems({ ...base, consent: null }),
  ...shareProblems({ ...base, consent: { agencyIds: ['social'] } }),
  ...shareProblems({ ...base, legalBasis: 'statutory_duty' }),
  ...shareProblems({ ...base, legalBasis: 'statutory_duty', consentNamed: false, consent: null }),
  ...shareProblems({
    ...base,
    legalBasis: 'vital_interest',
    consentNamed: false,
    consent: null,
    recipient: { ...recipient, kind: 'social_services' },
    owningAgencyKind: 'health',
  }),
  ...shareProblems({ ...base, owningAgencyKind: 'police', recipient: { ...recipient, kind: 'school' } }),
  ...consentProblems({ givenBy: 'guardian' }, '2014-01-01', 15, new Date('2026-12-01T12:00:00Z')),
  ...consentProblems({ givenBy: 'subject', guardianName: 'Hanne' }, '2000-01-01', 15, new Date('2026-12-01T12:00:00Z')),
  ...consentProblems({ givenBy: 'subject' }, '2014-01-01', 15, new Date('2026-12-01T12:00:00Z')),
  ...consentProblems(
    { givenBy: 'subject', validUntil: new Date('2026-01-01T00:00:00Z') },
    '2000-01-01',
    15,
    new Date('2026-12-01T12:00:00Z'),
  ),
  // The review date's rule lives in the referral service.
  { field: 'reviewDate', message: 'must be after today' },
];

describe('the referral form says each of the API’s refusals in its own words', () => {
  it('has words of its own for every problem the rules produce (none shown in the API’s English)', () => {
    expect(problems.length).toBeGreaterThanOrEqual(12);
    const unknown = problems.filter((problem) => known(problem.field, problem.message, recipient.name, t) === null);
    expect(unknown).toEqual([]);
  });

  it('names the agency where the refusal is about it', () => {
    const notCovered = shareProblems({ ...base, consent: { agencyIds: ['social'] } })[0];
    expect(known(notCovered.field, notCovered.message, recipient.name, t)).toBe(
      'referral.problem.notCovered {"agency":"Mentor Programme"}',
    );
    const partner = shareProblems({ ...base, legalBasis: 'statutory_duty', consentNamed: false, consent: null })[0];
    expect(known(partner.field, partner.message, recipient.name, t)).toBe(
      'referral.problem.partnerConsentOnly {"agency":"Mentor Programme"}',
    );
  });

  it('tells the different refusals apart', () => {
    const words = problems.map((problem) => known(problem.field, problem.message, recipient.name, t));
    expect(new Set(words).size).toBe(new Set(problems.map((problem) => problem.message)).size);
  });
});
