import { AGENDA_SECTIONS, AgendaSection } from './agenda-layout';
import { AgendaItemFacts } from './agenda-facts';
import { AgendaItem } from './entities/agenda-item.entity';
import { AgendaItemDto, AgendaSectionDto } from './dto/agenda.dto';

export const SECTION_TITLES: Record<AgendaSection, string> = {
  new_concerns: 'New concerns to refer',
  referrals_due: 'Referrals due for review',
  overdue_follow_ups: 'Overdue follow-ups',
  other: 'Other items',
};

export interface Identity {
  fullName: string;
  dateOfBirth: string;
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
