/** An agency's kind decides its confidentiality regime. */
export const AGENCY_KINDS = [
  'police',
  'social_services',
  'child_welfare',
  'school',
  'health',
  'youth_service',
  'job_centre',
  'ngo',
  'faith_community',
  'other',
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];
