import type { SubjectType } from '../access/ability';

/**
 * The audit trail's vocabulary: every kind of record an event can be about, and every action
 * an event can name. An action is `<resource_type>.<verb>`, snake_case, the verb in its base
 * form naming what was attempted; the event's outcome says whether it was allowed or denied,
 * so one fact has one name (`concern.update`, allowed or denied).
 */
export const RESOURCE_TYPES = [
  'district',
  'agency',
  'user',
  'profile',
  'session',
  'subject',
  'concern',
  'referral',
  'consent',
  'follow_up',
  'meeting',
  'forum_series',
  'agenda',
  'minutes',
  'notification',
  'break_glass_grant',
  'legal_hold',
  'retention',
  'saved_filter',
  'inbox',
  'audit_event',
  'audit_verification',
  'audit_export',
  'access_flag',
  'queue',
  'directory',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Whether an allowed event of the action must name the person whose records it touches:
 * `required` (every such event), `optional` (where there is one), `none` (never: directory,
 * sessions, the trail itself). A denied event may leave it out: a refusal does not reveal whose
 * record it would have been.
 */
export type SubjectIdRule = 'required' | 'optional' | 'none';

interface ActionSpec {
  subjectId: SubjectIdRule;
  /** What the event records, for the auditor. */
  description: string;
}

const required = (description: string) => ({ subjectId: 'required' as const, description });
const optional = (description: string) => ({ subjectId: 'optional' as const, description });
const none = (description: string) => ({ subjectId: 'none' as const, description });

/** Every action, by resource type. A route's refusal is recorded under the action its policy names. */
export const AUDIT_ACTIONS = {
  'district.list': none('the directory of districts (recorded when refused)'),
  'district.create': none('a district made'),
  'district.update': none('a district renamed, or its emergency police agency named'),

  'agency.list': none('the directory of agencies (recorded when refused)'),
  'agency.read': none('one agency of the directory (recorded when refused)'),
  'agency.create': none('an agency made'),
  'agency.update': none('an agency changed'),

  'user.list': none('the list of users'),
  'user.read': none('one user'),
  'user.create': none('a user made'),
  'user.update': none('a user changed: name, roles, districts, active'),
  'user.hand_over': none(
    'a user’s open referrals and follow-ups handed to a colleague (counts; one event per record too)',
  ),
  'user.lock': none('an account locked after repeated failed logins (denied, as the login that locked it)'),
  'user.enrol_second_factor': none('a second factor enrolment started'),
  'user.confirm_second_factor': none('a second factor confirmed'),
  'user.disable_second_factor': none('a second factor removed'),
  'user.reset_second_factor': none('a user’s second factor removed by an admin, with the reason as purpose'),

  'profile.read': none('the caller’s own profile'),
  'profile.read_work': none(
    'the caller’s home counts: unread notifications, follow-ups due, intake, pinned queues, referrals waiting',
  ),
  'profile.update': none('the caller’s own preferences changed: the language'),

  'session.create': none('a login; denied: a failed or locked-out one'),
  'session.refresh': none('tokens refreshed; denied: a refresh token used twice'),
  'session.end': none('a logout'),

  'subject.create': required('a subject registered'),
  'subject.read': required('one subject, in full or by pseudonym'),
  'subject.link': required('two subjects linked as the same person'),
  'subject.unlink': required('a link between two subjects removed'),
  'subject.compile_access_package': required(
    'everything held about a subject compiled for their access request (one event, its purpose, counts per section)',
  ),
  'subject.anonymise': required(
    'a subject anonymised: by the retention run (system) or on an erasure request (the coordinator); the rule and the records treated per kind, never the reason’s text',
  ),
  'subject.search': optional(
    'a subject search: one event for the search (its purpose and hit count, never the words searched), one per subject shown',
  ),

  'concern.list': required('a concern shown in a list (one event per row)'),
  'concern.read': required('one concern'),
  'concern.explain_access': required(
    'why the caller may see a concern: the access rule that matched (and what a stub withholds)',
  ),
  'concern.create': required('a concern logged'),
  'concern.update': required('a concern changed'),
  'concern.triage': required('a concern triaged'),
  'concern.open_to_police': required('a concern in immediate danger opened to the emergency police agency'),

  'referral.list': required('a referral shown in a list (one event per row)'),
  'referral.read': required('one referral with its notes'),
  'referral.explain_access': required('why the caller may see a referral: the access rule that matched'),
  'referral.create': required('a concern referred to an agency'),
  'referral.accept': required('a referral accepted'),
  'referral.decline': required('a referral declined'),
  'referral.start': required('work on a referral started'),
  'referral.close': required('a referral closed'),
  'referral.note': required('a case note added to a referral'),
  'referral.hand_over': required('a referral given a new case worker with the rest of its case worker’s open work'),
  'referral.mark_seen': required('a pending referral opened for the first time by its receiving agency (its receipt)'),
  'referral.flag_unseen': required(
    'a pending referral nobody of the receiving agency opened within two working days, flagged to the coordinators',
  ),

  'consent.list': required('a consent shown in the subject’s list (one event per row)'),
  'consent.create': required('a consent recorded'),
  'consent.withdraw': required('a consent withdrawn'),

  'follow_up.list': none('the caller’s follow-ups'),
  'follow_up.create': optional('a follow-up made, by hand or as a meeting’s action item'),
  'follow_up.complete': optional('a follow-up done'),
  'follow_up.cancel': optional('a follow-up cancelled'),
  'follow_up.reschedule': optional('a follow-up’s due date moved (its reminder and escalation follow)'),
  'follow_up.hand_over': optional('a follow-up given to a colleague with the rest of its owner’s open work'),
  'follow_up.remind': none('its owner reminded'),
  'follow_up.mark_overdue': none('its owner told it is overdue'),
  'follow_up.escalate': none('an overdue follow-up escalated to the coordinators'),

  'meeting.list': none('the meetings the caller may see'),
  'meeting.read': none('one meeting'),
  'meeting.create': none('a meeting arranged'),
  'meeting.update': none('a meeting moved or changed'),
  'meeting.cancel': none('a meeting still to come cancelled, as its series was changed or ended'),
  'meeting.export': none('a meeting’s invitation downloaded (iCalendar)'),

  'forum_series.create': none('a series of forum meetings arranged'),
  'forum_series.update': none('a series changed or ended; its meetings still to come follow'),
  'forum_series.read': none('a series, or the series of the caller’s districts'),

  'agenda.generate': none('a meeting’s agenda generated'),
  'agenda.freeze': none('a meeting’s agenda frozen as it started'),
  'agenda.read': optional('an agenda read: one event for the meeting, one per subject shown'),
  'agenda.export': optional('an agenda printed (PDF): one event for the meeting, one per subject shown'),
  'agenda.add_item': optional('an item added to an agenda by hand'),
  'agenda.move_item': none('an agenda item moved'),

  'minutes.record': none('a meeting’s minutes recorded'),
  'minutes.read': optional('minutes read: one event for the meeting, one per subject shown'),

  'notification.list': none('the caller’s notifications'),
  'notification.mark_read': none('a notification marked read'),

  'break_glass_grant.create': required('break-glass: a concern opened past the rules; denied: refused'),
  'break_glass_grant.list': none('the grants awaiting review'),
  'break_glass_grant.review': required('a grant reviewed by an auditor'),

  'legal_hold.create': required('a legal hold placed on a subject'),
  'legal_hold.lift': required('a legal hold lifted'),
  'legal_hold.list': required('a legal hold shown in a list (one event per row)'),
  'legal_hold.read': required('one legal hold'),

  'saved_filter.list': none('the caller’s saved filters'),
  'saved_filter.create': none('a saved filter made'),
  'saved_filter.update': none('a saved filter renamed, changed or (un)pinned'),
  'saved_filter.delete': none('a saved filter removed'),
  'saved_filter.mark_seen': none('a saved filter’s queue looked at: what is new is counted from now'),
  'inbox.read': none('when the caller last looked at their inbox'),
  'inbox.mark_seen': none('the caller’s inbox looked at: what is new to them is counted from now'),

  'retention.run': none('a retention run: subjects anonymised, records treated and notifications deleted, per kind'),
  'retention.preview': none('the dry run of the next retention run read (counts only)'),
  'retention.list_runs': none('the last retention runs read (when, and counts per kind: no names, no ids)'),

  'audit_event.list': none('the trail searched, or one subject’s accesses'),
  'audit_event.export': none('the trail exported (CSV)'),
  'audit_event.verify': none('the hash chain verified'),
  'audit_verification.start': none('a verification of the chain asked for (or the one already under way answered)'),
  'audit_verification.run': none(
    'a verification of the chain run by the worker: links checked, intact or what is wrong',
  ),
  'audit_verification.read': none('a verification of the chain looked at: its progress or verdict'),
  'audit_event.count': none('the number of events a search finds, said before an export starts'),

  'audit_export.create': none('an export of a search started in the background: its filters, and its purpose'),
  'audit_export.list': none('the caller’s own exports'),
  'audit_export.read': none('one of the caller’s exports: its state, rows and purpose'),
  'audit_export.download': none('an export’s file downloaded (CSV) by the auditor who asked for it'),
  'audit_export.complete': none('an export written by the worker (rows); its auditor notified'),
  'audit_export.fail': none('an export the worker could not write'),
  'audit_export.expire': none('an export’s file removed at its expiry (the record of the export stays)'),

  'access_flag.list': none('the unusual-access flags'),

  'queue.manage': none('the queue dashboard (recorded when refused)'),

  'directory.seed': none('the demo directory seeded (npm run seed:demo)'),
  'directory.list_people': none('the people directory: colleagues by name, agency and case roles'),
} as const satisfies Record<`${ResourceType}.${string}`, ActionSpec>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

/** The resource type an action is about: the part before the dot. */
export type ResourceOf<A extends AuditAction> = A extends `${infer R extends ResourceType}.${string}` ? R : never;

export function resourceTypeOf<A extends AuditAction>(action: A): ResourceOf<A> {
  return action.slice(0, action.indexOf('.')) as ResourceOf<A>;
}

/** The actions whose allowed events must name a subject. */
export type SubjectRequiredAction = {
  [A in AuditAction]: (typeof AUDIT_ACTIONS)[A]['subjectId'] extends 'required' ? A : never;
}[AuditAction];

/** The actions whose events never name a subject. */
export type SubjectlessAction = {
  [A in AuditAction]: (typeof AUDIT_ACTIONS)[A]['subjectId'] extends 'none' ? A : never;
}[AuditAction];

/**
 * The CASL subject names (PascalCase, the access rules' own) as the trail's resource types. `all`
 * is CASL's wildcard, never a record.
 */
export const RESOURCE_TYPE_OF_SUBJECT: Record<Exclude<SubjectType, 'all'>, ResourceType> = {
  District: 'district',
  Agency: 'agency',
  User: 'user',
  Person: 'directory',
  Profile: 'profile',
  Credentials: 'session',
  AuditEvent: 'audit_event',
  Subject: 'subject',
  Concern: 'concern',
  Referral: 'referral',
  Consent: 'consent',
  Meeting: 'meeting',
  FollowUp: 'follow_up',
  Notification: 'notification',
  BreakGlass: 'break_glass_grant',
  LegalHold: 'legal_hold',
  Retention: 'retention',
  AccessPackage: 'subject',
  Queue: 'queue',
};
