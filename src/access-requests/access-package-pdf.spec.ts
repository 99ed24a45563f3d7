import { buildAccessPackage, PackageSources } from './access-package';
import { PACKAGE_LABELS } from './access-package-labels';
import { accessPackagePdf } from './access-package-pdf';
import { PACKAGE_LANGUAGES } from './access-package-vocabulary';
// pdf-parse's index runs a self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string }>;
/**
 * The text of a PDF. pdf-parse's pdf.js reads a Buffer's whole underlying memory, so a small Buffer
 * cut from Node's shared pool (as Buffer.concat makes) reads as a broken file ("bad XRef entry"):
 * it is given bytes of their own.
 */
const pdfParse = (data: Buffer) => parse(new Uint8Array(data));

const police = { id: 'a-police', name: 'Østre politi', kind: 'police' as const };
const school = { id: 'a-school', name: 'Åsen skole', kind: 'school' as const };

function sources(language: (typeof PACKAGE_LANGUAGES)[number]): PackageSources {
  return {
    generatedAt: new Date('2027-03-01T23:30:00Z'),
    purpose: 'Request 14',
    language,
    compiler: { name: 'Cora Koordinator', agency: school },
    subject: {
      id: 's1',
      pseudonym: 'S-7K3Q',
      fullName: 'Åse Ærlig',
      dateOfBirth: '2010-01-01',
      birthYear: 2010,
      anonymisedAt: null,
      createdAt: new Date('2026-12-01T00:00:00Z'),
      district: { id: 'd1', name: 'Grünerløkka', timeZone: 'Europe/Oslo' },
    },
    concerns: [
      {
        id: 'c1',
        category: 'hate_crime',
        riskLevel: 'moderate',
        status: 'new',
        source: 'professional',
        classification: 'coordination',
        narrative: 'Seen at the gate',
        triageOutcome: null,
        triageNote: null,
        triagedAt: null,
        createdAt: new Date('2027-01-01T00:00:00Z'),
        updatedAt: new Date('2027-01-01T00:00:00Z'),
        owningAgency: school,
      },
      {
        id: 'c2',
        category: 'other',
        riskLevel: 'high',
        status: 'new',
        source: 'professional',
        classification: 'agency_restricted',
        narrative: 'Police intelligence',
        triageOutcome: null,
        triageNote: null,
        triagedAt: null,
        createdAt: new Date('2027-01-02T00:00:00Z'),
        updatedAt: new Date('2027-01-02T00:00:00Z'),
        owningAgency: police,
      },
    ],
    referrals: [],
    emergencyShares: [
      {
        id: 'e1',
        concernId: 'c1',
        agency: police,
        legalBasis: 'vital_interest',
        createdAt: new Date('2027-01-01T12:00:00Z'),
      },
    ],
    notes: [],
    consents: [],
    agendaItems: [],
    decisions: [],
    followUps: [],
    legalHolds: [],
    links: [],
    accesses: [
      {
        id: 'e1',
        occurredAt: new Date('2027-01-03T10:00:00Z'),
        actorName: 'Pål Politi',
        actorRoles: ['case_worker'],
        actorAgency: police,
        action: 'concern.read',
        resourceType: 'concern',
        purpose: null,
        outcome: 'allowed',
      },
    ],
  };
}

describe('the printed access package', () => {
  it.each(PACKAGE_LANGUAGES)(
    'is printed in %s, with the withheld record and whom to ask, not its content',
    async (language) => {
      const text = (await pdfParse(await accessPackagePdf(buildAccessPackage(sources(language))))).text;
      const labels = PACKAGE_LABELS[language];
      expect(text).toContain(labels.title);
      expect(text).toContain(labels.withheld);
      expect(text).toContain('Seen at the gate');
      expect(text).toContain('Østre politi');
      expect(text).toContain('Pål Politi');
      expect(text).not.toContain('Police intelligence');
    },
  );

  it('writes dates in the language and the district’s time zone', async () => {
    // 23:30 UTC on 1 March is 2 March in Oslo.
    const nb = (await pdfParse(await accessPackagePdf(buildAccessPackage(sources('nb'))))).text;
    expect(nb).toMatch(/2\. mars 2027/);
    // Values in the language too: the category, and the kind of agency that holds the withheld concern.
    expect(nb).toContain('hatkriminalitet');
    expect(nb).toContain('Østre politi (politi)');
    expect(nb).toContain('Pål Politi (saksbehandler)');
    expect(nb).toContain('vitale interesser');
    const en = (await pdfParse(await accessPackagePdf(buildAccessPackage(sources('en'))))).text;
    expect(en).toMatch(/2 Mar 2027|Mar 2, 2027/);
  });
});

describe('the printed package of an anonymised subject', () => {
  it('shows the pseudonym and the birth year, not a name', async () => {
    const base = sources('nn');
    const pkg = buildAccessPackage({
      ...base,
      subject: { ...base.subject, fullName: null, dateOfBirth: null, anonymisedAt: new Date('2027-02-01T00:00:00Z') },
    });
    const text = (await pdfParse(await accessPackagePdf(pkg))).text;
    expect(text).toContain('S-7K3Q');
    expect(text).toContain('2010 (anonymisert)');
    expect(text).not.toContain('Ærlig');
  });
});
