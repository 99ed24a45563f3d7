import type { exportsEn } from './exports-en';

/** Suomi: the auditor's exports of the trail. The same keys as exports-en.ts. */
export const exportsFi: Record<keyof typeof exportsEn, string> = {
  'audit.nav.exports': 'Viennit',
  'audit.export.title': 'Vie CSV-tiedostona',
  'audit.export.open': 'Vie CSV-tiedostona',
  'audit.export.step': 'Mitä vienti sisältää',
  'audit.export.search': 'Haku',
  'audit.export.everything': 'Kaikki lokin tapahtumat (ei suodatinta)',
  'audit.export.events': 'Tapahtumat',
  'audit.export.count':
    '{count, plural, =0 {Ei tapahtumia} one {# tapahtuma} other {# tapahtumaa}} tähän mennessä, uusin ensin; aloittamisen jälkeen kirjatut tapahtumat eivät tule mukaan.',
  'audit.export.columns': 'Sarakkeet',
  'audit.export.holds':
    'Tiedostossa henkilöt, organisaatiot ja asianosaiset näkyvät vain tunnisteella ja pseudonyymillä, ei koskaan nimellä, eikä siinä ole asian sisältöä. Se valmistellaan taustalla; saat ilmoituksen, kun se on valmis, ja vienti kirjataan lokiin käyttötarkoituksineen.',
  'audit.export.purpose': 'Käyttötarkoitus',
  'audit.export.purposeHint': 'Miksi viet nämä tapahtumat. Se tallennetaan viennin yhteyteen ja tarkastuslokiin.',
  'audit.export.purposeRequired': 'Kerro, miksi viet nämä tapahtumat.',
  'audit.export.confirm': 'Aloita vienti',
  'audit.export.cancel': 'Peruuta',
  'audit.export.started': 'Vientiä valmistellaan — saat ilmoituksen, kun se on valmis.',
  'audit.export.seeExports': 'Katso vientisi',
  'audit.exports.title': 'Vientisi',
  'audit.exports.intro':
    'Vain sinä voit ladata vientisi. Tiedosto säilytetään rajoitetun ajan valmistumisen jälkeen ja poistetaan sitten; tieto viennistä jää lokiin.',
  'audit.exports.none': 'Et ole vielä vienyt mitään.',
  'audit.exports.col.asked': 'Tilattu',
  'audit.exports.col.state': 'Tila',
  'audit.exports.col.file': 'Tiedosto',
  'audit.exports.state.queued': 'Odottaa',
  'audit.exports.state.running': 'Valmistellaan',
  'audit.exports.state.ready': 'Valmis',
  'audit.exports.state.failed': 'Epäonnistui',
  'audit.exports.state.expired': 'Tiedosto poistettu',
  'audit.exports.download': 'Lataa CSV',
  'audit.exports.until': 'säilytetään {date} asti',
  'notification.audit_export.complete': 'Tarkastuslokin vientisi on valmis',
};
