import { PackageLanguage } from './access-package-vocabulary';

/** Every word the printed package uses, once per language. `{n}` and `{total}` are filled in. */
export interface PackageLabels {
  title: string;
  intro: string;
  generatedAt: string;
  purpose: string;
  compiledBy: string;
  timeZone: string;
  // the person
  person: string;
  pseudonym: string;
  name: string;
  dateOfBirth: string;
  district: string;
  registered: string;
  anonymised: string;
  // sections
  concerns: string;
  referrals: string;
  consents: string;
  agendaItems: string;
  followUps: string;
  legalHolds: string;
  links: string;
  withheld: string;
  accessLog: string;
  recipients: string;
  nothing: string;
  // fields
  category: string;
  riskLevel: string;
  status: string;
  source: string;
  narrative: string;
  triage: string;
  owningAgency: string;
  loggedAt: string;
  toAgency: string;
  programme: string;
  legalBasis: string;
  consentReference: string;
  reason: string;
  outcome: string;
  declineReason: string;
  reviewDate: string;
  notes: string;
  heldByRecipient: string;
  givenBy: string;
  guardian: string;
  agencies: string;
  validUntil: string;
  withdrawnAt: string;
  meeting: string;
  decision: string;
  dueAt: string;
  until: string;
  liftedAt: string;
  active: string;
  linkedRecord: string;
  removed: string;
  withheldIntro: string;
  heldBy: string;
  since: string;
  ask: string;
  accessLogIntro: string;
  actor: string;
  agency: string;
  action: string;
  basis: string;
  allowed: string;
  denied: string;
  system: string;
  accesses: string;
  firstAndLast: string;
  footer: string;
}

const nb: PackageLabels = {
  title: 'Innsyn i personopplysninger',
  intro:
    'Dette er alt Samvirke har registrert om deg på tvers av etatene, og hvem som har sett det. Opplysninger som politiet eller helsetjenesten har etter egne regler, er bare listet opp, med hvem du kan spørre.',
  generatedAt: 'Laget',
  purpose: 'Formål',
  compiledBy: 'Satt sammen av',
  timeZone: 'Tidssone',
  person: 'Personen',
  pseudonym: 'Pseudonym',
  name: 'Navn',
  dateOfBirth: 'Fødselsdato',
  district: 'Bydel',
  registered: 'Registrert',
  anonymised: 'anonymisert',
  concerns: 'Bekymringsmeldinger',
  referrals: 'Henvisninger',
  consents: 'Samtykker',
  agendaItems: 'Saker i møter og vedtak',
  followUps: 'Oppfølginger',
  legalHolds: 'Bevaringspålegg',
  links: 'Koblinger',
  withheld: 'Opplysninger hos andre etater',
  accessLog: 'Tilgangslogg',
  recipients: 'Mottakere etter etat',
  nothing: 'Ingenting registrert.',
  category: 'Kategori',
  riskLevel: 'Risiko',
  status: 'Status',
  source: 'Kilde',
  narrative: 'Beskrivelse',
  triage: 'Vurdering',
  owningAgency: 'Ansvarlig etat',
  loggedAt: 'Meldt',
  toAgency: 'Til',
  programme: 'Tiltak',
  legalBasis: 'Rettslig grunnlag',
  consentReference: 'Samtykke',
  reason: 'Begrunnelse',
  outcome: 'Utfall',
  declineReason: 'Avslått fordi',
  reviewDate: 'Gjennomgås',
  notes: 'Notater',
  heldByRecipient: 'Hva som ble gjort, har mottakeren etter egne regler: se opplysninger hos andre etater.',
  givenBy: 'Gitt av',
  guardian: 'Foresatt',
  agencies: 'Etater',
  validUntil: 'Gyldig til',
  withdrawnAt: 'Trukket tilbake',
  meeting: 'Møte',
  decision: 'Vedtak',
  dueAt: 'Frist',
  until: 'Til',
  liftedAt: 'Opphevet',
  active: 'gjeldende',
  linkedRecord: 'Koblet til en annen persons registrering',
  removed: 'fjernet',
  withheldIntro:
    'Disse opplysningene har politiet eller helsetjenesten etter egne regler. Be den nevnte etaten om innsyn.',
  heldBy: 'Hos',
  since: 'Fra',
  ask: 'Spør',
  accessLogIntro: 'Hver gang noen har sett eller endret opplysninger om deg: når, hvem, hvilken etat, hva og hvorfor.',
  actor: 'Hvem',
  agency: 'Etat',
  action: 'Hva',
  basis: 'Grunnlag',
  allowed: 'tillatt',
  denied: 'avvist',
  system: 'Samvirke (automatisk)',
  accesses: 'tilganger',
  firstAndLast: 'første og siste',
  footer: 'Innsyn for {name}. Fortrolig. Side {n} av {total}.',
};

