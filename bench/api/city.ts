import { AgencyKind } from '../../src/agencies/agency-kind';
import { nameKey } from '../../src/subjects/name-key';
import { DISTRICT_AGENCY_KINDS } from './sizes';

/** Oslo's fifteen districts; more are numbered. */
const DISTRICT_NAMES = [
  'Alna',
  'Bjerke',
  'Frogner',
  'Gamle Oslo',
  'Grorud',
  'Grünerløkka',
  'Nordre Aker',
  'Nordstrand',
  'Sagene',
  'St. Hanshaugen',
  'Stovner',
  'Søndre Nordstrand',
  'Ullern',
  'Vestre Aker',
  'Østensjø',
];

export const districtName = (index: number) => DISTRICT_NAMES[index] ?? `District ${index + 1}`;

const DISTRICT_AGENCY_NAMES: Record<(typeof DISTRICT_AGENCY_KINDS)[number], string[]> = {
  police: ['Police {d}'],
  social_services: ['Social Services {d}'],
  child_welfare: ['Child Welfare {d}'],
  school: ['{d} Lower Secondary School', '{d} Upper Secondary School'],
  health: ['Health Service {d}'],
};

export interface CityAgency {
  /** The district's index, or null for a city-wide agency. */
  district: number | null;
  /** Its place among the district's agencies (DISTRICT_AGENCY_KINDS) or the city's (CITY_AGENCIES). */
  slot: number;
  name: string;
  kind: AgencyKind;
}

/** The agencies that serve the whole city; the first two log no concerns (coordination, IT). */
export const CITY_AGENCIES: { key: string; name: string; kind: AgencyKind }[] = [
  { key: 'coordination', name: 'City Coordination Office', kind: 'other' },
  { key: 'it', name: 'City IT and Data Protection', kind: 'other' },
  { key: 'youth', name: 'City Youth Service', kind: 'youth_service' },
  { key: 'jobs', name: 'City Job Centre', kind: 'job_centre' },
  { key: 'psychiatry', name: 'City Child and Youth Psychiatry', kind: 'health' },
  { key: 'prevention', name: 'Police Prevention Unit', kind: 'police' },
  { key: 'mentors', name: 'Mentor Network', kind: 'ngo' },
  { key: 'parents', name: 'Parent Guidance Programme', kind: 'ngo' },
  { key: 'outreach', name: 'Youth Outreach Partners', kind: 'ngo' },
  { key: 'faith', name: 'Interfaith Council', kind: 'faith_community' },
];

export function cityAgencies(districts: number): CityAgency[] {
  const agencies: CityAgency[] = [];
  for (let district = 0; district < districts; district++) {
    const seen = new Map<string, number>();
    DISTRICT_AGENCY_KINDS.forEach((kind, slot) => {
      const nth = seen.get(kind) ?? 0;
      seen.set(kind, nth + 1);
      const name = DISTRICT_AGENCY_NAMES[kind][nth].replace('{d}', districtName(district));
      agencies.push({ district, slot, name, kind });
    });
  }
  CITY_AGENCIES.forEach(({ name, kind }, slot) => agencies.push({ district: null, slot, name, kind }));
  return agencies;
}

/**
 * Who logs a concern, in percent: a district's own agencies (by their place in DISTRICT_AGENCY_KINDS)
 * and the city's (by key). Police and health log 17% between them, always restricted; the others
 * choose restricted now and then, for ~18% restricted in all.
 */
export const CONCERN_OWNERS: { district?: number; city?: string; percent: number }[] = [
  { district: 0, percent: 8 },
  { district: 1, percent: 18 },
  { district: 2, percent: 14 },
  { district: 3, percent: 15 },
  { district: 4, percent: 13 },
  { district: 5, percent: 4 },
  { city: 'youth', percent: 9 },
  { city: 'jobs', percent: 4 },
  { city: 'psychiatry', percent: 3 },
  { city: 'prevention', percent: 2 },
  { city: 'mentors', percent: 4 },
  { city: 'parents', percent: 2 },
  { city: 'outreach', percent: 2 },
  { city: 'faith', percent: 2 },
];

/** Whom a referral goes to, in percent, by its basis (NGOs and faith partners receive on consent only). */
export const RECIPIENTS: Record<'consent' | 'statutory_duty', { district?: number; city?: string; percent: number }[]> =
  {
    consent: [
      { district: 1, percent: 20 },
      { district: 2, percent: 20 },
      { city: 'youth', percent: 15 },
      { city: 'jobs', percent: 5 },
      { city: 'mentors', percent: 10 },
      { city: 'parents', percent: 10 },
      { city: 'outreach', percent: 5 },
      { city: 'faith', percent: 5 },
      { district: 5, percent: 5 },
      { city: 'psychiatry', percent: 5 },
    ],
    statutory_duty: [
      { district: 1, percent: 30 },
      { district: 2, percent: 30 },
      { city: 'youth', percent: 20 },
      { city: 'jobs', percent: 10 },
      { city: 'prevention', percent: 10 },
    ],
  };

