import { AgencyKind } from '../agencies/agency-kind';
import { sharePurpose, shareProblems, ShareRequest } from './legal-basis';
import { LegalBasis } from './referral-vocabulary';

const mentor = { id: 'ngo-1', name: 'Mentor Network', kind: 'ngo' as AgencyKind };
const welfare = { id: 'cw-1', name: 'Child Welfare', kind: 'child_welfare' as AgencyKind };
const police = { id: 'po-1', name: 'Police East', kind: 'police' as AgencyKind };

const request = (
  legalBasis: LegalBasis,
  recipient: ShareRequest['recipient'],
  owningAgencyKind: AgencyKind,
  consent: ShareRequest['consent'] = null,
): ShareRequest => ({ legalBasis, recipient, owningAgencyKind, consent, consentNamed: consent !== null });

describe('shareProblems', () => {
  it.each<[string, ShareRequest, string[]]>([
    ['consent covering the mentor programme', request('consent', mentor, 'school', { agencyIds: ['ngo-1'] }), []],
    [
      'consent not covering the recipient',
      request('consent', welfare, 'school', { agencyIds: ['ngo-1'] }),
      ['the consent does not cover Child Welfare'],
    ],
    [
      'consent named but not active',
      { ...request('consent', mentor, 'school'), consentNamed: true },
      ['no active consent of this subject with that id'],
    ],
    [
      'consent basis without a consent',
      request('consent', mentor, 'school'),
      ['a referral on consent names the consent'],
    ],
    ['statutory duty to child welfare', request('statutory_duty', welfare, 'school'), []],
    ['vital interest to the police', request('vital_interest', police, 'school'), []],
    [
      'statutory duty to an NGO',
      request('statutory_duty', mentor, 'school'),
      ['Mentor Network is a partner that receives records on consent only'],
    ],
    [
      'vital interest from health to child welfare',
      request('vital_interest', welfare, 'health'),
      ['a health service’s concern leaves health services on consent only'],
    ],
    [
      'statutory duty from the police to child welfare',
      request('statutory_duty', welfare, 'police'),
      ['a police concern stays within the police'],
    ],
    ['vital interest from the police to the police', request('vital_interest', police, 'police'), []],
    [
      'consent from the police to the mentor programme',
      request('consent', mentor, 'police', { agencyIds: ['ngo-1'] }),
      ['a police concern stays within the police'],
    ],
    ['consent from health to the mentor programme', request('consent', mentor, 'health', { agencyIds: ['ngo-1'] }), []],
  ])('%s', (_, share, messages) => {
    expect(shareProblems(share).map((problem) => problem.message)).toEqual(messages);
  });
});

describe('the basis a share rests on, as the audit trail names it', () => {
  it.each<[LegalBasis, string | null, string]>([
    ['consent', 'c-1', 'consent:c-1'],
    ['statutory_duty', null, 'statutory_duty'],
    ['vital_interest', null, 'vital_interest'],
  ])('%s', (legalBasis, consentId, purpose) => {
    expect(sharePurpose({ legalBasis, consentId })).toBe(purpose);
  });
});
