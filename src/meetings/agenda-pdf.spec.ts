import { PACKAGE_LANGUAGES, PackageLanguage } from '../access-requests/access-package-vocabulary';
import { User } from '../users/user.entity';
import { AgendaDto } from './dto/agenda.dto';
import { Meeting } from './entities/meeting.entity';
import { agendaPdf } from './agenda-pdf';
import { AGENDA_LABELS, AgendaLabels } from './agenda-pdf-labels';
import { AGENDA_SECTIONS } from './agenda-layout';
import { printableAgenda, ReaderAgenda } from './agenda-view';
// pdf-parse's index runs a self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string }>;
/** The text of a PDF, read from bytes of its own (pdf.js reads a pooled Buffer's whole memory). */
const pdfText = async (data: Buffer) => (await parse(new Uint8Array(data))).text.replace(/\s+/g, ' ');

const meeting = {
  kind: 'forum',
  startsAt: new Date('2027-03-02T13:00:00Z'),
  durationMinutes: 90,
  timeZone: 'Europe/Stockholm',
  location: 'Rådhuset, rum 4',
  participants: [{ user: { name: 'Cora Koordinator', agency: { name: 'Samordning' } } }],
} as unknown as Meeting;

const agenda: AgendaDto = {
  meetingId: 'm1',
  generatedAt: '2027-02-25T08:00:00.000Z',
  frozenAt: null,
  sections: [
    {
      section: 'new_concerns',
      title: 'New concerns to refer',
      items: [
        {
          id: 'i1',
          section: 'new_concerns',
          position: 1,
          source: 'generated',
          title: null,
          pseudonym: 'S-7K3Q',
          identified: true,
          subject: { fullName: 'Åse Ærlig', dateOfBirth: '2010-01-01' },
          concern: {
            id: 'c1',
            category: 'hate_crime',
            riskLevel: 'immediate_danger',
            status: 'referral_pending',
            loggedAt: '2027-02-20T09:00:00.000Z',
            owningAgency: { name: 'Östra skolan', kind: 'school' },
          },
          referral: {
            id: 'r1',
            status: 'in_progress',
            reviewDate: '2027-04-01',
            toAgency: { name: 'Mentorprogrammet', kind: 'ngo' },
          },
          followUp: {
            id: 'f1',
            dueAt: '2027-02-28T16:00:00.000Z',
            escalated: true,
            owner: { name: 'Kim Kurator', agencyName: 'Socialtjänsten' },
          },
        },
      ],
    },
    { section: 'referrals_due', title: 'Referrals due for review', items: [] },
    { section: 'overdue_follow_ups', title: 'Overdue follow-ups', items: [] },
    { section: 'other', title: 'Other items', items: [] },
  ],
};

const render = (language: PackageLanguage) =>
  agendaPdf(
    meeting,
    'Rinkeby-Kista',
    agenda,
    { name: 'Rita Läsare', agencyName: 'Polisen', language },
    new Date('2027-03-01T10:00:00Z'),
  );

/** A label as printed, placeholders and what follows the first one left out. */
const fixedPart = (label: string) => label.split('{')[0].trim();

describe('the printed agenda in the reader’s language', () => {
  it('has every label in every language, and no language copies another’s sentences', () => {
    const keys = (labels: AgendaLabels) => Object.keys(labels).sort();
    for (const language of PACKAGE_LANGUAGES) {
      expect(keys(AGENDA_LABELS[language])).toEqual(keys(AGENDA_LABELS.en));
      expect(Object.keys(AGENDA_LABELS[language].sections).sort()).toEqual([...AGENDA_SECTIONS].sort());
      if (language !== 'en') expect(AGENDA_LABELS[language].footer).not.toEqual(AGENDA_LABELS.en.footer);
    }
  });

  it.each(PACKAGE_LANGUAGES)('prints %s: headings, sections, facts, dates and the footer', async (language) => {
    const labels = AGENDA_LABELS[language];
    const text = await pdfText(await render(language));
    for (const sentence of [
      labels.heading,
      `${labels.kinds.forum} — Rinkeby-Kista`,
      `${labels.where}: Rådhuset, rum 4`,
      `${labels.participants}: Cora Koordinator (Samordning)`,
      labels.live,
      ...AGENDA_SECTIONS.map((section) => labels.sections[section]),
      labels.nothing,
      fixedPart(labels.concernFacts),
      fixedPart(labels.referralFacts),
      fixedPart(labels.followUpFacts),
      labels.escalated.replace(/^, /, ''),
      fixedPart(labels.footer),
    ]) {
      expect(text).toContain(sentence);
    }
    // Names and agencies as written; the meeting's time in its own zone (14:00 in Stockholm), as the language writes it.
    expect(text).toContain('Åse Ærlig');
    expect(text).toContain('Mentorprogrammet');
    expect(text).toMatch(/14[.:]00–15[.:]30/);
  });

  it.each(['sv', 'da', 'fi'] as const)('prints %s with no English left in it', async (language) => {
    const text = await pdfText(await render(language));
    for (const english of [
      'CONFIDENTIAL',
      'Participants',
      'Nothing this time',
      'New concerns to refer',
      'Referral to',
      'Follow-up due',
      'immediate danger',
      'hate crime',
      'in progress',
      'March',
      'Tuesday',
    ]) {
      expect(text).not.toContain(english);
    }
  });

  it('writes values and dates in the language: Finnish says the risk, the status and the month in Finnish', async () => {
    const text = await pdfText(await render('fi'));
    expect(text).toContain('Riski: välitön vaara');
    expect(text).toContain('viharikos');
    expect(text).toContain('tiistaina 2. maaliskuuta 2027, 14.00–15.30');
    expect(text).toContain('syntynyt 1.1.2010');
    expect(text).toContain('Sivu 1/1');
  });

  it('the control: English is printed as before', async () => {
    const text = await pdfText(await render('en'));
    expect(text).toContain('CONFIDENTIAL — rendered for Rita Läsare (Polisen)');
    expect(text).toContain('Risk immediate danger · hate crime');
    expect(text).toContain('Tuesday, 2 March 2027, 14:00–15:30');
  });
});

describe('whose language the copy is in', () => {
  const readerAgenda = { meeting, items: [], facts: new Map(), identities: new Map() } as unknown as ReaderAgenda;
  const reader = (locale: string) => ({ name: 'Rita Läsare', agency: { name: 'Polisen' }, locale }) as unknown as User;

  it.each(['nb', 'sv', 'da', 'fi', 'en'])('a reader whose account speaks %s gets the copy in it', (locale) => {
    expect(printableAgenda(readerAgenda, reader(locale), new Date()).reader.language).toBe(locale);
  });

  it('a stored language the app no longer offers reads as bokmål', () => {
    expect(printableAgenda(readerAgenda, reader('xx'), new Date()).reader.language).toBe('nb');
  });
});
