import { RISK_LEVELS, RiskLevel } from '../concerns/concern-vocabulary';

export const AGENDA_SECTIONS = ['new_concerns', 'referrals_due', 'overdue_follow_ups', 'other'] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];

export interface LayoutItem {
  id: string;
  riskLevel: RiskLevel | null;
  /** How old the case is: the older, the earlier among equal risks. */
  openedAt: Date;
  /** Where the coordinator put it (1-based), or null where the generator decides. */
  handPosition: number | null;
  handMovedAt: Date | null;
}

/** Higher risk first; an item without a case (a note) after every risk level. */
const riskRank = (level: RiskLevel | null) => (level ? RISK_LEVELS.indexOf(level) + 1 : 0);

export function byRiskThenAge(a: LayoutItem, b: LayoutItem): number {
  return (
    riskRank(b.riskLevel) - riskRank(a.riskLevel) ||
    a.openedAt.getTime() - b.openedAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The order of one section. Items the coordinator placed keep their place (the latest move
 * wins a contested place; the other goes to the next free one); the rest fill the free places
 * by risk level, highest first, then age, oldest first. Regenerating changes which items there
 * are, never where the coordinator put theirs.
 */
export function layoutSection(items: LayoutItem[]): string[] {
  const slots = new Array<string | undefined>(items.length).fill(undefined);
  const placed = items
    .filter((item) => item.handPosition !== null)
    .sort(
      (a, b) => (b.handMovedAt?.getTime() ?? 0) - (a.handMovedAt?.getTime() ?? 0) || a.handPosition! - b.handPosition!,
    );
  for (const item of placed) {
    const wanted = Math.min(Math.max(item.handPosition!, 1), items.length) - 1;
    slots[freeSlotFrom(slots, wanted)] = item.id;
  }
  const rest = items.filter((item) => item.handPosition === null).sort(byRiskThenAge);
  let next = 0;
  return slots.map((slot) => slot ?? rest[next++].id);
}

/** The first free place at or after `wanted`, else the last free one before it. */
function freeSlotFrom(slots: (string | undefined)[], wanted: number): number {
  for (let index = wanted; index < slots.length; index++) if (slots[index] === undefined) return index;
  for (let index = wanted - 1; index >= 0; index--) if (slots[index] === undefined) return index;
  throw new Error('no free place in the section');
}
