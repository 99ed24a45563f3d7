/** How big the benchmark's city is; every number can be set by a flag or an environment variable. */
export interface Sizes {
  districts: number;
  concerns: number;
  subjects: number;
  referrals: number;
  consents: number;
  auditEvents: number;
  /** Open referrals on vital interest, made through the API (so whatever it records for them, it records). */
  vitalReferrals: number;
  agendaItems: number;
  /** Staff of each agency: the first two are case workers (and reporters), the rest reporters. */
  staffPerAgency: number;
}

/** The city: a million concerns over fifteen districts. */
export const FULL_SIZE: Sizes = {
  districts: 15,
  concerns: 1_000_000,
  subjects: 200_000,
  referrals: 124_000,
  consents: 62_000,
  auditEvents: 2_000_000,
  vitalReferrals: 300,
  agendaItems: 200,
  staffPerAgency: 6,
};

/** The agencies of every district, in this order; the city-wide ones follow. */
export const DISTRICT_AGENCY_KINDS = [
  'police',
  'social_services',
  'child_welfare',
  'school',
  'school',
  'health',
] as const;

/** Agencies per district, and the ten that serve the whole city. */
export const agencyCount = (sizes: Pick<Sizes, 'districts'>) => sizes.districts * DISTRICT_AGENCY_KINDS.length + 10;
