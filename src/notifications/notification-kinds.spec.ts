import { AUDIT_ACTION_NAMES, RESOURCE_TYPES } from '../audit/audit-actions';
import {
  NOTIFICATION_KIND_NAMES,
  NOTIFICATION_KINDS,
  NOTIFICATION_RESOURCE_TYPES,
  NotificationKind,
  notificationResourceTypeOf,
} from './notification-kinds';

describe('the notification kinds', () => {
  it('are dotted <resource_type>.<verb> in snake_case, about a resource type of the audit catalogue', () => {
    for (const kind of NOTIFICATION_KIND_NAMES) {
      expect(kind).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
      expect(RESOURCE_TYPES).toContain(notificationResourceTypeOf(kind));
    }
  });

  it('are named as the audit action where the trail records the same fact, and only there', () => {
    for (const kind of NOTIFICATION_KIND_NAMES) {
      expect([kind, (AUDIT_ACTION_NAMES as string[]).includes(kind)]).toEqual([kind, NOTIFICATION_KINDS[kind].audited]);
      expect(NOTIFICATION_KINDS[kind].description.length).toBeGreaterThan(0);
    }
  });

  it('point at concerns, referrals, follow-ups and the auditor’s exports', () => {
    expect([...NOTIFICATION_RESOURCE_TYPES].sort()).toEqual(['audit_export', 'concern', 'follow_up', 'referral']);
    expect(notificationResourceTypeOf('follow_up.mark_overdue')).toBe('follow_up');
  });

  it('are checked when compiling: a kind outside the catalogue does not compile', () => {
    const typed = (kind: NotificationKind) => kind;
    // @ts-expect-error: past tense, not the catalogue's spelling
    typed('referral.accepted');
    expect(typed('referral.accept')).toBe('referral.accept');
  });
});