const nn: PackageLabels = {
  pseudonym: 'Pseudonym',
  district: 'Bydel',
  registered: 'Registrert',
  category: 'Kategori',
  riskLevel: 'Risiko',
  status: 'Status',
  triage: 'Vurdering',
  loggedAt: 'Meldt',
  toAgency: 'Til',
  consentReference: 'Samtykke',
  outcome: 'Utfall',
  reviewDate: 'Vert gått gjennom',
  validUntil: 'Gyldig til',
  decision: 'Vedtak',
  dueAt: 'Frist',
  until: 'Til',
  liftedAt: 'Oppheva',
  active: 'gjeldande',
  removed: 'fjerna',
  heldBy: 'Hos',
  since: 'Frå',
  agency: 'Etat',
  basis: 'Grunnlag',
  allowed: 'tillate',
  system: 'Samvirke (automatisk)',
  title: 'Innsyn i personopplysningar',
  intro:
    'Dette er alt Samvirke har registrert om deg på tvers av etatane, og kven som har sett det. Opplysningar som politiet eller helsetenesta har etter eigne reglar, er berre lista opp, med kven du kan spørje.',
  generatedAt: 'Laga',
  purpose: 'Føremål',
  compiledBy: 'Sett saman av',
  timeZone: 'Tidssone',
  person: 'Personen',
  name: 'Namn',
  dateOfBirth: 'Fødselsdato',
  anonymised: 'anonymisert',
  concerns: 'Uromeldingar',
  referrals: 'Tilvisingar',
  consents: 'Samtykke',
  agendaItems: 'Saker i møte og vedtak',
  followUps: 'Oppfølgingar',
  legalHolds: 'Pålegg om å ta vare på',
  links: 'Koplingar',
  withheld: 'Opplysningar hos andre etatar',
  accessLog: 'Tilgangslogg',
  recipients: 'Mottakarar etter etat',
  nothing: 'Ingenting registrert.',
  source: 'Kjelde',
  narrative: 'Skildring',
  owningAgency: 'Ansvarleg etat',
  programme: 'Tiltak',
  legalBasis: 'Rettsleg grunnlag',
  reason: 'Grunngjeving',
  declineReason: 'Avslått fordi',
  notes: 'Notat',
  heldByRecipient: 'Kva som vart gjort, har mottakaren etter eigne reglar: sjå opplysningar hos andre etatar.',
  givenBy: 'Gjeve av',
  guardian: 'Føresett',
  agencies: 'Etatar',
  withdrawnAt: 'Trekt tilbake',
  meeting: 'Møte',
  linkedRecord: 'Kopla til ein annan person si registrering',
  withheldIntro:
    'Desse opplysningane har politiet eller helsetenesta etter eigne reglar. Be den nemnde etaten om innsyn.',
  ask: 'Spør',
  accessLogIntro: 'Kvar gong nokon har sett eller endra opplysningar om deg: når, kven, kva etat, kva og kvifor.',
  actor: 'Kven',
  action: 'Kva',
  denied: 'avvist',
  accesses: 'tilgangar',
  firstAndLast: 'første og siste',
  footer: 'Innsyn for {name}. Fortruleg. Side {n} av {total}.',
};

