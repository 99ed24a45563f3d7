import { canonicalForm, chainHash, contentHash, GENESIS_HASH, HashedFields } from './audit-hash';

const event: HashedFields = {
  id: '8a1f0c52-4f0e-4b1e-9a57-2b1f9a0c3d11',
  occurredAt: new Date('2026-11-25T10:00:00.123Z'),
  actorId: null,
  actorAgencyId: null,
  actorRoles: ['coordinator'],
  action: 'concern.read',
  resourceType: 'Concern',
  resourceId: 'c1',
  subjectId: null,
  purpose: null,
  outcome: 'allowed',
  severity: 'info',
  requestId: 'req-1',
  details: { b: 1, a: { d: [2, 1], c: 'ø' } },
};

describe('the audit hash', () => {
  it('is the same whatever order the details come back in', () => {
    const reordered = { ...event, details: { a: { c: 'ø', d: [2, 1] }, b: 1 } };
    expect(contentHash(reordered)).toBe(contentHash(event));
    expect(canonicalForm(event)).toContain('"details":{"a":{"c":"ø","d":[2,1]},"b":1}');
  });

  it.each<[string, Partial<HashedFields>]>([
    ['the action', { action: 'concern.listed' }],
    ['the outcome', { outcome: 'denied' }],
    ['the time, by a millisecond', { occurredAt: new Date('2026-11-25T10:00:00.124Z') }],
    ['a detail', { details: { b: 2, a: { d: [2, 1], c: 'ø' } } }],
    ['the order of roles', { actorRoles: ['coordinator', 'reporter'] }],
    ['an absent value made present', { subjectId: '8a1f0c52-4f0e-4b1e-9a57-2b1f9a0c3d12' }],
  ])('changes when %s changes', (_what, change) => {
    expect(contentHash({ ...event, ...change })).not.toBe(contentHash(event));
  });

  it('chains each link to the previous one and to its place', () => {
    const first = chainHash(1, GENESIS_HASH, contentHash(event));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(2, first, contentHash(event))).not.toBe(first);
    expect(chainHash(1, first, contentHash(event))).not.toBe(first);
  });
});
