export const MEETING_KINDS = ['forum', 'case_conference'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const AGENDA_ITEM_SOURCES = ['generated', 'manual'] as const;
export type AgendaItemSource = (typeof AGENDA_ITEM_SOURCES)[number];

export const DEFAULT_DURATION_MINUTES = 120;