const sv: PackageLabels = {
  title: 'Registerutdrag',
  intro:
    'Detta är allt Samvirke har registrerat om dig hos de olika myndigheterna, och vem som har sett det. Uppgifter som polisen eller hälso- och sjukvården har enligt egna regler anges bara, med vem du kan fråga.',
  generatedAt: 'Skapat',
  purpose: 'Ändamål',
  compiledBy: 'Sammanställt av',
  timeZone: 'Tidszon',
  person: 'Personen',
  pseudonym: 'Pseudonym',
  name: 'Namn',
  dateOfBirth: 'Födelsedatum',
  district: 'Stadsdel',
  registered: 'Registrerad',
  anonymised: 'anonymiserad',
  concerns: 'Orosanmälningar',
  referrals: 'Remisser',
  consents: 'Samtycken',
  agendaItems: 'Ärenden på möten och beslut',
  followUps: 'Uppföljningar',
  legalHolds: 'Bevarandebeslut',
  links: 'Kopplingar',
  withheld: 'Uppgifter hos andra myndigheter',
  accessLog: 'Åtkomstlogg',
  recipients: 'Mottagare per myndighet',
  nothing: 'Inget registrerat.',
  category: 'Kategori',
  riskLevel: 'Risk',
  status: 'Status',
  source: 'Källa',
  narrative: 'Beskrivning',
  triage: 'Bedömning',
  owningAgency: 'Ansvarig myndighet',
  loggedAt: 'Anmäld',
  toAgency: 'Till',
  programme: 'Insats',
  legalBasis: 'Rättslig grund',
  consentReference: 'Samtycke',
  reason: 'Motivering',
  outcome: 'Utfall',
  declineReason: 'Avböjd eftersom',
  reviewDate: 'Ses över',
  notes: 'Anteckningar',
  heldByRecipient: 'Vad som gjordes har mottagaren enligt egna regler: se uppgifter hos andra myndigheter.',
  givenBy: 'Lämnat av',
  guardian: 'Vårdnadshavare',
  agencies: 'Myndigheter',
  validUntil: 'Giltigt till',
  withdrawnAt: 'Återkallat',
  meeting: 'Möte',
  decision: 'Beslut',
  dueAt: 'Senast',
  until: 'Till',
  liftedAt: 'Upphävt',
  active: 'gällande',
  linkedRecord: 'Kopplad till en annan persons registrering',
  removed: 'borttagen',
  withheldIntro:
    'Dessa uppgifter har polisen eller hälso- och sjukvården enligt egna regler. Begär registerutdrag hos den angivna myndigheten.',
  heldBy: 'Hos',
  since: 'Från',
  ask: 'Fråga',
  accessLogIntro:
    'Varje gång någon har sett eller ändrat uppgifter om dig: när, vem, vilken myndighet, vad och varför.',
  actor: 'Vem',
  agency: 'Myndighet',
  action: 'Vad',
  basis: 'Grund',
  allowed: 'tillåten',
  denied: 'nekad',
  system: 'Samvirke (automatiskt)',
  accesses: 'åtkomster',
  firstAndLast: 'första och senaste',
  footer: 'Registerutdrag för {name}. Konfidentiellt. Sida {n} av {total}.',
};

