import type { Messages } from './en';
import { meetingsFi } from './meetings-fi';
import { oversightFi } from './oversight-fi';
import { exportsFi } from './exports-fi';
import { referralsFi } from './referrals-fi';
import { privacyFi } from './privacy-fi';
import { workFi } from './work-fi';

/** Suomi. */
export const fi: Messages = {
  'app.name': 'Samvirke',
  'app.skipToContent': 'Siirry pääsisältöön',
  'app.loading': 'Ladataan …',
  'app.restoring': 'Palautetaan istuntoasi …',

  'nav.label': 'Päävalikko',
  'nav.home': 'Etusivu',
  'nav.profile': 'Profiili',
  'shell.signedInAs': 'Kirjautuneena: {name}, {agency}',
  'shell.signOut': 'Kirjaudu ulos',
  'language.label': 'Kieli',
  'language.nb': 'Norsk bokmål',
  'language.en': 'English',
  'language.sv': 'Svenska',
  'language.da': 'Dansk',
  'language.fi': 'Suomi',

  'signIn.title': 'Kirjaudu Samvirkeen',
  'signIn.intro': 'Käytä Samvirke-tilisi sähköpostiosoitetta ja salasanaa.',
  'signIn.email': 'Sähköpostiosoite',
  'signIn.password': 'Salasana',
  'signIn.submit': 'Kirjaudu sisään',
  'signIn.totpTitle': 'Anna todennussovelluksen koodi',
  'signIn.totpIntro':
    'Tililläsi on toinen tunnistautumistekijä. Avaa todennussovellus ja kirjoita Samvirken kuusinumeroinen koodi.',
  'signIn.totp': 'Kuusinumeroinen koodi',
  'signIn.totpSubmit': 'Vahvista ja kirjaudu',
  'signIn.back': 'Käytä toista tiliä',
  'signIn.expired': 'Istuntosi päättyi. Kirjaudu uudelleen, niin voit jatkaa siitä, mihin jäit.',
  'signIn.signedOut': 'Olet kirjautunut ulos.',
  'signIn.invalidCredentials': 'Sähköpostiosoite tai salasana on väärä.',
  'signIn.invalidTotp': 'Koodi on väärä tai jo käytetty. Odota uutta koodia ja yritä uudelleen.',
  'signIn.locked':
    'Liian monta epäonnistunutta yritystä: tili on lukittu hetkeksi. Yritä uudelleen {minutes, plural, one {# minuutin} other {# minuutin}} kuluttua.',
  'signIn.emailRequired': 'Anna sähköpostiosoitteesi',
  'signIn.passwordRequired': 'Anna salasanasi',
  'signIn.totpRequired': 'Anna koodin kuusi numeroa',

  'form.errorSummary': 'Korjaa seuraavat kohdat jatkaaksesi:',

  'error.network': 'Samvirkeen ei saada yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen; mitään ei lähetetty.',
  'error.unavailable':
    'Samvirke ei pystynyt tekemään tätä juuri nyt. Toimintoa ei kirjattu eikä mitään näytetty. Yritä hetken kuluttua uudelleen.',
  'error.conflict':
    'Joku muu muutti tätä sillä aikaa, kun työskentelit sen parissa: {detail} Lataa sivu uudelleen nähdäksesi muutoksen ja tee sitten oma muutoksesi uudelleen.',
  'error.conflictReload': 'Lataa uudelleen',
  'error.conflictBy':
    '{who} muutti tätä {at, date, medium} klo {at, time, short}, kun työskentelit sen parissa. Lataa sivu uudelleen nähdäksesi muutoksen ja tee sitten oma muutoksesi uudelleen.',
  'error.conflictUnseen':
    'Joku muutti tätä {at, date, medium} klo {at, time, short}, kun työskentelit sen parissa. Lataa sivu uudelleen nähdäksesi muutoksen ja tee sitten oma muutoksesi uudelleen.',
  'error.forbidden': 'Sinulla ei ole oikeutta tehdä tätä.',
  'error.notFound': 'Tätä ei ole olemassa, tai sinulla ei ole oikeutta nähdä sitä.',
  'error.rateLimited': 'Liikaa pyyntöjä. Odota hetki ja yritä uudelleen.',
  'error.unexpected': 'Jokin meni vikaan: {detail}',
  'error.retry': 'Yritä uudelleen',

  'session.warningTitle': 'Istuntosi on päättymässä',
  'session.warningBody':
    'Et ole ollut aktiivinen vähään aikaan. Turvallisuussyistä sinut kirjataan ulos {seconds, plural, one {# sekunnin} other {# sekunnin}} kuluttua.',
  'session.stay': 'Pysy kirjautuneena',
  'session.signOutNow': 'Kirjaudu ulos nyt',

  'home.title': 'Etusivu',
  'home.welcome': 'Tervetuloa, {name}.',

  'profile.title': 'Profiili',
  'profile.details': 'Tilisi',
  'profile.name': 'Nimi',
  'profile.email': 'Sähköpostiosoite',
  'profile.agency': 'Organisaatio',
  'profile.roles': 'Roolit',
  'profile.districts': 'Alueet',
  'profile.none': 'Ei mitään',
  'profile.languageTitle': 'Kieli',
  'profile.languageIntro': 'Samvirke käyttää tätä kieltä kaikilla tietokoneilla, joilla kirjaudut sisään.',
  'profile.languageSaved': 'Kieli tallennettu.',
  'profile.secondFactorTitle': 'Toinen tunnistautumistekijä',
  'profile.secondFactorOn':
    'Toinen tunnistautumistekijä on käytössä: kirjautuessa kysytään todennussovelluksen koodia.',
  'profile.secondFactorOff': 'Toista tunnistautumistekijää ei ole otettu käyttöön. Lisää se suojataksesi tilisi.',
  'profile.secondFactorSetUp': 'Ota toinen tunnistautumistekijä käyttöön',
  'profile.secondFactorRemove': 'Poista toinen tunnistautumistekijä',
  'profile.secondFactorRemoveCode': 'Todennussovelluksen koodi vahvistukseksi',
  'profile.secondFactorRemoved': 'Toinen tunnistautumistekijä on poistettu.',

  'role.reporter': 'Ilmoittaja',
  'role.case_worker': 'Asiakastyöntekijä',
  'role.coordinator': 'Koordinaattori',
  'role.forum_member': 'Foorumin jäsen',
  'role.auditor': 'Tarkastaja',
  'role.admin': 'Pääkäyttäjä',

  'enrol.title': 'Ota toinen tunnistautumistekijä käyttöön',
  'enrol.required':
    'Roolisi edellyttää toista tunnistautumistekijää ennen kuin voit käyttää Samvirkea. Ota se käyttöön nyt; se vie minuutin.',
  'enrol.step1':
    '1. Skannaa QR-koodi todennussovelluksella (esimerkiksi Microsoft Authenticator tai Google Authenticator).',
  'enrol.qrAlt': 'QR-koodi Samvirken lisäämiseksi todennussovellukseen',
  'enrol.secretLabel': 'Tai kirjoita tämä avain sovellukseen:',
  'enrol.step2': '2. Vahvista kirjoittamalla sovelluksen näyttämä kuusinumeroinen koodi.',
  'enrol.code': 'Kuusinumeroinen koodi',
  'enrol.confirm': 'Vahvista',
  'enrol.done': 'Toinen tunnistautumistekijä on käytössä. Kirjaudu uudelleen sovelluksen antamalla koodilla.',
  'enrol.signInAgain': 'Kirjaudu uudelleen',
  'enrol.invalidCode': 'Koodi ei täsmää. Tarkista puhelimesi kellonaika ja kokeile uutta koodia.',

  'notFound.title': 'Sivua ei löydy',
  'notFound.body': 'Tässä osoitteessa ei ole sivua.',
  'notFound.home': 'Siirry etusivulle',

  ...workFi,
  ...referralsFi,
  ...privacyFi,
  ...meetingsFi,
  ...oversightFi,
  ...exportsFi,
};
