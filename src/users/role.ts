export const ROLES = ['reporter', 'case_worker', 'coordinator', 'forum_member', 'auditor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Roles whose work is tied to districts: a user holding one must be scoped to at least one. */
export const DISTRICT_SCOPED_ROLES: readonly Role[] = ['coordinator', 'forum_member'];

/** The roles of casework (who the people directory lists): never admin or auditor, who never see a case. */
export const CASE_ROLES: readonly Role[] = ['reporter', 'case_worker', 'coordinator', 'forum_member'];
