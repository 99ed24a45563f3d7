/**
 * The case steps specs take over HTTP, with defaults for what a test does not care about:
 * `post…` answers the response as it came (for tests of refusals), `create…`/`record…`/`arrange…`
 * insist on a 201 and answer the body.
 */
import { Http, HttpResponse } from './http';

/** Who calls: a signed-in person or a bare access token. */
export type Caller = { token: string } | string;

const DAY = 24 * 3_600_000;
const tokenOf = (caller: Caller) => (typeof caller === 'string' ? caller : caller.token);

/** A date (YYYY-MM-DD) or time (ISO 8601) `days` from now. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
export const dateInDays = (days: number) => daysFromNow(days).slice(0, 10);

/** The fields given, without those left undefined (which would otherwise replace a default). */
const given = <T extends object>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;

function created(response: HttpResponse, what: string) {
  if (response.status !== 201) {
    throw new Error(`could not make ${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export interface ReferralInput {
  concernId: string;
  toAgencyId: string;
  /** `consent` when a consent is named, `statutory_duty` otherwise. */
  legalBasis?: string;
  consentId?: string;
  programme?: string;
  reason?: string;
  /** A week from now unless given. */
  reviewDate?: string;
}

/** POST /api/v1/referrals: refers a concern (triaged as `refer`) to an agency. */
export function postReferral(http: Http, caller: Caller, input: ReferralInput): Promise<HttpResponse> {
  return http.post(
    '/api/v1/referrals',
    {
      legalBasis: input.consentId ? 'consent' : 'statutory_duty',
      reason: 'Needs support',
      reviewDate: dateInDays(7),
      ...given(input),
    },
    { token: tokenOf(caller) },
  );
}

export async function createReferral(http: Http, caller: Caller, input: ReferralInput) {
  return created(await postReferral(http, caller, input), 'a referral');
}

export interface ConsentInput {
  subjectId: string;
  agencyIds: string[];
  /** A guardian's (named) unless given. */
  givenBy?: 'guardian' | 'subject';
  guardianName?: string;
  purpose?: string;
  validUntil?: string;
}

/** POST /api/v1/consents: records who agreed to which agencies receiving the subject's data. */
export function postConsent(http: Http, caller: Caller, input: ConsentInput): Promise<HttpResponse> {
  const givenBy = input.givenBy ?? 'guardian';
  return http.post(
    '/api/v1/consents',
    {
      givenBy,
      ...(givenBy === 'guardian' ? { guardianName: 'A Guardian' } : {}),
      purpose: 'Support',
      ...given(input),
    },
    { token: tokenOf(caller) },
  );
}

export async function recordConsent(http: Http, caller: Caller, input: ConsentInput) {
  return created(await postConsent(http, caller, input), 'a consent');
}

export interface FollowUpInput {
  ownerId: string;
  referralId?: string;
  text?: string;
  /** A day from now unless given. */
  dueAt?: string;
  remindAt?: string;
}

/** POST /api/v1/follow-ups: a dated task for its owner, on a referral or on its own. */
export function postFollowUp(http: Http, caller: Caller, input: FollowUpInput): Promise<HttpResponse> {
  return http.post(
    '/api/v1/follow-ups',
    { text: 'Call the school', dueAt: daysFromNow(1), ...given(input) },
    { token: tokenOf(caller) },
  );
}

export async function createFollowUp(http: Http, caller: Caller, input: FollowUpInput) {
  return created(await postFollowUp(http, caller, input), 'a follow-up');
}

export interface MeetingInput {
  districtId: string;
  participantIds: string[];
  /** A forum unless given. */
  kind?: 'forum' | 'case_conference';
  /** Three days from now unless given. */
  startsAt?: string;
  location?: string;
  durationMinutes?: number;
}

/** POST /api/v1/meetings: a forum or case conference of a district. */
export function postMeeting(http: Http, caller: Caller, input: MeetingInput): Promise<HttpResponse> {
  return http.post(
    '/api/v1/meetings',
    { kind: 'forum', startsAt: daysFromNow(3), ...given(input) },
    { token: tokenOf(caller) },
  );
}

export async function arrangeMeeting(http: Http, caller: Caller, input: MeetingInput) {
  return created(await postMeeting(http, caller, input), 'a meeting');
}
