import { buildAccessPackage, monthOf, PackageSources, recipientsOf, recordCount } from './access-package';
import { AccessRow, AgencyRef } from './access-requests.repository';

const at = (iso: string) => new Date(iso);
const school: AgencyRef = { id: 'a-school', name: 'Eastside School', kind: 'school' };
const police: AgencyRef = { id: 'a-police', name: 'East Police', kind: 'police' };
const health: AgencyRef = { id: 'a-health', name: 'Youth Clinic', kind: 'health' };
const social: AgencyRef = { id: 'a-social', name: 'Social Services', kind: 'social_services' };

const concern = (id: string, owningAgency: AgencyRef, narrative: string) => ({
  id,
  category: 'hate_crime',
  riskLevel: 'moderate',
  status: 'referred',
  source: 'professional',
  classification: 'coordination',
  narrative,
  triageOutcome: 'refer',
  triageNote: `triage of ${narrative}`,
  triagedAt: at('2027-01-02T10:00:00Z'),
  createdAt: at('2027-01-01T23:30:00Z'),
  updatedAt: at('2027-01-02T10:00:00Z'),
  owningAgency,
});

const referral = (id: string, toAgency: AgencyRef) => ({
  id,
  concernId: 'c-school',
  toAgency,
  programme: null,
  legalBasis: 'statutory_duty',
  consentId: null,
  status: 'closed',
  outcome: 'completed',
  outcomeNote: `outcome at ${toAgency.name}`,
  reason: 'Needs support',
  declineReason: null,
  reviewDate: '2027-02-01',
  createdAt: at('2027-01-03T09:00:00Z'),
  updatedAt: at('2027-01-04T09:00:00Z'),
});

const access = (agency: AgencyRef | null, iso: string, outcome = 'allowed'): AccessRow => ({
  id: iso,
  occurredAt: at(iso),
  actorName: agency ? `Someone at ${agency.name}` : null,
  actorRoles: agency ? ['case_worker'] : [],
  actorAgency: agency,
  action: 'concern.read',
  resourceType: 'concern',
  purpose: null,
  outcome,
});

function sources(overrides: Partial<PackageSources> = {}): PackageSources {
  return {
    generatedAt: at('2027-03-01T12:00:00Z'),
    purpose: 'Request 14',
    language: 'nb',
    compiler: { name: 'Cora', agency: social },
    subject: {
      id: 's1',
      pseudonym: 'S-AAAA',
      fullName: 'Ada Subject',
      dateOfBirth: '2010-01-01',
      birthYear: 2010,
      anonymisedAt: null,
      createdAt: at('2026-12-01T00:00:00Z'),
      district: { id: 'd1', name: 'East', timeZone: 'Europe/Oslo' },
    },
    concerns: [
      concern('c-school', school, 'seen at school'),
      concern('c-police', police, 'police narrative'),
      concern('c-health', health, 'health narrative'),
    ],
    referrals: [referral('r-social', social), referral('r-health', health)],
    emergencyShares: [
      {
        id: 'e1',
        concernId: 'c-school',
        agency: police,
        legalBasis: 'vital_interest',
        createdAt: at('2027-01-01T12:00:00Z'),
      },
    ],
    notes: [
      {
        id: 'n1',
        referralId: 'r-social',
        text: 'social note',
        createdAt: at('2027-01-05T00:00:00Z'),
        authorAgency: social,
      },
      {
        id: 'n2',
        referralId: 'r-social',
        text: 'police note',
        createdAt: at('2027-01-06T00:00:00Z'),
        authorAgency: police,
      },
      {
        id: 'n3',
        referralId: 'r-health',
        text: 'clinic note',
        createdAt: at('2027-01-07T00:00:00Z'),
        authorAgency: health,
      },
    ],
    consents: [],
    agendaItems: [],
    decisions: [],
    followUps: [
      {
        id: 'f-health',
        kind: 'review',
        referralId: 'r-health',
        minuteId: null,
        text: 'clinic review',
        dueAt: at('2027-02-01T00:00:00Z'),
        state: 'open',
        closedAt: null,
        createdAt: at('2027-01-03T09:00:00Z'),
      },
    ],
    legalHolds: [],
    links: [{ id: 'l1', createdAt: at('2027-01-31T23:30:00Z'), removedAt: null }],
    accesses: [],
    ...overrides,
  };
}

