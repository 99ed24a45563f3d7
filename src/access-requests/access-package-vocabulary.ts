import type { AgencyKind } from '../agencies/agency-kind';

/** The languages a package is printed in. */
export const PACKAGE_LANGUAGES = ['nb', 'nn', 'sv', 'da', 'fi', 'en'] as const;
export type PackageLanguage = (typeof PACKAGE_LANGUAGES)[number];

export const PACKAGE_FORMATS = ['json', 'pdf'] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

/**
 * The agencies that hold records under their own regimes (police law, health confidentiality):
 * what they hold is listed in a package, with whom to ask, never disclosed by Samvirke.
 */
export const SELF_REGULATED_AGENCY_KINDS: readonly AgencyKind[] = ['police', 'health'];

/**
 * Whether the access log names the police and health staff who read the subject's records, as it
 * names everyone else. Decided: yes. Who has seen the data is what the person asks (Article 15(1)(c)),
 * the entries are Samvirke's own trail, not the agencies' case files, and the agency, role and time
 * are shown either way. `false` shows those readers by agency and role only.
 */
export const ACCESS_LOG_NAMES_SELF_REGULATED_STAFF: boolean = true;

/** The kinds of record a package lists as held elsewhere. */
export const WITHHELD_TYPES = ['concern', 'referral', 'referral_note', 'follow_up', 'agenda_item'] as const;
export type WithheldType = (typeof WITHHELD_TYPES)[number];

/** What a package says of a link to another subject, whose identity is about someone else. */
export const LINK_DESCRIPTION = 'linked_to_another_record';
