import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Actor } from './actor';

export type Action = 'manage' | 'create' | 'read' | 'update';

/**
 * What can be acted on. `Profile` and `Credentials` are the caller's own;
 * case subjects are named now so the separation-of-duties rules can be written once.
 */
export type SubjectType =
  | 'District'
  | 'Agency'
  | 'User'
  | 'Profile'
  | 'Credentials'
  | 'AuditEvent'
  | 'Subject'
  | 'Concern'
  | 'Referral'
  | 'Consent'
  | 'Meeting'
  | 'FollowUp'
  | 'all';

export type AppAbility = MongoAbility<[Action, SubjectType]>;

/** Case records: identity and narrative that admins and auditors must never read. */
export const CASE_SUBJECTS: SubjectType[] = ['Subject', 'Concern', 'Referral', 'Consent', 'Meeting', 'FollowUp'];

/** The pure rules: an ability from the actor's roles, agency and districts. */
export function defineAbilityFor(actor: Pick<Actor, 'roles'>): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  can('read', 'Profile');
  can('manage', 'Credentials');

  if (actor.roles.includes('admin')) {
    can('manage', ['District', 'Agency', 'User']);
  }
  if (actor.roles.includes('auditor')) {
    can('read', 'AuditEvent');
  }

  // Separation of duties: an admin or auditor who also holds a case role still may not
  // read case content through the back door of the directory or the log.
  if (actor.roles.includes('admin') || actor.roles.includes('auditor')) {
    cannot('manage', CASE_SUBJECTS).because('Admins and auditors never see case content');
  }

  return build();
}
