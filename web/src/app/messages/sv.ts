import type { Messages } from './en';
import { meetingsSv } from './meetings-sv';
import { oversightSv } from './oversight-sv';
import { exportsSv } from './exports-sv';
import { referralsSv } from './referrals-sv';
import { privacySv } from './privacy-sv';
import { workSv } from './work-sv';

/** Svenska. */
export const sv: Messages = {
  'app.name': 'Samvirke',
  'app.skipToContent': 'Hoppa till huvudinnehållet',
  'app.loading': 'Laddar …',
  'app.restoring': 'Återställer din session …',

  'nav.label': 'Huvudmeny',
  'nav.home': 'Start',
  'nav.profile': 'Profil',
  'shell.signedInAs': 'Inloggad som {name}, {agency}',
  'shell.signOut': 'Logga ut',
  'language.label': 'Språk',
  'language.nb': 'Norsk bokmål',
  'language.en': 'English',
  'language.sv': 'Svenska',
  'language.da': 'Dansk',
  'language.fi': 'Suomi',

  'signIn.title': 'Logga in i Samvirke',
  'signIn.intro': 'Använd e-postadressen och lösenordet till ditt Samvirke-konto.',
  'signIn.email': 'E-postadress',
  'signIn.password': 'Lösenord',
  'signIn.submit': 'Logga in',
  'signIn.totpTitle': 'Ange koden från din autentiseringsapp',
  'signIn.totpIntro':
    'Ditt konto har en andra faktor. Öppna autentiseringsappen och skriv den sexsiffriga koden för Samvirke.',
  'signIn.totp': 'Sexsiffrig kod',
  'signIn.totpSubmit': 'Bekräfta och logga in',
  'signIn.back': 'Använd ett annat konto',
  'signIn.expired': 'Din session har avslutats. Logga in igen för att fortsätta där du var.',
  'signIn.signedOut': 'Du är utloggad.',
  'signIn.invalidCredentials': 'E-postadressen eller lösenordet är fel.',
  'signIn.invalidTotp': 'Koden är fel eller har redan använts. Vänta på en ny kod och försök igen.',
  'signIn.locked':
    'För många misslyckade försök: kontot är låst en stund. Försök igen om {minutes, plural, one {# minut} other {# minuter}}.',
  'signIn.emailRequired': 'Ange din e-postadress',
  'signIn.passwordRequired': 'Ange ditt lösenord',
  'signIn.totpRequired': 'Ange kodens sex siffror',

  'form.errorSummary': 'Rätta följande för att gå vidare:',

  'error.network': 'Samvirke går inte att nå. Kontrollera nätverksanslutningen och försök igen; ingenting skickades.',
  'error.unavailable':
    'Samvirke kunde inte göra detta just nu. Åtgärden registrerades inte och ingenting visades. Försök igen om en stund.',
  'error.conflict':
    'Någon annan ändrade detta medan du arbetade med det: {detail} Ladda om för att se ändringen och gör sedan din ändring igen.',
  'error.conflictReload': 'Ladda om',
  'error.conflictBy':
    '{who} ändrade detta {at, date, medium} kl. {at, time, short} medan du arbetade med det. Ladda om för att se ändringen och gör sedan din ändring igen.',
  'error.conflictUnseen':
    'Någon ändrade detta {at, date, medium} kl. {at, time, short} medan du arbetade med det. Ladda om för att se det och gör sedan din ändring igen.',
  'error.forbidden': 'Du har inte behörighet att göra detta.',
  'error.notFound': 'Detta finns inte, eller så har du inte behörighet att se det.',
  'error.rateLimited': 'För många förfrågningar. Vänta en stund och försök igen.',
  'error.unexpected': 'Något gick fel: {detail}',
  'error.retry': 'Försök igen',

  'session.warningTitle': 'Din session håller på att avslutas',
  'session.warningBody':
    'Du har varit inaktiv en stund. Av säkerhetsskäl loggas du ut om {seconds, plural, one {# sekund} other {# sekunder}}.',
  'session.stay': 'Förbli inloggad',
  'session.signOutNow': 'Logga ut nu',

  'home.title': 'Start',
  'home.welcome': 'Välkommen, {name}.',

  'profile.title': 'Profil',
  'profile.details': 'Ditt konto',
  'profile.name': 'Namn',
  'profile.email': 'E-postadress',
  'profile.agency': 'Verksamhet',
  'profile.roles': 'Roller',
  'profile.districts': 'Stadsdelar',
  'profile.none': 'Inga',
  'profile.languageTitle': 'Språk',
  'profile.languageIntro': 'Samvirke använder det här språket på alla datorer du loggar in på.',
  'profile.languageSaved': 'Språket är sparat.',
  'profile.secondFactorTitle': 'Andra faktor',
  'profile.secondFactorOn': 'En andra faktor är inställd: inloggningen ber om en kod från din autentiseringsapp.',
  'profile.secondFactorOff': 'Ingen andra faktor är inställd. Lägg till en för att skydda ditt konto.',
  'profile.secondFactorSetUp': 'Ställ in en andra faktor',
  'profile.secondFactorRemove': 'Ta bort den andra faktorn',
  'profile.secondFactorRemoveCode': 'Kod från din autentiseringsapp, för att bekräfta',
  'profile.secondFactorRemoved': 'Den andra faktorn är borttagen.',

  'role.reporter': 'Anmälare',
  'role.case_worker': 'Handläggare',
  'role.coordinator': 'Samordnare',
  'role.forum_member': 'Forumdeltagare',
  'role.auditor': 'Granskare',
  'role.admin': 'Administratör',

  'enrol.title': 'Ställ in en andra faktor',
  'enrol.required': 'Din roll kräver en andra faktor innan du kan använda Samvirke. Ställ in den nu; det tar en minut.',
  'enrol.step1':
    '1. Skanna QR-koden med en autentiseringsapp (till exempel Microsoft Authenticator eller Google Authenticator).',
  'enrol.qrAlt': 'QR-kod för att lägga till Samvirke i en autentiseringsapp',
  'enrol.secretLabel': 'Eller skriv in den här nyckeln i appen:',
  'enrol.step2': '2. Skriv den sexsiffriga kod som appen visar, för att bekräfta.',
  'enrol.code': 'Sexsiffrig kod',
  'enrol.confirm': 'Bekräfta',
  'enrol.done': 'Den andra faktorn är inställd. Logga in igen med en kod från appen.',
  'enrol.signInAgain': 'Logga in igen',
  'enrol.invalidCode': 'Koden stämmer inte. Kontrollera klockan i telefonen och försök med en ny kod.',

  'notFound.title': 'Sidan hittades inte',
  'notFound.body': 'Det finns ingen sida på den här adressen.',
  'notFound.home': 'Gå till startsidan',

  ...workSv,
  ...referralsSv,
  ...privacySv,
  ...meetingsSv,
  ...oversightSv,
  ...exportsSv,
};
