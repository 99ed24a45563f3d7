import {
  AUDIT_ACTION_NAMES,
  AUDIT_ACTIONS,
  RESOURCE_TYPE_OF_SUBJECT,
  RESOURCE_TYPES,
  resourceTypeOf,
} from './audit-actions';
import { AuditRecord, assertSubjectRule, auditEventRow } from './audit.service';

const actor = { id: null, agencyId: null, roles: [] };

describe('the audit action catalogue', () => {
  it('names every action <resource_type>.<verb>, snake_case, about a resource type it lists', () => {
    for (const action of AUDIT_ACTION_NAMES) {
      expect(action).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
      expect(RESOURCE_TYPES).toContain(resourceTypeOf(action));
    }
    for (const type of RESOURCE_TYPES) expect(type).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('says for every action whether its events name a subject', () => {
    for (const spec of Object.values(AUDIT_ACTIONS)) {
      expect(['required', 'optional', 'none']).toContain(spec.subjectId);
      expect(spec.description.length).toBeGreaterThan(0);
    }
  });

  it('maps every CASL subject to a resource type of the catalogue', () => {
    for (const type of Object.values(RESOURCE_TYPE_OF_SUBJECT)) expect(RESOURCE_TYPES).toContain(type);
  });
});

describe('the subject rule, checked as each event row is made', () => {
  const row = (record: AuditRecord) => auditEventRow({ ...record, actor }, null, new Date());

  it('refuses an allowed event of an action about a person that names no one', () => {
    const unnamed = { action: 'concern.read', resourceId: 'c', outcome: 'allowed' } as unknown as AuditRecord;
    expect(() => row(unnamed)).toThrow('must name its subject');
    expect(() => assertSubjectRule({ action: 'concern.read', outcome: 'allowed', subjectId: null })).toThrow();
  });

  it('lets a refusal leave out whose record it would have been', () => {
    expect(row({ action: 'concern.read', resourceId: 'c', outcome: 'denied' })).toMatchObject({
      action: 'concern.read',
      resourceType: 'concern',
      outcome: 'denied',
      subjectId: null,
    });
  });

  it('refuses a subject on an action about no one’s records', () => {
    const named = { action: 'district.update', subjectId: 's', outcome: 'allowed' } as unknown as AuditRecord;
    expect(() => row(named)).toThrow('names none');
  });

  it('refuses an action outside the catalogue', () => {
    expect(() => assertSubjectRule({ action: 'concern.updated', outcome: 'allowed', subjectId: 's' })).toThrow(
      'not an audit action',
    );
  });

  it('takes the resource type from the action unless the event names another', () => {
    expect(row({ action: 'subject.read', resourceId: 's', subjectId: 's', outcome: 'allowed' }).resourceType).toBe(
      'subject',
    );
    expect(
      row({ action: 'agenda.read', resourceType: 'subject', resourceId: 's', subjectId: 's', outcome: 'allowed' })
        .resourceType,
    ).toBe('subject');
  });

  it('is checked when compiling too: a free string, or an allowed read of a person without the person, does not compile', () => {
    const typed = (record: AuditRecord) => record;
    // @ts-expect-error: not an action of the catalogue
    typed({ action: 'concern.updated', subjectId: 's', outcome: 'allowed' });
    // @ts-expect-error: an allowed concern.read names its subject
    typed({ action: 'concern.read', resourceId: 'c', outcome: 'allowed' });
    // @ts-expect-error: a resource type outside the catalogue
    typed({ action: 'concern.read', resourceType: 'Concern', subjectId: 's', outcome: 'denied' });
    expect(typed({ action: 'concern.read', outcome: 'denied' }).outcome).toBe('denied');
  });
});
