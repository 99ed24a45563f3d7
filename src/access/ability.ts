import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Actor } from './actor';

export type Action =
  | 'manage'
  | 'create'
  | 'read'
  | 'update'
  | 'triage'
  | 'link'
  | 'note'
  | 'accept'
  | 'decline'
  | 'start'
  | 'close'
  | 'withdraw'
  | 'complete'
  | 'cancel'
  | 'minute'
  | 'break_glass'
  | 'review'
  | 'lift'
  | 'erase'
  | 'compile';

/**
 * What can be acted on. `Profile` and `Credentials` are the caller's own;
 * case subjects are named now so the separation-of-duties rules can be written once.
 */
export type SubjectType =
  | 'District'
  | 'Agency'
  | 'User'
  | 'Person'
  | 'Profile'
  | 'Credentials'
  | 'AuditEvent'
  | 'Subject'
  | 'Concern'
  | 'Referral'
  | 'Consent'
  | 'Meeting'
  | 'FollowUp'
  | 'Notification'
  | 'BreakGlass'
  | 'LegalHold'
  | 'Retention'
  | 'AccessPackage'
  | 'Queue'
  | 'all';

export type AppAbility = MongoAbility<[Action, SubjectType | object]>;

/** Case records: identity and narrative that admins and auditors must never read. */
export const CASE_SUBJECTS: SubjectType[] = [
  'Subject',
  'Concern',
  'Referral',
  'Consent',
  'Meeting',
  'FollowUp',
  'AccessPackage',
];

/** What a stub of a concern shows: enough to know it exists and whom to call, nothing about the person or events. */
export const CONCERN_STUB_FIELDS = [
  'id',
  'pseudonym',
  'category',
  'riskLevel',
  'status',
  'owningAgency',
  'contact',
  'districtId',
  'createdAt',
];
/** A concern in full: the stub, the subject's identity and the narrative. */
export const CONCERN_FULL_FIELDS = [
  ...CONCERN_STUB_FIELDS,
  'subject',
  'narrative',
  'source',
  'classification',
  'version',
  'updatedAt',
];
/** The coordinator's triage note is for coordinators: the reporter sees the status it led to. */
export const CONCERN_TRIAGE_FIELDS = ['triage'];
/** Every field a concern's answer can have. */
export const CONCERN_FIELDS = [...CONCERN_FULL_FIELDS, ...CONCERN_TRIAGE_FIELDS];

/** A subject's identity: name and date of birth. Everyone who may see the subject at all sees the rest. */
export const SUBJECT_IDENTITY_FIELDS = ['fullName', 'dateOfBirth'];

/**
 * The names of the rules that let someone read a concern or a referral, carried by each rule (its
 * `reason`), so "why can I see this" names the rule that matched rather than guessing it.
 */
export const READ_RULE = {
  reporter: 'reporter',
  owningAgency: 'owning_agency',
  shared: 'shared_with_agency',
  receivingAgency: 'receiving_agency',
  districtCoordinator: 'district_coordinator',
  districtCoordinatorStub: 'district_coordinator_stub',
  vitalInterest: 'vital_interest',
  breakGlass: 'break_glass',
} as const;
export type ReadRule = (typeof READ_RULE)[keyof typeof READ_RULE];

const CONCERN_AUTHOR_ROLES = ['reporter', 'case_worker', 'coordinator'] as const;

