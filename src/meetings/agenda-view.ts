import { AGENDA_SECTIONS, AgendaSection } from './agenda-layout';
import { AgendaItemFacts, Identity } from './agenda-facts';
import { agendaPdf, PdfReader } from './agenda-pdf';
import { AgendaItem } from './entities/agenda-item.entity';
import { Meeting } from './entities/meeting.entity';
import { AgendaDto, AgendaItemDto, AgendaSectionDto } from './dto/agenda.dto';
import type { User } from '../users/user.entity';
import { localeOf } from '../users/user-view';

export const SECTION_TITLES: Record<AgendaSection, string> = {
  new_concerns: 'New concerns to refer',
  referrals_due: 'Referrals due for review',
  overdue_follow_ups: 'Overdue follow-ups',
  other: 'Other items',
};

/** An agenda as one reader may see it: the meeting, the items they may see, their cases' facts and the identities shown. */
export interface ReaderAgenda {
  meeting: Meeting;
  items: AgendaItem[];
  /** By item id: live before the meeting starts, the snapshot after. */
  facts: Map<string, AgendaItemFacts>;
  /** The subjects this reader may see the identity of, by subject id. */
  identities: Map<string, Identity>;
}

/** A reader's printed copy: their agenda, whom it is printed for, and when. */
export interface PrintableAgenda {
  agenda: ReaderAgenda;
  reader: PdfReader;
  printedAt: Date;
}

/**
 * The printed copy for this reader: named for them (their name and agency's), in the language of
 * their account, printed at `printedAt`.
 */
export function printableAgenda(agenda: ReaderAgenda, reader: User, printedAt: Date): PrintableAgenda {
  return {
    agenda,
    reader: { name: reader.name, agencyName: reader.agency!.name, language: localeOf(reader.locale) },
    printedAt,
  };
}

/**
 * One reader's view of an item (DESIGN rule 6): the pseudonym and the minimum needed to discuss
 * the case for everyone; the name and date of birth only where `identities` — the subjects this
 * reader's agency has a basis for — holds the subject. A field not allowed is never put in.
 */
export function agendaItemView(
  item: AgendaItem,
  facts: AgendaItemFacts | undefined,
  identities: Map<string, Identity>,
): AgendaItemDto {
  const identity = facts?.subjectId ? identities.get(facts.subjectId) : undefined;
  const { concern, referral, followUp } = facts ?? { concern: null, referral: null, followUp: null };
  return {
    id: item.id,
    section: item.section,
    position: item.position,
    source: item.source,
    title: item.title,
    pseudonym: facts?.pseudonym ?? null,
    identified: identity !== undefined,
    ...(identity ? { subject: { fullName: identity.fullName, dateOfBirth: identity.dateOfBirth } } : {}),
    concern: concern && {
      id: concern.id,
      category: concern.category,
      riskLevel: concern.riskLevel,
      status: concern.status,
      loggedAt: concern.createdAt,
      owningAgency: { name: concern.owningAgency.name, kind: concern.owningAgency.kind },
    },
    referral: referral && {
      id: referral.id,
      status: referral.status,
      reviewDate: referral.reviewDate,
      toAgency: { name: referral.toAgency.name, kind: referral.toAgency.kind },
    },
    followUp: followUp && {
      id: followUp.id,
      dueAt: followUp.dueAt,
      escalated: followUp.escalationLevel > 0,
      owner: { name: followUp.owner.name, agencyName: followUp.owner.agencyName },
    },
  };
}

/**
 * Every section, in the agenda's order, each of the reader's items redacted for them. Items are
 * numbered 1..n within the reader's own view: a gap where an item they may not see stands would
 * tell them it exists.
 */
export function agendaSections(
  items: AgendaItem[],
  facts: (item: AgendaItem) => AgendaItemFacts | undefined,
  identities: Map<string, Identity>,
): AgendaSectionDto[] {
  return AGENDA_SECTIONS.map((section) => ({
    section,
    title: SECTION_TITLES[section],
    items: items
      .filter((item) => item.section === section)
      .sort((a, b) => a.position - b.position)
      .map((item, index) => ({ ...agendaItemView(item, facts(item), identities), position: index + 1 })),
  }));
}

/** The answer for an agenda, as this reader may see it. */
export function agendaView(agenda: ReaderAgenda): AgendaDto {
  return {
    meetingId: agenda.meeting.id,
    generatedAt: agenda.meeting.agendaGeneratedAt?.toISOString() ?? null,
    frozenAt: agenda.meeting.agendaFrozenAt?.toISOString() ?? null,
    sections: agendaSections(agenda.items, (item) => agenda.facts.get(item.id), agenda.identities),
  };
}

/** The reader's view of each of their items, by item id, numbered as on their agenda (the minutes refer to them). */
export function readerItemViews(agenda: ReaderAgenda): Map<string, AgendaItemDto> {
  return new Map(agendaView(agenda).sections.flatMap((section) => section.items.map((view) => [view.id, view])));
}

/** The subjects these items are about, each with whether the reader sees who it is (for the audit). */
export function subjectsShown(agenda: ReaderAgenda, items: AgendaItem[]): Map<string, boolean> {
  const shown = new Map<string, boolean>();
  for (const item of items) {
    const subjectId = agenda.facts.get(item.id)?.subjectId;
    if (subjectId) shown.set(subjectId, agenda.identities.has(subjectId));
  }
  return shown;
}

/** The reader's printed copy, A4: already redacted for them, named for them. */
export function agendaPdfView(printable: PrintableAgenda): Promise<Buffer> {
  const { agenda, reader, printedAt } = printable;
  return agendaPdf(agenda.meeting, agenda.meeting.district!.name, agendaView(agenda), reader, printedAt);
}