/** A list of `percent`-weighted values, a hundred long: index it with floor(random() * 100). */
export function percentSlots<T>(weights: { value: T; percent: number }[]): T[] {
  const slots = weights.flatMap(({ value, percent }) => Array.from({ length: percent }, () => value));
  if (slots.length !== 100) throw new Error(`weights add up to ${slots.length}, not 100`);
  return slots;
}

export const CATEGORIES = percentSlots([
  { value: 'violent_extremism', percent: 15 },
  { value: 'hate_crime', percent: 12 },
  { value: 'gang_crime', percent: 25 },
  { value: 'online_radicalisation', percent: 18 },
  { value: 'returnee', percent: 2 },
  { value: 'mental_health', percent: 18 },
  { value: 'other', percent: 10 },
]);

export const SOURCES = percentSlots([
  { value: 'professional', percent: 70 },
  { value: 'family', percent: 15 },
  { value: 'friend', percent: 8 },
  { value: 'anonymous_call', percent: 7 },
]);

export const RISK_LEVELS = percentSlots([
  { value: 'low', percent: 45 },
  { value: 'moderate', percent: 35 },
  { value: 'high', percent: 19 },
  { value: 'immediate_danger', percent: 1 },
]);

/** Sentences a narrative is put together from (three of them, ~300 characters). */
export const NARRATIVE_SENTENCES = [
  'Teacher reports that the pupil has shared extremist videos with classmates during breaks.',
  'Has been seen with older youths known to the police in the shopping centre late in the evening.',
  'Mother called the school worried about long nights online and new contacts she does not know.',
  'Posted threats against a named group on a gaming platform; screenshots are kept by the school.',
  'Absent from school for three weeks; the family says he is staying with relatives.',
  'Youth workers noticed a change in language and new symbols on his bag and jacket.',
  'A friend told the school nurse that she is being pressured to carry packages for others.',
  'Talks openly about travelling abroad to join a conflict, and asks about passports.',
  'Was involved in a fight outside the youth club; witnesses mention a knife.',
  'Parents are separated and the father has limited contact; the pupil seems isolated.',
  'Showed classmates a manifesto from a recent attack and praised the attacker.',
  'Was recruited to sell cannabis near the metro station according to an anonymous caller.',
  'Has stopped attending football training and spends most of the day in his room.',
  'The social worker observed radical literature in the home during a routine visit.',
  'Expressed hatred towards a religious minority in a class discussion about current events.',
  'Sibling of a young man convicted of gang-related crime last year.',
  'The family has recently returned from a conflict area; the children need follow-up.',
  'Self-harm has been reported earlier; the health service has been in contact before.',
  'Online contact with an adult abroad who encourages violence against the police.',
  'Reported missing twice this spring and found with older youths each time.',
  'Teachers describe good results until this autumn, then a sharp change in behaviour.',
  'Uses a nickname linked to an extremist online community in several chat groups.',
  'Neighbours report shouting and threats from the flat late at night.',
  'The pupil asked the teacher how to make explosives, saying it was for a school project.',
];

/** First and last names of the subjects, each with its name key as src/subjects/name-key.ts folds it. */
const FIRST_NAMES = [
  'Ola',
  'Kari',
  'Jonas',
  'Emma',
  'Mohammed',
  'Sara',
  'Søren',
  'Nora',
  'Ali',
  'Ingrid',
  'Lukas',
  'Maja',
  'Ahmed',
  'Aisha',
  'Filip',
  'Sofie',
  'Oskar',
  'Leah',
  'Yusuf',
  'Hanna',
  'Mikkel',
  'Amira',
  'Jakob',
  'Frida',
  'Omar',
  'Thea',
  'Henrik',
  'Ella',
  'Bjørn',
  'Åse',
  'Emil',
  'Zainab',
  'Magnus',
  'Ida',
  'Adam',
  'Selma',
  'Tobias',
  'Mariam',
  'Elias',
  'Vilde',
  'Isak',
  'Hedda',
  'Noah',
  'Julie',
  'Kasper',
  'Tiril',
  'Ibrahim',
  'Amalie',
  'Sander',
  'Linnea',
];
const LAST_NAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Johnsen',
  'Pettersen',
  'Eriksen',
  'Berg',
  'Haugen',
  'Hagen',
  'Johannessen',
  'Andreassen',
  'Jacobsen',
  'Dahl',
  'Jørgensen',
  'Halvorsen',
  'Henriksen',
  'Lund',
  'Sørensen',
  'Jakobsen',
  'Moen',
  'Gundersen',
  'Iversen',
  'Strand',
  'Solberg',
  'Svendsen',
  'Ødegård',
  'Ahmed',
  'Ali',
  'Hussein',
  'Mohamed',
  'Khan',
  'Nguyen',
  'Kowalski',
  'Nowak',
  'Abdi',
  'Yilmaz',
  'Hassan',
  'Farah',
  'Bakke',
  'Lie',
  'Aas',
  'Næss',
  'Vik',
];

export const SUBJECT_NAMES = {
  first: FIRST_NAMES,
  firstKeys: FIRST_NAMES.map(nameKey),
  last: LAST_NAMES,
  lastKeys: LAST_NAMES.map(nameKey),
};

/** A fresh name for a subject a benchmark request registers. */
export function randomSubjectName(random: () => number = Math.random): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  return `${pick(FIRST_NAMES)} ${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
}
