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

/** The kinds of record a package lists as held elsewhere. */
export const WITHHELD_TYPES = ['concern', 'referral', 'referral_note', 'follow_up'] as const;
export type WithheldType = (typeof WITHHELD_TYPES)[number];

/** What a package says of a link to another subject, whose identity is about someone else. */
export const LINK_DESCRIPTION = 'linked_to_another_record';
