import { PackageLanguage } from '../access-requests/access-package-vocabulary';
import { AgendaSection } from './agenda-layout';
import { MeetingKind } from './meeting-vocabulary';

/**
 * Every word the printed agenda uses, once per language (the languages a printed access package
 * speaks, so that nynorsk is ready the day an account can choose it). `{placeholders}` are filled
 * in with `fill`; values (risks, categories, statuses) come from the package's word list.
 */
export interface AgendaLabels {
  /** The BCP 47 tag dates and times are written in. */
  dateLocale: string;
  heading: string;
  agenda: string;
  kinds: Record<MeetingKind, string>;
  where: string;
  participants: string;
  frozen: string;
  live: string;
  sections: Record<AgendaSection, string>;
  nothing: string;
  item: string;
  born: string;
  concernFacts: string;
  referralFacts: string;
  followUpFacts: string;
  escalated: string;
  footer: string;
  /** The calendar invitation's description. */
  calendarNote: string;
}

const nb: AgendaLabels = {
  dateLocale: 'nb-NO',
  heading: 'SAMVIRKE · SAKSLISTE',
  agenda: 'Saksliste',
  kinds: { forum: 'SaLTo-forum', case_conference: 'Samarbeidsmøte' },
  where: 'Sted',
  participants: 'Deltakere',
  frozen: 'Låst ved møtestart: sakene slik de sto da.',
  live: 'Sakene slik de står nå; sakslisten låses når møtet starter.',
  sections: {
    new_concerns: 'Nye bekymringer til henvisning',
    referrals_due: 'Henvisninger til gjennomgang',
    overdue_follow_ups: 'Oppfølginger over fristen',
    other: 'Andre saker',
  },
  nothing: 'Ingenting denne gangen.',
  item: 'Sak',
  born: 'født {date}',
  concernFacts: 'Risiko {risk} · {category} · {status} · meldt {date} av {agency}',
  referralFacts: 'Henvist til {agency} ({status}), gjennomgås innen {date}',
  followUpFacts: 'Oppfølging innen {date}, ansvarlig {name} ({agency})',
  escalated: ', eskalert',
  footer:
    'FORTROLIG — skrevet ut for {name} ({agency}) {when}. Personopplysninger om barn: ikke kopier eller send videre. Side {n} av {total}.',
  calendarNote: 'Sakslisten finnes i Samvirke; den sendes ikke med e-post eller i kalenderen.',
};

const nn: AgendaLabels = {
  dateLocale: 'nn-NO',
  heading: 'SAMVIRKE · SAKLISTE',
  agenda: 'Sakliste',
  kinds: { forum: 'SaLTo-forum', case_conference: 'Samarbeidsmøte' },
  where: 'Stad',
  participants: 'Deltakarar',
  frozen: 'Låst ved møtestart: sakene slik dei stod då.',
  live: 'Sakene slik dei står no; saklista blir låst når møtet startar.',
  sections: {
    new_concerns: 'Nye uromeldingar til tilvising',
    referrals_due: 'Tilvisingar til gjennomgang',
    overdue_follow_ups: 'Oppfølgingar over fristen',
    other: 'Andre saker',
  },
  nothing: 'Ingenting denne gongen.',
  item: 'Sak',
  born: 'fødd {date}',
  concernFacts: 'Risiko {risk} · {category} · {status} · meldt {date} av {agency}',
  referralFacts: 'Tilvist til {agency} ({status}), blir gått gjennom innan {date}',
  followUpFacts: 'Oppfølging innan {date}, ansvarleg {name} ({agency})',
  escalated: ', eskalert',
  footer:
    'FORTRULEG — skriven ut for {name} ({agency}) {when}. Personopplysningar om born: ikkje kopier eller send vidare. Side {n} av {total}.',
  calendarNote: 'Saklista finst i Samvirke; ho blir ikkje send med e-post eller i kalenderen.',
};

const sv: AgendaLabels = {
  dateLocale: 'sv-SE',
  heading: 'SAMVIRKE · DAGORDNING',
  agenda: 'Dagordning',
  kinds: { forum: 'SSPF-forum', case_conference: 'Ärendekonferens' },
  where: 'Plats',
  participants: 'Deltagare',
  frozen: 'Låst när mötet började: ärendena som de stod då.',
  live: 'Ärendena som de står nu; dagordningen låses när mötet börjar.',
  sections: {
    new_concerns: 'Nya orosanmälningar att remittera',
    referrals_due: 'Remisser att följa upp',
    overdue_follow_ups: 'Försenade uppföljningar',
    other: 'Övriga ärenden',
  },
  nothing: 'Inget den här gången.',
  item: 'Ärende',
  born: 'född {date}',
  concernFacts: 'Risk {risk} · {category} · {status} · anmäld {date} av {agency}',
  referralFacts: 'Remitterad till {agency} ({status}), följs upp senast {date}',
  followUpFacts: 'Uppföljning senast {date}, ansvarig {name} ({agency})',
  escalated: ', eskalerad',
  footer:
    'KONFIDENTIELLT — utskrivet för {name} ({agency}) {when}. Personuppgifter om barn: kopiera inte och skicka inte vidare. Sida {n} av {total}.',
  calendarNote: 'Dagordningen finns i Samvirke; den skickas inte med e-post eller i kalendern.',
};

