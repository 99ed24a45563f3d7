import type { ResourceType } from '../audit/audit-actions';

interface KindSpec {
  /** Whether it is mailed and shown as urgent. */
  urgent: boolean;
  /**
   * Whether the trail records the fact it tells of under the same name: the notification of a
   * referral accepted is `referral.accept`, as its audit event is.
   */
  audited: boolean;
  /** What the recipient is told, for the API's readers. */
  description: string;
}

/**
 * Every kind of notification, spelt as the audit actions are: `<resource_type>.<verb>`, snake_case,
 * the verb in its base form, and the audit action's own name where the trail records the same fact.
 * The resource type is the kind of record the notification points at (it holds that record's id only).
 */
export const NOTIFICATION_KINDS = {
  'concern.alert_police': {
    urgent: true,
    audited: false,
    description: 'to a police agency: a concern in immediate danger in a district it serves',
  },
  'referral.accept': { urgent: false, audited: true, description: 'to its coordinator: a referral accepted' },
  'referral.decline': { urgent: false, audited: true, description: 'to its coordinator: a referral declined' },
  'referral.close': {
    urgent: false,
    audited: true,
    description: 'to its coordinator: a referral closed, by its case worker or as its consent lapsed',
  },
  'referral.flag_unseen': {
    urgent: false,
    audited: true,
    description:
      'to the district’s coordinators: a referral nobody of the receiving agency has opened in two working days',
  },
  'referral.hand_over': {
    urgent: false,
    audited: true,
    description: 'to its new case worker: a referral handed over to them by an administrator',
  },
  'follow_up.hand_over': {
    urgent: false,
    audited: true,
    description: 'to its new owner: a follow-up handed over to them by an administrator',
  },
  'follow_up.remind': { urgent: false, audited: true, description: 'to its owner: a follow-up falls due soon' },
  'follow_up.mark_overdue': { urgent: false, audited: true, description: 'to its owner: a follow-up is overdue' },
  'follow_up.escalate': {
    urgent: true,
    audited: true,
    description: 'to the district’s coordinators: a follow-up still overdue, escalated',
  },
  'audit_export.complete': {
    urgent: false,
    audited: true,
    description: 'to the auditor who asked for it: an export of the trail is ready to download',
  },
} as const satisfies Record<`${ResourceType}.${string}`, KindSpec>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** The resource type a kind of notification points at: the part before the dot. */
export type NotificationResourceOf<K extends NotificationKind> = K extends `${infer R extends ResourceType}.${string}`
  ? R
  : never;

export type NotificationResourceType = NotificationResourceOf<NotificationKind>;

export function notificationResourceTypeOf<K extends NotificationKind>(kind: K): NotificationResourceOf<K> {
  return kind.slice(0, kind.indexOf('.')) as NotificationResourceOf<K>;
}

/** The kinds of record a notification can point at. */
export const NOTIFICATION_RESOURCE_TYPES = [...new Set(NOTIFICATION_KIND_NAMES.map(notificationResourceTypeOf))];