const da: PackageLabels = {
  title: 'Indsigt i personoplysninger',
  intro:
    'Dette er alt, hvad Samvirke har registreret om dig på tværs af myndighederne, og hvem der har set det. Oplysninger, som politiet eller sundhedsvæsenet har efter egne regler, er kun nævnt, med hvem du kan spørge.',
  generatedAt: 'Dannet',
  purpose: 'Formål',
  compiledBy: 'Samlet af',
  timeZone: 'Tidszone',
  person: 'Personen',
  pseudonym: 'Pseudonym',
  name: 'Navn',
  dateOfBirth: 'Fødselsdato',
  district: 'Bydel',
  registered: 'Registreret',
  anonymised: 'anonymiseret',
  concerns: 'Underretninger',
  referrals: 'Henvisninger',
  consents: 'Samtykker',
  agendaItems: 'Sager på møder og beslutninger',
  followUps: 'Opfølgninger',
  legalHolds: 'Pålæg om opbevaring',
  links: 'Koblinger',
  withheld: 'Oplysninger hos andre myndigheder',
  accessLog: 'Adgangslog',
  recipients: 'Modtagere efter myndighed',
  nothing: 'Intet registreret.',
  category: 'Kategori',
  riskLevel: 'Risiko',
  status: 'Status',
  source: 'Kilde',
  narrative: 'Beskrivelse',
  triage: 'Vurdering',
  owningAgency: 'Ansvarlig myndighed',
  loggedAt: 'Indberettet',
  toAgency: 'Til',
  programme: 'Indsats',
  legalBasis: 'Retsgrundlag',
  consentReference: 'Samtykke',
  reason: 'Begrundelse',
  outcome: 'Udfald',
  declineReason: 'Afvist fordi',
  reviewDate: 'Gennemgås',
  notes: 'Notater',
  heldByRecipient: 'Hvad der blev gjort, har modtageren efter egne regler: se oplysninger hos andre myndigheder.',
  givenBy: 'Givet af',
  guardian: 'Forælder med forældremyndighed',
  agencies: 'Myndigheder',
  validUntil: 'Gyldigt til',
  withdrawnAt: 'Tilbagekaldt',
  meeting: 'Møde',
  decision: 'Beslutning',
  dueAt: 'Frist',
  until: 'Til',
  liftedAt: 'Ophævet',
  active: 'gældende',
  linkedRecord: 'Koblet til en anden persons registrering',
  removed: 'fjernet',
  withheldIntro:
    'Disse oplysninger har politiet eller sundhedsvæsenet efter egne regler. Bed den nævnte myndighed om indsigt.',
  heldBy: 'Hos',
  since: 'Fra',
  ask: 'Spørg',
  accessLogIntro:
    'Hver gang nogen har set eller ændret oplysninger om dig: hvornår, hvem, hvilken myndighed, hvad og hvorfor.',
  actor: 'Hvem',
  agency: 'Myndighed',
  action: 'Hvad',
  basis: 'Grundlag',
  allowed: 'tilladt',
  denied: 'afvist',
  system: 'Samvirke (automatisk)',
  accesses: 'adgange',
  firstAndLast: 'første og seneste',
  footer: 'Indsigt for {name}. Fortroligt. Side {n} af {total}.',
};

const fi: PackageLabels = {
  title: 'Tarkastusoikeus: sinusta tallennetut tiedot',
  intro:
    'Tässä on kaikki, mitä Samvirkeen on eri viranomaisissa tallennettu sinusta, ja kuka tietoja on nähnyt. Poliisin tai terveydenhuollon omien sääntöjensä mukaan hallussa pitämät tiedot on vain lueteltu, ja kerrottu keneltä voit kysyä.',
  generatedAt: 'Laadittu',
  purpose: 'Tarkoitus',
  compiledBy: 'Kokoaja',
  timeZone: 'Aikavyöhyke',
  person: 'Henkilö',
  pseudonym: 'Pseudonyymi',
  name: 'Nimi',
  dateOfBirth: 'Syntymäaika',
  district: 'Kaupunginosa',
  registered: 'Rekisteröity',
  anonymised: 'anonymisoitu',
  concerns: 'Huoli-ilmoitukset',
  referrals: 'Lähetteet',
  consents: 'Suostumukset',
  agendaItems: 'Kokousten asiat ja päätökset',
  followUps: 'Seurannat',
  legalHolds: 'Säilyttämismääräykset',
  links: 'Yhdistämiset',
  withheld: 'Muiden viranomaisten hallussa olevat tiedot',
  accessLog: 'Käyttöloki',
  recipients: 'Vastaanottajat viranomaisittain',
  nothing: 'Ei tallennettuja tietoja.',
  category: 'Luokka',
  riskLevel: 'Riski',
  status: 'Tila',
  source: 'Lähde',
  narrative: 'Kuvaus',
  triage: 'Arvio',
  owningAgency: 'Vastuuviranomainen',
  loggedAt: 'Ilmoitettu',
  toAgency: 'Vastaanottaja',
  programme: 'Toimenpide',
  legalBasis: 'Oikeusperuste',
  consentReference: 'Suostumus',
  reason: 'Perustelu',
  outcome: 'Lopputulos',
  declineReason: 'Hylätty, koska',
  reviewDate: 'Tarkistetaan',
  notes: 'Muistiinpanot',
  heldByRecipient:
    'Toimenpiteet ovat vastaanottajan hallussa sen omien sääntöjen mukaan: katso muiden viranomaisten tiedot.',
  givenBy: 'Antaja',
  guardian: 'Huoltaja',
  agencies: 'Viranomaiset',
  validUntil: 'Voimassa',
  withdrawnAt: 'Peruttu',
  meeting: 'Kokous',
  decision: 'Päätös',
  dueAt: 'Määräaika',
  until: 'Asti',
  liftedAt: 'Kumottu',
  active: 'voimassa',
  linkedRecord: 'Yhdistetty toisen henkilön tietoihin',
  removed: 'poistettu',
  withheldIntro:
    'Nämä tiedot ovat poliisin tai terveydenhuollon hallussa niiden omien sääntöjen mukaan. Pyydä tietoja mainitulta viranomaiselta.',
  heldBy: 'Hallussa',
  since: 'Alkaen',
  ask: 'Kysy',
  accessLogIntro:
    'Jokainen kerta, kun joku on nähnyt tai muuttanut tietojasi: milloin, kuka, mikä viranomainen, mitä ja miksi.',
  actor: 'Kuka',
  agency: 'Viranomainen',
  action: 'Mitä',
  basis: 'Peruste',
  allowed: 'sallittu',
  denied: 'estetty',
  system: 'Samvirke (automaattinen)',
  accesses: 'käyttökertaa',
  firstAndLast: 'ensimmäinen ja viimeisin',
  footer: 'Tiedot henkilölle {name}. Luottamuksellinen. Sivu {n}/{total}.',
};

