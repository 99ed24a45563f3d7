import { PACKAGE_LANGUAGES, PackageLanguage } from './access-package-vocabulary';

/**
 * The package's values (categories, risks, statuses, legal bases, agency kinds …) in each language,
 * one row per value: nb, nn, sv, da, fi, en. A value missing here is printed as its words.
 */
const WORDS: Record<string, readonly [string, string, string, string, string, string]> = {
  // concern categories
  violent_extremism: [
    'voldelig ekstremisme',
    'valdeleg ekstremisme',
    'våldsbejakande extremism',
    'voldelig ekstremisme',
    'väkivaltainen ekstremismi',
    'violent extremism',
  ],
  hate_crime: ['hatkriminalitet', 'hatkriminalitet', 'hatbrott', 'hadforbrydelse', 'viharikos', 'hate crime'],
  gang_crime: [
    'gjeng og kriminalitet',
    'gjeng og kriminalitet',
    'gäng och kriminalitet',
    'bander og kriminalitet',
    'jengi- ja muu rikollisuus',
    'gang crime',
  ],
  online_radicalisation: [
    'radikalisering på nett',
    'radikalisering på nett',
    'radikalisering på nätet',
    'radikalisering online',
    'verkkoradikalisoituminen',
    'online radicalisation',
  ],
  returnee: [
    'hjemvendt fremmedkriger',
    'heimvend framandkrigar',
    'återvändare',
    'hjemvendt fremmedkriger',
    'paluumuuttaja',
    'returnee',
  ],
  mental_health: [
    'psykisk helse',
    'psykisk helse',
    'psykisk hälsa',
    'mental sundhed',
    'mielenterveys',
    'mental health',
  ],
  other: ['annet', 'anna', 'annat', 'andet', 'muu', 'other'],
  // risk levels
  low: ['lav', 'låg', 'låg', 'lav', 'matala', 'low'],
  moderate: ['moderat', 'moderat', 'måttlig', 'moderat', 'kohtalainen', 'moderate'],
  high: ['høy', 'høg', 'hög', 'høj', 'korkea', 'high'],
  immediate_danger: ['akutt fare', 'akutt fare', 'akut fara', 'akut fare', 'välitön vaara', 'immediate danger'],
  // concern statuses and triage outcomes
  new: ['ny', 'ny', 'ny', 'ny', 'uusi', 'new'],
  guidance_only: [
    'kun veiledning',
    'berre rettleiing',
    'endast vägledning',
    'kun vejledning',
    'vain ohjausta',
    'guidance only',
  ],
  no_further_action: [
    'ingen videre tiltak',
    'ingen vidare tiltak',
    'inga vidare åtgärder',
    'ingen yderligere tiltag',
    'ei jatkotoimia',
    'no further action',
  ],
  refer: ['henvises', 'tilvisast', 'remitteras', 'henvises', 'ohjataan eteenpäin', 'refer'],
  referral_pending: [
    'henvisning venter',
    'tilvising ventar',
    'remiss väntar',
    'henvisning afventer',
    'lähete odottaa',
    'referral pending',
  ],
  referred: ['henvist', 'tilvist', 'remitterad', 'henvist', 'ohjattu', 'referred'],
  referral_accepted: [
    'henvisning godtatt',
    'tilvising godteken',
    'remiss godtagen',
    'henvisning accepteret',
    'lähete hyväksytty',
    'referral accepted',
  ],
  closed: ['avsluttet', 'avslutta', 'avslutad', 'afsluttet', 'päättynyt', 'closed'],
  // sources
  professional: ['fagperson', 'fagperson', 'yrkesperson', 'fagperson', 'ammattilainen', 'professional'],
  family: ['familie', 'familie', 'familj', 'familie', 'perhe', 'family'],
  friend: ['venn', 'venn', 'vän', 'ven', 'ystävä', 'friend'],
  anonymous_call: [
    'anonym henvendelse',
    'anonym førespurnad',
    'anonymt samtal',
    'anonym henvendelse',
    'nimetön yhteydenotto',
    'anonymous call',
  ],
  // legal bases
  consent: ['samtykke', 'samtykke', 'samtycke', 'samtykke', 'suostumus', 'consent'],
  statutory_duty: [
    'lovpålagt plikt',
    'lovpålagd plikt',
    'lagstadgad skyldighet',
    'lovpligt',
    'lakisääteinen velvollisuus',
    'statutory duty',
  ],
  vital_interest: [
    'vitale interesser',
    'vitale interesser',
    'grundläggande intressen',
    'vitale interesser',
    'elintärkeä etu',
    'vital interest',
  ],
  // referral statuses and outcomes
  pending: ['venter', 'ventar', 'väntar', 'afventer', 'odottaa', 'pending'],
  accepted: ['godtatt', 'godteken', 'godtagen', 'accepteret', 'hyväksytty', 'accepted'],
  declined: ['avslått', 'avslått', 'avböjd', 'afvist', 'hylätty', 'declined'],
  in_progress: ['under arbeid', 'under arbeid', 'pågår', 'i gang', 'käynnissä', 'in progress'],
  completed: ['fullført', 'fullført', 'genomförd', 'gennemført', 'toteutettu', 'completed'],
  no_engagement: [
    'ikke deltatt',
    'ikkje delteke',
    'inget deltagande',
    'ingen deltagelse',
    'ei osallistunut',
    'no engagement',
  ],
  transferred: ['overført', 'overført', 'överförd', 'overført', 'siirretty', 'transferred'],
  consent_withdrawn: [
    'samtykke trukket tilbake',
    'samtykke trekt tilbake',
    'samtycke återkallat',
    'samtykke tilbagekaldt',
    'suostumus peruttu',
    'consent withdrawn',
  ],
  escalated_to_police: [
    'overlatt til politiet',
    'overlate til politiet',
    'överlämnad till polisen',
    'overgivet til politiet',
    'siirretty poliisille',
    'escalated to police',
  ],
  // agency kinds
  police: ['politi', 'politi', 'polis', 'politi', 'poliisi', 'police'],
  social_services: [
    'sosialtjeneste',
    'sosialteneste',
    'socialtjänst',
    'socialforvaltning',
    'sosiaalitoimi',
    'social services',
  ],
  child_welfare: [
    'barnevern',
    'barnevern',
    'barn- och ungdomsvård',
    'børne- og familieforvaltning',
    'lastensuojelu',
    'child welfare',
  ],
  school: ['skole', 'skule', 'skola', 'skole', 'koulu', 'school'],
  health: ['helsetjeneste', 'helseteneste', 'hälso- och sjukvård', 'sundhedsvæsen', 'terveydenhuolto', 'health'],
  youth_service: [
    'ungdomstjeneste',
    'ungdomsteneste',
    'fritids- och ungdomsverksamhet',
    'ungdomsklub',
    'nuorisotoimi',
    'youth service',
  ],
  job_centre: ['NAV-kontor', 'NAV-kontor', 'arbetsförmedling', 'jobcenter', 'TE-toimisto', 'job centre'],
  ngo: [
    'frivillig organisasjon',
    'frivillig organisasjon',
    'ideell organisation',
    'frivillig organisation',
    'järjestö',
    'NGO',
  ],
  faith_community: [
    'tros- og livssynssamfunn',
    'trus- og livssynssamfunn',
    'trossamfund',
    'trossamfund',
    'uskonnollinen yhteisö',
    'faith community',
  ],
  // what a package lists as held elsewhere
  concern: ['bekymringsmelding', 'uromelding', 'orosanmälan', 'underretning', 'huoli-ilmoitus', 'concern'],
  referral: ['henvisning', 'tilvising', 'remiss', 'henvisning', 'lähete', 'referral'],
  referral_note: [
    'notat i en henvisning',
    'notat i ei tilvising',
    'anteckning i en remiss',
    'notat i en henvisning',
    'lähetteen muistiinpano',
    'note on a referral',
  ],
  follow_up: ['oppfølging', 'oppfølging', 'uppföljning', 'opfølgning', 'seuranta', 'follow-up'],
  // the roles of those who read the records
  reporter: ['melder', 'meldar', 'anmälare', 'indberetter', 'ilmoittaja', 'reporter'],
  case_worker: ['saksbehandler', 'sakshandsamar', 'handläggare', 'sagsbehandler', 'asiankäsittelijä', 'case worker'],
  coordinator: ['koordinator', 'koordinator', 'samordnare', 'koordinator', 'koordinaattori', 'coordinator'],
  forum_member: ['forummedlem', 'forummedlem', 'forumdeltagare', 'forummedlem', 'foorumin jäsen', 'forum member'],
  auditor: ['kontrollør', 'kontrollør', 'granskare', 'revisor', 'tarkastaja', 'auditor'],
  admin: ['administrator', 'administrator', 'administratör', 'administrator', 'ylläpitäjä', 'administrator'],
  // consent givers, follow-up states, meeting kinds
  subject: ['personen selv', 'personen sjølv', 'personen själv', 'personen selv', 'henkilö itse', 'the person'],
  guardian: ['foresatt', 'føresett', 'vårdnadshavare', 'forælder', 'huoltaja', 'guardian'],
  open: ['åpen', 'open', 'öppen', 'åben', 'avoin', 'open'],
  done: ['utført', 'utført', 'klar', 'udført', 'tehty', 'done'],
  cancelled: ['avlyst', 'avlyst', 'avbruten', 'aflyst', 'peruttu', 'cancelled'],
  forum: ['SaLTo-forum', 'SaLTo-forum', 'SSPF-möte', 'SSP-møde', 'Ankkuri-kokous', 'SaLTo forum'],
  case_conference: [
    'samarbeidsmøte',
    'samarbeidsmøte',
    'samverkansmöte',
    'netværksmøde',
    'verkostopalaveri',
    'case conference',
  ],
};

/** Every value the catalogue has, for the test that each language has every one. */
export const WORD_KEYS = Object.keys(WORDS);

/** A value in the package's language; one the catalogue lacks is printed as its words. */
export function wordFor(value: string, language: PackageLanguage): string {
  const row = WORDS[value];
  return row ? row[PACKAGE_LANGUAGES.indexOf(language)] : value.replace(/_/g, ' ');
}
