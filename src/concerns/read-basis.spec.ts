import { defineAbilityFor } from '../access/ability';
import { Concern } from './concern.entity';
import { readBasis } from './read-basis';

const DISTRICT = 'district-1';
const concern = (fields: Partial<Concern>): Concern =>
  ({
    id: 'concern-1',
    reporterId: 'reporter-1',
    owningAgencyId: 'school',
    districtId: DISTRICT,
    classification: 'coordination',
    owningAgency: { kind: 'school' } as Concern['owningAgency'],
    referredOnVitalInterest: false,
    sharedWith: [],
    shareBases: {},
    ...fields,
  }) as Concern;
const staff = (agencyId: string, roles: ('reporter' | 'case_worker' | 'coordinator')[] = ['case_worker']) =>
  defineAbilityFor({ id: `user-of-${agencyId}`, agencyId, roles, districtIds: [DISTRICT] });

describe('the legal basis a read of a concern rests on', () => {
  it('is the share’s, where only the share lets the agency see it', () => {
    const shared = concern({ sharedWith: ['ngo'], shareBases: { ngo: 'consent:c-1' } });
    expect(readBasis(staff('ngo'), shared, 'ngo')).toBe('consent:c-1');
  });

  it('is none for the owning agency, even where a share to it exists too', () => {
    const shared = concern({ sharedWith: ['school'], shareBases: { school: 'statutory_duty' } });
    expect(readBasis(staff('school'), shared, 'school')).toBeNull();
  });

  it('is none for a coordinator who sees the concern in full anyway', () => {
    const shared = concern({ sharedWith: ['ngo'], shareBases: { ngo: 'consent:c-1' } });
    expect(readBasis(staff('office', ['coordinator']), shared, 'office')).toBeNull();
  });

  it('is vital_interest where a vital-interest referral lifts a coordinator’s stub of a police concern to full', () => {
    const police = concern({
      classification: 'agency_restricted',
      owningAgencyId: 'police',
      owningAgency: { kind: 'police' } as Concern['owningAgency'],
      referredOnVitalInterest: true,
    });
    expect(readBasis(staff('office', ['coordinator']), police, 'office')).toBe('vital_interest');
    expect(
      readBasis(staff('office', ['coordinator']), { ...police, referredOnVitalInterest: false }, 'office'),
    ).toBeNull();
    // Vital interest opens a police agency's notes only: the same referral on a school's concern opens nothing.
    const school = concern({ classification: 'agency_restricted', referredOnVitalInterest: true });
    expect(readBasis(staff('office', ['coordinator']), school, 'office')).toBeNull();
  });
});