describe('the access package', () => {
  it('withholds what the police and health hold, listing each with the agency to ask', () => {
    const pkg = buildAccessPackage(sources());
    const text = JSON.stringify(pkg);
    for (const secret of ['police narrative', 'health narrative', 'police note', 'clinic note', 'clinic review']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('outcome at Youth Clinic');
    expect(pkg.concerns.map((each) => each.id)).toEqual(['c-school']);
    expect(pkg.withheld).toEqual([
      { type: 'concern', id: 'c-police', heldBy: police, since: '2027-01', ask: 'East Police' },
      { type: 'concern', id: 'c-health', heldBy: health, since: '2027-01', ask: 'Youth Clinic' },
      { type: 'referral_note', id: 'n2', heldBy: police, since: '2027-01', ask: 'East Police' },
      { type: 'referral', id: 'r-health', heldBy: health, since: '2027-01', ask: 'Youth Clinic' },
      { type: 'follow_up', id: 'f-health', heldBy: health, since: '2027-01', ask: 'Youth Clinic' },
    ]);
    const [toSocial, toHealth] = pkg.referrals;
    expect(toSocial).toMatchObject({
      heldByRecipient: false,
      outcome: 'completed',
      outcomeNote: 'outcome at Social Services',
    });
    expect(toSocial.notes.map((note) => note.text)).toEqual(['social note']);
    // The referral to health is listed (that it exists, when, to whom, on which basis), what became of it is not.
    expect(toHealth).toMatchObject({
      heldByRecipient: true,
      toAgency: health,
      legalBasis: 'statutory_duty',
      outcome: null,
      outcomeNote: null,
      declineReason: null,
      notes: [],
    });
    expect(pkg.followUps).toEqual([]);
    // A school concern opened to the police at immediate danger: a recipient, disclosed as one.
    expect(pkg.emergencyShares).toEqual([
      { concernId: 'c-school', agency: police, legalBasis: 'vital_interest', sharedAt: '2027-01-01T12:00:00.000Z' },
    ]);
  });

  it('withholds the forum’s items about a case the police hold, with their decisions and action items', () => {
    const item = (id: string, concernId: string, title: string) => ({
      id,
      meetingId: 'm1',
      meetingKind: 'forum',
      meetingStartsAt: at('2027-02-02T13:00:00Z'),
      meetingTimeZone: 'Europe/Oslo',
      section: 'new_concerns',
      title,
      concernId,
      referralId: null,
      followUpId: null,
    });
    const pkg = buildAccessPackage(
      sources({
        agendaItems: [item('i-school', 'c-school', 'school item'), item('i-police', 'c-police', 'police item')],
        decisions: [
          {
            id: 'd-school',
            agendaItemId: 'i-school',
            decision: 'school decision',
            recordedAt: at('2027-02-02T14:00:00Z'),
          },
          {
            id: 'd-police',
            agendaItemId: 'i-police',
            decision: 'police decision',
            recordedAt: at('2027-02-02T14:10:00Z'),
          },
        ],
        followUps: [
          {
            id: 'f-action',
            kind: 'action_item',
            referralId: null,
            minuteId: 'd-police',
            text: 'police action',
            dueAt: at('2027-03-01T00:00:00Z'),
            state: 'open',
            closedAt: null,
            createdAt: at('2027-02-02T14:10:00Z'),
          },
        ],
      }),
    );
    const text = JSON.stringify(pkg);
    for (const secret of ['police item', 'police decision', 'police action']) expect(text).not.toContain(secret);
    expect(pkg.agendaItems.map((each) => [each.id, each.decisions.map((d) => d.decision)])).toEqual([
      ['i-school', ['school decision']],
    ]);
    expect(pkg.withheld).toEqual(
      expect.arrayContaining([
        { type: 'agenda_item', id: 'i-police', heldBy: police, since: '2027-02', ask: 'East Police' },
        { type: 'follow_up', id: 'f-action', heldBy: police, since: '2027-02', ask: 'East Police' },
      ]),
    );
    expect(pkg.counts).toMatchObject({ agendaItems: 1, decisions: 1, followUps: 0 });
  });

  it('says of a link only that there is one and since which month, in the district’s time zone', () => {
    const pkg = buildAccessPackage(sources());
    // 23:30 UTC on 31 January is February in Oslo.
    expect(pkg.links).toEqual([
      { description: 'linked_to_another_record', createdMonth: '2027-02', removedMonth: null },
    ]);
    expect(monthOf(at('2027-01-31T23:30:00Z'), 'UTC')).toBe('2027-01');
  });

  it('shows an anonymised subject by pseudonym', () => {
    const base = sources();
    const anonymisedAt = at('2027-02-01T00:00:00Z');
    const pkg = buildAccessPackage({
      ...base,
      subject: { ...base.subject, fullName: null, dateOfBirth: null, anonymisedAt },
    });
    expect(pkg.subject).toMatchObject({
      pseudonym: 'S-AAAA',
      fullName: null,
      dateOfBirth: null,
      birthYear: 2010,
      anonymised: true,
      anonymisedAt: '2027-02-01T00:00:00.000Z',
    });
  });

  it('sums the recipients of allowed accesses by agency, the system last, and counts every section', () => {
    const accesses = [
      access(school, '2027-01-01T00:00:00Z'),
      access(null, '2027-01-02T00:00:00Z'),
      access(police, '2027-01-03T00:00:00Z'),
      access(police, '2027-01-04T00:00:00Z'),
      access(school, '2027-01-05T00:00:00Z', 'denied'),
    ];
    expect(recipientsOf(accesses)).toEqual([
      { agency: police, accesses: 2, firstAt: '2027-01-03T00:00:00.000Z', lastAt: '2027-01-04T00:00:00.000Z' },
      { agency: school, accesses: 1, firstAt: '2027-01-01T00:00:00.000Z', lastAt: '2027-01-01T00:00:00.000Z' },
      { agency: null, accesses: 1, firstAt: '2027-01-02T00:00:00.000Z', lastAt: '2027-01-02T00:00:00.000Z' },
    ]);
    const pkg = buildAccessPackage(sources({ accesses }));
    expect(pkg.accessLog).toHaveLength(5);
    expect(pkg.accessLog[2]).toEqual({
      occurredAt: '2027-01-03T00:00:00.000Z',
      actor: { name: 'Someone at East Police', roles: ['case_worker'], agency: police },
      action: 'concern.read',
      resourceType: 'concern',
      purpose: null,
      outcome: 'allowed',
    });
    expect(pkg.counts).toMatchObject({
      concerns: 1,
      referrals: 2,
      referralNotes: 1,
      withheld: 5,
      links: 1,
      accesses: 5,
    });
    expect(recordCount(pkg.counts)).toBe(1 + 2 + 1 + 1 + 5 + 1 + 5);
  });
});
