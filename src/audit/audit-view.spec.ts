import { AccessFlag } from './access-flag.entity';
import { AuditEvent } from './audit-event.entity';
import { accessFlagView, auditCsv, auditEventView, verifyResultView } from './audit-view';

const event = (fields: Partial<AuditEvent> = {}): AuditEvent =>
  Object.assign(new AuditEvent(), {
    id: '00000000-0000-4000-8000-000000000001',
    occurredAt: new Date('2026-01-01T10:00:00.000Z'),
    actorId: '00000000-0000-4000-8000-000000000002',
    actorAgencyId: null,
    actorRoles: ['case_worker', 'reporter'],
    action: 'concern.read',
    resourceType: 'concern',
    resourceId: 'c1',
    subjectId: '00000000-0000-4000-8000-000000000003',
    purpose: null,
    outcome: 'allowed',
    severity: 'info',
    requestId: null,
    details: { view: 'full' },
    contentHash: 'x'.repeat(64),
    ...fields,
  });

describe('audit views', () => {
  it('shows an event with the pseudonym it is given, never its content hash', () => {
    const view = auditEventView({ event: event(), pseudonym: 'P-1' });
    expect(view).toMatchObject({ occurredAt: '2026-01-01T10:00:00.000Z', pseudonym: 'P-1', details: { view: 'full' } });
    expect(view).not.toHaveProperty('contentHash');
  });

  it('writes CSV with a header, roles space-separated, details as JSON, and formulas escaped', () => {
    const csv = auditCsv([{ event: event({ resourceId: '=HYPERLINK("x")' }), pseudonym: null }]);
    const [header, row] = csv.trim().split('\n');
    expect(header).toBe(
      'occurredAt,id,actorId,actorAgencyId,actorRoles,action,resourceType,resourceId,subjectId,pseudonym,purpose,outcome,severity,requestId,details',
    );
    expect(row).toContain('case_worker reporter');
    expect(row).toContain('"{""view"":""full""}"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('shows a flag and a verify result as plain answers', () => {
    const flag = Object.assign(new AccessFlag(), {
      id: 'f1',
      kind: 'out_of_hours',
      userId: 'u1',
      windowStart: new Date('2026-01-01T00:00:00.000Z'),
      windowEnd: new Date('2026-01-02T00:00:00.000Z'),
      count: 3,
      threshold: null,
      workingHoursStart: '08:00',
      workingHoursEnd: '16:00',
      timeZone: 'Europe/Oslo',
      createdAt: new Date('2026-01-02T01:00:00.000Z'),
    });
    expect(accessFlagView(flag)).toEqual({
      id: 'f1',
      kind: 'out_of_hours',
      userId: 'u1',
      windowStart: '2026-01-01T00:00:00.000Z',
      windowEnd: '2026-01-02T00:00:00.000Z',
      windowMinutes: 1440,
      count: 3,
      threshold: null,
      workingHours: { start: '08:00', end: '16:00', timeZone: 'Europe/Oslo' },
      createdAt: '2026-01-02T01:00:00.000Z',
    });
    // A threshold kind says the threshold it was judged by, and no working hours.
    const refusals = Object.assign(new AccessFlag(), {
      ...flag,
      kind: 'repeated_refusals',
      threshold: 5,
      timeZone: null,
    });
    expect(accessFlagView(refusals)).toMatchObject({ threshold: 5, workingHours: null });
    expect(verifyResultView({ ok: true, checked: 2, checkpoints: { checked: 0, external: false } })).toEqual({
      ok: true,
      checked: 2,
      checkpoints: { checked: 0, external: false },
    });
  });
});
