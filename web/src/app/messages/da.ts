import type { Messages } from './en';
import { meetingsDa } from './meetings-da';
import { oversightDa } from './oversight-da';
import { exportsDa } from './exports-da';
import { referralsDa } from './referrals-da';
import { privacyDa } from './privacy-da';
import { workDa } from './work-da';

/** Dansk. */
export const da: Messages = {
  'app.name': 'Samvirke',
  'app.skipToContent': 'Spring til hovedindholdet',
  'app.loading': 'Indlæser …',
  'app.restoring': 'Genopretter din session …',

  'nav.label': 'Hovedmenu',
  'nav.home': 'Forside',
  'nav.profile': 'Profil',
  'shell.signedInAs': 'Logget ind som {name}, {agency}',
  'shell.signOut': 'Log ud',
  'language.label': 'Sprog',
  'language.nb': 'Norsk bokmål',
  'language.en': 'English',
  'language.sv': 'Svenska',
  'language.da': 'Dansk',
  'language.fi': 'Suomi',

  'signIn.title': 'Log ind i Samvirke',
  'signIn.intro': 'Brug e-mailadressen og adgangskoden til din Samvirke-konto.',
  'signIn.email': 'E-mailadresse',
  'signIn.password': 'Adgangskode',
  'signIn.submit': 'Log ind',
  'signIn.totpTitle': 'Indtast koden fra din godkendelsesapp',
  'signIn.totpIntro':
    'Din konto har en ekstra faktor. Åbn godkendelsesappen, og indtast den sekscifrede kode til Samvirke.',
  'signIn.totp': 'Sekscifret kode',
  'signIn.totpSubmit': 'Bekræft og log ind',
  'signIn.back': 'Brug en anden konto',
  'signIn.expired': 'Din session er udløbet. Log ind igen for at fortsætte, hvor du slap.',
  'signIn.signedOut': 'Du er logget ud.',
  'signIn.invalidCredentials': 'E-mailadressen eller adgangskoden er forkert.',
  'signIn.invalidTotp': 'Koden er forkert eller allerede brugt. Vent på en ny kode, og prøv igen.',
  'signIn.locked':
    'For mange mislykkede forsøg: kontoen er låst et stykke tid. Prøv igen om {minutes, plural, one {# minut} other {# minutter}}.',
  'signIn.emailRequired': 'Indtast din e-mailadresse',
  'signIn.passwordRequired': 'Indtast din adgangskode',
  'signIn.totpRequired': 'Indtast kodens seks cifre',

  'form.errorSummary': 'Ret følgende for at gå videre:',

  'error.network': 'Samvirke kan ikke nås. Tjek din netværksforbindelse, og prøv igen; intet blev sendt.',
  'error.unavailable':
    'Samvirke kunne ikke gøre dette lige nu. Handlingen blev ikke registreret, og intet blev vist. Prøv igen om lidt.',
  'error.conflict':
    'En anden ændrede dette, mens du arbejdede med det: {detail} Genindlæs for at se ændringen, og foretag derefter din ændring igen.',
  'error.conflictReload': 'Genindlæs',
  'error.conflictBy':
    '{who} ændrede dette {at, date, medium} kl. {at, time, short}, mens du arbejdede med det. Genindlæs for at se ændringen, og foretag derefter din ændring igen.',
  'error.conflictUnseen':
    'Nogen ændrede dette {at, date, medium} kl. {at, time, short}, mens du arbejdede med det. Genindlæs for at se det, og foretag derefter din ændring igen.',
  'error.forbidden': 'Du har ikke tilladelse til at gøre dette.',
  'error.notFound': 'Dette findes ikke, eller du har ikke adgang til at se det.',
  'error.rateLimited': 'For mange forespørgsler. Vent lidt, og prøv igen.',
  'error.unexpected': 'Noget gik galt: {detail}',
  'error.retry': 'Prøv igen',

  'session.warningTitle': 'Din session er ved at udløbe',
  'session.warningBody':
    'Du har været inaktiv et stykke tid. Af sikkerhedshensyn bliver du logget ud om {seconds, plural, one {# sekund} other {# sekunder}}.',
  'session.stay': 'Forbliv logget ind',
  'session.signOutNow': 'Log ud nu',

  'home.title': 'Forside',
  'home.welcome': 'Velkommen, {name}.',

  'profile.title': 'Profil',
  'profile.details': 'Din konto',
  'profile.name': 'Navn',
  'profile.email': 'E-mailadresse',
  'profile.agency': 'Myndighed',
  'profile.roles': 'Roller',
  'profile.districts': 'Bydele',
  'profile.none': 'Ingen',
  'profile.languageTitle': 'Sprog',
  'profile.languageIntro': 'Samvirke bruger dette sprog på alle computere, du logger ind på.',
  'profile.languageSaved': 'Sproget er gemt.',
  'profile.secondFactorTitle': 'Ekstra faktor',
  'profile.secondFactorOn':
    'En ekstra faktor er sat op: når du logger ind, beder vi om en kode fra din godkendelsesapp.',
  'profile.secondFactorOff': 'Der er ikke sat en ekstra faktor op. Tilføj en for at beskytte din konto.',
  'profile.secondFactorSetUp': 'Sæt en ekstra faktor op',
  'profile.secondFactorRemove': 'Fjern den ekstra faktor',
  'profile.secondFactorRemoveCode': 'Kode fra din godkendelsesapp, til bekræftelse',
  'profile.secondFactorRemoved': 'Den ekstra faktor er fjernet.',

  'role.reporter': 'Indberetter',
  'role.case_worker': 'Sagsbehandler',
  'role.coordinator': 'Koordinator',
  'role.forum_member': 'Forumdeltager',
  'role.auditor': 'Revisor',
  'role.admin': 'Administrator',

  'enrol.title': 'Sæt en ekstra faktor op',
  'enrol.required': 'Din rolle kræver en ekstra faktor, før du kan bruge Samvirke. Sæt den op nu; det tager et minut.',
  'enrol.step1':
    '1. Scan QR-koden med en godkendelsesapp (for eksempel Microsoft Authenticator eller Google Authenticator).',
  'enrol.qrAlt': 'QR-kode til at tilføje Samvirke i en godkendelsesapp',
  'enrol.secretLabel': 'Eller indtast denne nøgle i appen:',
  'enrol.step2': '2. Indtast den sekscifrede kode, som appen viser, for at bekræfte.',
  'enrol.code': 'Sekscifret kode',
  'enrol.confirm': 'Bekræft',
  'enrol.done': 'Den ekstra faktor er sat op. Log ind igen med en kode fra appen.',
  'enrol.signInAgain': 'Log ind igen',
  'enrol.invalidCode': 'Koden passer ikke. Tjek klokken på din telefon, og prøv en ny kode.',

  'notFound.title': 'Siden blev ikke fundet',
  'notFound.body': 'Der er ingen side på denne adresse.',
  'notFound.home': 'Gå til forsiden',

  ...workDa,
  ...referralsDa,
  ...privacyDa,
  ...meetingsDa,
  ...oversightDa,
  ...exportsDa,
};