const da: AgendaLabels = {
  dateLocale: 'da-DK',
  heading: 'SAMVIRKE · DAGSORDEN',
  agenda: 'Dagsorden',
  kinds: { forum: 'SSP-forum', case_conference: 'Sagskonference' },
  where: 'Sted',
  participants: 'Deltagere',
  frozen: 'Låst ved mødets start: sagerne, som de stod dengang.',
  live: 'Sagerne, som de står nu; dagsordenen låses, når mødet starter.',
  sections: {
    new_concerns: 'Nye bekymringer til henvisning',
    referrals_due: 'Henvisninger til opfølgning',
    overdue_follow_ups: 'Overskredne opfølgninger',
    other: 'Øvrige punkter',
  },
  nothing: 'Intet denne gang.',
  item: 'Punkt',
  born: 'født {date}',
  concernFacts: 'Risiko {risk} · {category} · {status} · indberettet {date} af {agency}',
  referralFacts: 'Henvist til {agency} ({status}), følges op senest {date}',
  followUpFacts: 'Opfølgning senest {date}, ansvarlig {name} ({agency})',
  escalated: ', eskaleret',
  footer:
    'FORTROLIGT — udskrevet til {name} ({agency}) {when}. Personoplysninger om børn: må ikke kopieres eller videresendes. Side {n} af {total}.',
  calendarNote: 'Dagsordenen findes i Samvirke; den sendes ikke med e-mail eller i kalenderen.',
};

const fi: AgendaLabels = {
  dateLocale: 'fi-FI',
  heading: 'SAMVIRKE · ESITYSLISTA',
  agenda: 'Esityslista',
  kinds: { forum: 'Yhteistyöfoorumi', case_conference: 'Asiakaskohtainen neuvottelu' },
  where: 'Paikka',
  participants: 'Osallistujat',
  frozen: 'Lukittu kokouksen alkaessa: asiat sen hetken tilanteen mukaan.',
  live: 'Asiat tämänhetkisen tilanteen mukaan; esityslista lukitaan, kun kokous alkaa.',
  sections: {
    new_concerns: 'Uudet huoli-ilmoitukset ohjattaviksi',
    referrals_due: 'Tarkistettavat lähetteet',
    overdue_follow_ups: 'Myöhässä olevat seurannat',
    other: 'Muut asiat',
  },
  nothing: 'Ei käsiteltävää tällä kertaa.',
  item: 'Asia',
  born: 'syntynyt {date}',
  concernFacts: 'Riski: {risk} · {category} · {status} · ilmoitettu {date}, ilmoittaja {agency}',
  referralFacts: 'Lähete: {agency} ({status}), tarkistetaan viimeistään {date}',
  followUpFacts: 'Seuranta viimeistään {date}, vastuuhenkilö {name} ({agency})',
  escalated: ', siirretty eteenpäin',
  footer:
    'LUOTTAMUKSELLINEN — tulostettu: {name} ({agency}) {when}. Lapsia koskevia henkilötietoja: älä kopioi tai välitä eteenpäin. Sivu {n}/{total}.',
  calendarNote: 'Esityslista on Samvirkessa; sitä ei lähetetä sähköpostilla eikä kalenterikutsussa.',
};

const en: AgendaLabels = {
  dateLocale: 'en-GB',
  heading: 'SAMVIRKE · AGENDA',
  agenda: 'Agenda',
  kinds: { forum: 'SaLTo forum', case_conference: 'Case conference' },
  where: 'Where',
  participants: 'Participants',
  frozen: 'Frozen at the start of the meeting: cases as they stood then.',
  live: 'Cases as they stand now; the agenda is frozen when the meeting starts.',
  sections: {
    new_concerns: 'New concerns to refer',
    referrals_due: 'Referrals due for review',
    overdue_follow_ups: 'Overdue follow-ups',
    other: 'Other items',
  },
  nothing: 'Nothing this time.',
  item: 'Item',
  born: 'born {date}',
  concernFacts: 'Risk {risk} · {category} · {status} · logged {date} by {agency}',
  referralFacts: 'Referral to {agency} ({status}), review by {date}',
  followUpFacts: 'Follow-up due {date}, owner {name} ({agency})',
  escalated: ', escalated',
  footer:
    'CONFIDENTIAL — rendered for {name} ({agency}) on {when}. Personal data about children: do not copy or forward. Page {n} of {total}.',
  calendarNote: 'The agenda is in Samvirke; it is not sent by e-mail or calendar.',
};

/** The printed agenda's words in every language it is printed in. */
export const AGENDA_LABELS: Record<PackageLanguage, AgendaLabels> = { nb, nn, sv, da, fi, en };