const en: PackageLabels = {
  title: 'Access to your personal data',
  intro:
    'This is everything Samvirke holds about you across the agencies, and who has seen it. Records the police or a health service hold under their own rules are only listed, with whom to ask.',
  generatedAt: 'Compiled',
  purpose: 'Purpose',
  compiledBy: 'Compiled by',
  timeZone: 'Time zone',
  person: 'The person',
  pseudonym: 'Pseudonym',
  name: 'Name',
  dateOfBirth: 'Date of birth',
  district: 'District',
  registered: 'Registered',
  anonymised: 'anonymised',
  concerns: 'Concerns',
  referrals: 'Referrals',
  consents: 'Consents',
  agendaItems: 'Meeting agenda items and decisions',
  followUps: 'Follow-ups',
  legalHolds: 'Legal holds',
  links: 'Links',
  withheld: 'Records held by other agencies',
  accessLog: 'Access log',
  recipients: 'Recipients by agency',
  nothing: 'Nothing recorded.',
  category: 'Category',
  riskLevel: 'Risk',
  status: 'Status',
  source: 'Source',
  narrative: 'Description',
  triage: 'Assessment',
  owningAgency: 'Responsible agency',
  loggedAt: 'Logged',
  toAgency: 'To',
  programme: 'Programme',
  legalBasis: 'Legal basis',
  consentReference: 'Consent',
  reason: 'Reason',
  outcome: 'Outcome',
  declineReason: 'Declined because',
  reviewDate: 'Review by',
  notes: 'Notes',
  heldByRecipient: 'What was done is held by the recipient under its own rules: see records held by other agencies.',
  givenBy: 'Given by',
  guardian: 'Guardian',
  agencies: 'Agencies',
  validUntil: 'Valid until',
  withdrawnAt: 'Withdrawn',
  meeting: 'Meeting',
  decision: 'Decision',
  dueAt: 'Due',
  until: 'Until',
  liftedAt: 'Lifted',
  active: 'in force',
  linkedRecord: 'Linked to another person’s record',
  removed: 'removed',
  withheldIntro: 'The police or a health service hold these records under their own rules. Ask the agency named.',
  heldBy: 'Held by',
  since: 'Since',
  ask: 'Ask',
  accessLogIntro: 'Every time someone saw or changed your records: when, who, which agency, what and why.',
  actor: 'Who',
  agency: 'Agency',
  action: 'What',
  basis: 'Basis',
  allowed: 'allowed',
  denied: 'refused',
  system: 'Samvirke (automatic)',
  accesses: 'accesses',
  firstAndLast: 'first and last',
  footer: 'Access package for {name}. Confidential. Page {n} of {total}.',
};

/** The labels of every language a package is printed in. */
export const PACKAGE_LABELS: Record<PackageLanguage, PackageLabels> = { nb, nn, sv, da, fi, en };

/** A label with its `{placeholders}` filled in. */
export function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
