/**
 * The grounds of GDPR Article 17(1) on which a person's records are erased before their time — (a) to (e); (f),
 * services offered online to a child, is not what Samvirke is. The ground is kept in the erasure's audit event: the
 * auditor sees on what footing a record went, while the request's own words (which may name the person) are not kept.
 */
export const ERASURE_GROUNDS = [
  'no_longer_necessary',
  'consent_withdrawn',
  'objection',
  'unlawfully_processed',
  'legal_obligation',
] as const;
export type ErasureGround = (typeof ERASURE_GROUNDS)[number];
