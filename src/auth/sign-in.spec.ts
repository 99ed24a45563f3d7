import { actorFromSignIn, SignInRow, signInParameters } from './sign-in';

const USER = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const SESSION = '7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

const row = (fields: Partial<SignInRow> = {}): SignInRow => ({
  id: USER,
  agency_id: 'a0000000-0000-4000-8000-000000000001',
  active: true,
  agency_kind: 'police',
  roles: ['coordinator'],
  district_ids: ['d0000000-0000-4000-8000-000000000001'],
  session_id: SESSION,
  mfa_verified: true,
  break_glass: [{ grantId: 'g1', concernId: 'c1', subjectId: 's1' }],
  ...fields,
});

describe('actorFromSignIn', () => {
  it('builds the caller from the one row: agency kind, roles, districts, session and grants', () => {
    expect(actorFromSignIn(row())).toEqual({
      id: USER,
      agencyId: 'a0000000-0000-4000-8000-000000000001',
      agencyKind: 'police',
      roles: ['coordinator'],
      districtIds: ['d0000000-0000-4000-8000-000000000001'],
      sessionId: SESSION,
      mfaVerified: true,
      breakGlass: [{ grantId: 'g1', concernId: 'c1', subjectId: 's1' }],
    });
  });

  it('has no caller without a row (unknown, revoked or someone else’s session) or for a deactivated user', () => {
    expect(actorFromSignIn(undefined)).toBeNull();
    expect(actorFromSignIn(row({ active: false }))).toBeNull();
  });
});

describe('signInParameters', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('binds session, user and the application clock', () => {
    expect(signInParameters(USER, SESSION, now)).toEqual([SESSION, USER, now]);
  });

  it.each([
    ['a subject that is not a string', 42, SESSION],
    ['a session that is missing', USER, undefined],
    ['a subject that is not a uuid', 'admin', SESSION],
    ['a session that is not a uuid', USER, `${SESSION}'--`],
  ])('names no row for %s, so the token is refused without asking the database', (_, userId, sessionId) => {
    expect(signInParameters(userId, sessionId, now)).toBeNull();
  });
});