/** The pure rules: an ability from the actor's roles, agency and districts (DESIGN.md, "Confidentiality"). */
export function defineAbilityFor(
  actor: Pick<Actor, 'id' | 'roles' | 'agencyId' | 'districtIds'> & Partial<Pick<Actor, 'breakGlass'>>,
): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const has = (role: Actor['roles'][number]) => actor.roles.includes(role);

  can(['read', 'update'], 'Profile');
  can('manage', 'Credentials');
  can(['read', 'update'], 'Notification', { recipientUserId: actor.id });
  can(['read', 'update'], 'Notification', { recipientAgencyId: actor.agencyId });
  can(['read', 'complete', 'cancel'], 'FollowUp', { ownerId: actor.id });
  can(['read', 'complete', 'cancel'], 'FollowUp', { createdById: actor.id });
  // Its owner moves its due date (a coordinator of its district too, below).
  can('update', 'FollowUp', { ownerId: actor.id });
  // Rule 6: whoever is invited reads the meeting and its agenda, redacted for their agency.
  can('read', 'Meeting', { participantIds: actor.id });
  if (has('forum_member')) can('minute', 'Meeting', { participantIds: actor.id });

  if (CONCERN_AUTHOR_ROLES.some(has)) {
    can('create', ['Concern', 'Subject']);
    // Rule 2: the reporter reads what they logged, and may correct it.
    can('read', 'Concern', CONCERN_FULL_FIELDS, { reporterId: actor.id }).because(READ_RULE.reporter);
    can('update', 'Concern', { reporterId: actor.id });
    can('read', 'Subject', SUBJECT_IDENTITY_FIELDS, { createdById: actor.id });
  }
  if (has('reporter') || has('case_worker')) {
    // Rule 4: an open referral shares its concern with the receiving agency while its legal basis holds.
    can('read', 'Concern', CONCERN_FULL_FIELDS, { sharedWith: actor.agencyId }).because(READ_RULE.shared);
    can(['read', 'note'], 'Referral', { toAgencyId: actor.agencyId, shareActive: true }).because(
      READ_RULE.receivingAgency,
    );
  }
  if (has('case_worker') || has('coordinator')) {
    can('create', 'FollowUp');
  }
  if (has('case_worker')) {
    // Rule 2: the owning agency's case workers work its concerns.
    can('read', 'Concern', CONCERN_FULL_FIELDS, { owningAgencyId: actor.agencyId }).because(READ_RULE.owningAgency);
    can('update', 'Concern', { owningAgencyId: actor.agencyId });
    can('read', 'Subject', SUBJECT_IDENTITY_FIELDS, { createdByAgencyId: actor.agencyId });
    // The receiving agency works the referrals sent to it, and records a withdrawal it is told of.
    can(['accept', 'decline', 'start', 'close'], 'Referral', { toAgencyId: actor.agencyId });
    can(['read', 'withdraw'], 'Consent', { referredTo: actor.agencyId });
    // The people directory: the agency's case workers, to assign an accepted referral to a colleague.
    can('read', 'Person', { agencyId: actor.agencyId, role: 'case_worker' });
  }
  if (has('coordinator')) {
    // Rule 3: the district's coordinators see coordination concerns in full, restricted ones as a stub.
    const inDistrict = { districtId: { $in: actor.districtIds } };
    can('read', 'Concern', [...CONCERN_FULL_FIELDS, ...CONCERN_TRIAGE_FIELDS], {
      ...inDistrict,
      classification: 'coordination',
    }).because(READ_RULE.districtCoordinator);
    can('read', 'Concern', [...CONCERN_STUB_FIELDS, ...CONCERN_TRIAGE_FIELDS], {
      ...inDistrict,
      classification: 'agency_restricted',
    }).because(READ_RULE.districtCoordinatorStub);
    // Rule 5: a police concern opens to the district's coordinators on a vital-interest referral.
    can('read', 'Concern', [...CONCERN_FULL_FIELDS, ...CONCERN_TRIAGE_FIELDS], {
      ...inDistrict,
      vitalInterest: true,
    }).because(READ_RULE.vitalInterest);
    can('triage', 'Concern', inDistrict);
    can(['create', 'read', 'note', 'close'], 'Referral', inDistrict).because(READ_RULE.districtCoordinator);
    can(['create', 'read', 'withdraw'], 'Consent', inDistrict);
    // The receiving agency of a referral and those a consent names are picked from the directory's agencies
    // (names and kinds of organisations: no personal data).
    can('read', 'Agency');
    can('read', 'Subject', ['pseudonym', 'districtId'], inDistrict);
    can('link', 'Subject', inDistrict);
    can(['create', 'read', 'update', 'minute'], 'Meeting', inDistrict);
    // The people directory: who works cases in the coordinator's districts, to invite them and give them actions.
    for (const districtId of actor.districtIds) can('read', 'Person', { districtId });
    // A follow-up of the district: its due date moved (reading it stays its owner's and creator's).
    can('update', 'FollowUp', inDistrict);
    // Rule 7: break-glass opens one concern of the coordinator's own districts, to read only, while the grant lasts.
    can('break_glass', 'Concern', inDistrict);
    const opened = (actor.breakGlass ?? []).map((grant) => grant.concernId);
    if (opened.length > 0) {
      can('read', 'Concern', CONCERN_FULL_FIELDS, { id: { $in: opened } }).because(READ_RULE.breakGlass);
    }
    // Legal holds: the district's coordinators place, read and lift them.
    can(['create', 'read', 'lift'], 'LegalHold', inDistrict);
    // Erasure on request (Article 17): the district's coordinators anonymise a subject early.
    can('erase', 'Subject', inDistrict);
    // The right of access (Article 15): the district's coordinators compile everything held about a subject.
    can('compile', 'AccessPackage', inDistrict);
  }

  if (has('admin')) {
    can('manage', ['District', 'Agency', 'User']);
    // The queue dashboard: jobs hold ids only, and admins see, retry and clean them.
    can('manage', 'Queue');
    // The retention job's dry run: counts per kind of record, never a name or an id.
    can('read', 'Retention');
  }
  if (has('auditor')) {
    can('read', 'AuditEvent');
    can(['read', 'review'], 'BreakGlass');
    // The trail names people and agencies by id: the auditor reads the directory (who someone is, their agency and
    // roles — never a case) to say who did what.
    can('read', ['Agency', 'User']);
  }
  if (has('admin') || has('auditor')) {
    // That a hold exists and why (by pseudonym), never the case behind it.
    can('read', 'LegalHold');
  }

  // Rule 8, separation of duties: an admin or auditor who also holds a case role still may not
  // read case content through the back door of the directory or the log.
  if (has('admin') || has('auditor')) {
    cannot('manage', CASE_SUBJECTS).because('Admins and auditors never see case content');
  }

  return build();
}
