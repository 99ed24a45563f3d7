import type { Messages } from './en';
import { meetingsNb } from './meetings-nb';
import { oversightNb } from './oversight-nb';
import { exportsNb } from './exports-nb';
import { referralsNb } from './referrals-nb';
import { privacyNb } from './privacy-nb';
import { workNb } from './work-nb';

/** Norsk bokmål. */
export const nb: Messages = {
  'app.name': 'Samvirke',
  'app.skipToContent': 'Hopp til hovedinnholdet',
  'app.loading': 'Laster …',
  'app.restoring': 'Henter økten din …',

  'nav.label': 'Hovedmeny',
  'nav.home': 'Forside',
  'nav.profile': 'Profil',
  'shell.signedInAs': 'Logget inn som {name}, {agency}',
  'shell.signOut': 'Logg ut',
  'language.label': 'Språk',
  'language.nb': 'Norsk bokmål',
  'language.en': 'English',
  'language.sv': 'Svenska',
  'language.da': 'Dansk',
  'language.fi': 'Suomi',

  'signIn.title': 'Logg inn i Samvirke',
  'signIn.intro': 'Bruk e-postadressen og passordet til Samvirke-kontoen din.',
  'signIn.email': 'E-postadresse',
  'signIn.password': 'Passord',
  'signIn.submit': 'Logg inn',
  'signIn.totpTitle': 'Skriv inn koden fra autentiseringsappen',
  'signIn.totpIntro':
    'Kontoen din har en ekstra faktor. Åpne autentiseringsappen og skriv inn den sekssifrede koden for Samvirke.',
  'signIn.totp': 'Sekssifret kode',
  'signIn.totpSubmit': 'Bekreft og logg inn',
  'signIn.back': 'Bruk en annen konto',
  'signIn.expired': 'Økten din er avsluttet. Logg inn igjen for å fortsette der du var.',
  'signIn.signedOut': 'Du er logget ut.',
  'signIn.invalidCredentials': 'E-postadressen eller passordet er feil.',
  'signIn.invalidTotp': 'Koden er feil eller allerede brukt. Vent på en ny kode og prøv igjen.',
  'signIn.locked':
    'For mange mislykkede forsøk: kontoen er låst en stund. Prøv igjen om {minutes, plural, one {# minutt} other {# minutter}}.',
  'signIn.emailRequired': 'Skriv inn e-postadressen din',
  'signIn.passwordRequired': 'Skriv inn passordet ditt',
  'signIn.totpRequired': 'Skriv inn de seks sifrene i koden',

  'form.errorSummary': 'For å gå videre må du rette opp følgende:',

  'error.network': 'Får ikke kontakt med Samvirke. Sjekk nettverkstilkoblingen og prøv igjen; ingenting ble sendt.',
  'error.unavailable':
    'Samvirke kunne ikke gjøre dette akkurat nå. Handlingen ble ikke registrert, og ingenting ble vist. Prøv igjen om litt.',
  'error.conflict':
    'Noen andre endret dette mens du arbeidet med det: {detail} Last inn på nytt for å se endringen, og gjør så din endring igjen.',
  'error.conflictReload': 'Last inn på nytt',
  'error.conflictBy':
    '{who} endret dette {at, date, medium} kl. {at, time, short} mens du arbeidet med det. Last inn på nytt for å se endringen, og gjør din endring igjen.',
  'error.conflictUnseen':
    'Noen endret dette {at, date, medium} kl. {at, time, short} mens du arbeidet med det. Last inn på nytt for å se det, og gjør endringen din igjen.',
  'error.forbidden': 'Du har ikke lov til å gjøre dette.',
  'error.notFound': 'Dette finnes ikke, eller du har ikke tilgang til det.',
  'error.rateLimited': 'For mange forespørsler. Vent litt og prøv igjen.',
  'error.unexpected': 'Noe gikk galt: {detail}',
  'error.retry': 'Prøv igjen',

  'session.warningTitle': 'Økten din er i ferd med å avsluttes',
  'session.warningBody':
    'Du har vært inaktiv en stund. Av sikkerhetshensyn blir du logget ut om {seconds, plural, one {# sekund} other {# sekunder}}.',
  'session.stay': 'Forbli innlogget',
  'session.signOutNow': 'Logg ut nå',

  'home.title': 'Forside',
  'home.welcome': 'Velkommen, {name}.',

  'profile.title': 'Profil',
  'profile.details': 'Kontoen din',
  'profile.name': 'Navn',
  'profile.email': 'E-postadresse',
  'profile.agency': 'Virksomhet',
  'profile.roles': 'Roller',
  'profile.districts': 'Bydeler',
  'profile.none': 'Ingen',
  'profile.languageTitle': 'Språk',
  'profile.languageIntro': 'Samvirke bruker dette språket på alle datamaskiner du logger inn på.',
  'profile.languageSaved': 'Språket er lagret.',
  'profile.secondFactorTitle': 'Ekstra faktor',
  'profile.secondFactorOn': 'En ekstra faktor er satt opp: innlogging ber om en kode fra autentiseringsappen.',
  'profile.secondFactorOff': 'Ingen ekstra faktor er satt opp. Legg til en for å beskytte kontoen din.',
  'profile.secondFactorSetUp': 'Sett opp en ekstra faktor',
  'profile.secondFactorRemove': 'Fjern den ekstra faktoren',
  'profile.secondFactorRemoveCode': 'Kode fra autentiseringsappen, for å bekrefte',
  'profile.secondFactorRemoved': 'Den ekstra faktoren er fjernet.',

  'role.reporter': 'Melder',
  'role.case_worker': 'Saksbehandler',
  'role.coordinator': 'Koordinator',
  'role.forum_member': 'Forummedlem',
  'role.auditor': 'Revisor',
  'role.admin': 'Administrator',

  'enrol.title': 'Sett opp en ekstra faktor',
  'enrol.required': 'Rollen din krever en ekstra faktor før du kan bruke Samvirke. Sett den opp nå; det tar et minutt.',
  'enrol.step1':
    '1. Skann QR-koden med en autentiseringsapp (for eksempel Microsoft Authenticator eller Google Authenticator).',
  'enrol.qrAlt': 'QR-kode for å legge Samvirke til i en autentiseringsapp',
  'enrol.secretLabel': 'Eller skriv inn denne nøkkelen i appen:',
  'enrol.step2': '2. Skriv inn den sekssifrede koden appen viser, for å bekrefte.',
  'enrol.code': 'Sekssifret kode',
  'enrol.confirm': 'Bekreft',
  'enrol.done': 'Den ekstra faktoren er satt opp. Logg inn igjen med en kode fra appen.',
  'enrol.signInAgain': 'Logg inn igjen',
  'enrol.invalidCode': 'Koden stemmer ikke. Sjekk klokken på telefonen og prøv en ny kode.',

  'notFound.title': 'Fant ikke siden',
  'notFound.body': 'Det finnes ingen side på denne adressen.',
  'notFound.home': 'Gå til forsiden',

  ...workNb,
  ...referralsNb,
  ...privacyNb,
  ...meetingsNb,
  ...oversightNb,
  ...exportsNb,
};
