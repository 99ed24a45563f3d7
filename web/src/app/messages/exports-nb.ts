import type { exportsEn } from './exports-en';

/** Norsk bokmål: the auditor's exports of the trail. The same keys as exports-en.ts. */
export const exportsNb: Record<keyof typeof exportsEn, string> = {
  'audit.nav.exports': 'Eksporter',
  'audit.export.title': 'Eksporter som CSV',
  'audit.export.open': 'Eksporter som CSV',
  'audit.export.step': 'Hva eksporten vil inneholde',
  'audit.export.search': 'Søk',
  'audit.export.everything': 'Alle hendelser i loggen (uten filter)',
  'audit.export.events': 'Hendelser',
  'audit.export.count':
    '{count, plural, =0 {Ingen hendelser} one {# hendelse} other {# hendelser}} så langt, nyeste først; hendelser som registreres etter at du starter, kommer ikke med.',
  'audit.export.columns': 'Kolonner',
  'audit.export.holds':
    'Filen viser personer, instanser og personer saken gjelder bare med id og pseudonym, aldri med navn, og inneholder ikke saksinnhold. Den lages i bakgrunnen; du får et varsel når den er klar, og eksporten logges med formålet.',
  'audit.export.purpose': 'Formål',
  'audit.export.purposeHint': 'Hvorfor du eksporterer disse hendelsene. Det lagres med eksporten og i revisjonsloggen.',
  'audit.export.purposeRequired': 'Skriv hvorfor du eksporterer disse hendelsene.',
  'audit.export.confirm': 'Start eksporten',
  'audit.export.cancel': 'Avbryt',
  'audit.export.started': 'Eksporten lages — du får et varsel når den er klar.',
  'audit.export.seeExports': 'Se eksportene dine',
  'audit.exports.title': 'Eksportene dine',
  'audit.exports.intro':
    'Bare du kan laste ned eksportene dine. En fil beholdes en begrenset tid etter at den er klar, og slettes så; registreringen av eksporten blir stående i loggen.',
  'audit.exports.none': 'Du har ikke eksportert noe ennå.',
  'audit.exports.col.asked': 'Bestilt',
  'audit.exports.col.state': 'Status',
  'audit.exports.col.file': 'Fil',
  'audit.exports.state.queued': 'Venter',
  'audit.exports.state.running': 'Lages',
  'audit.exports.state.ready': 'Klar',
  'audit.exports.state.failed': 'Mislyktes',
  'audit.exports.state.expired': 'Filen er slettet',
  'audit.exports.download': 'Last ned CSV',
  'audit.exports.until': 'beholdes til {date}',
  'notification.audit_export.complete': 'Eksporten din av revisjonsloggen er klar',
};
