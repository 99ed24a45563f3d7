import type { exportsEn } from './exports-en';

/** Dansk: the auditor's exports of the trail. The same keys as exports-en.ts. */
export const exportsDa: Record<keyof typeof exportsEn, string> = {
  'audit.nav.exports': 'Eksporter',
  'audit.export.title': 'Eksportér som CSV',
  'audit.export.open': 'Eksportér som CSV',
  'audit.export.step': 'Hvad eksporten vil indeholde',
  'audit.export.search': 'Søgning',
  'audit.export.everything': 'Alle hændelser i loggen (intet filter)',
  'audit.export.events': 'Hændelser',
  'audit.export.count':
    '{count, plural, =0 {Ingen hændelser} one {# hændelse} other {# hændelser}} indtil nu, nyeste først; hændelser, der registreres efter du starter, kommer ikke med.',
  'audit.export.columns': 'Kolonner',
  'audit.export.holds':
    'Filen angiver personer, myndigheder og borgere kun med id og pseudonym, aldrig med navn, og indeholder intet sagsindhold. Den laves i baggrunden; du får en notifikation, når den er klar, og eksporten logges med sit formål.',
  'audit.export.purpose': 'Formål',
  'audit.export.purposeHint': 'Hvorfor du eksporterer disse hændelser. Det gemmes med eksporten og i revisionsloggen.',
  'audit.export.purposeRequired': 'Skriv, hvorfor du eksporterer disse hændelser.',
  'audit.export.confirm': 'Start eksporten',
  'audit.export.cancel': 'Annullér',
  'audit.export.started': 'Eksporten laves — du får en notifikation, når den er klar.',
  'audit.export.seeExports': 'Se dine eksporter',
  'audit.exports.title': 'Dine eksporter',
  'audit.exports.intro':
    'Kun du kan hente dine eksporter. En fil gemmes i en begrænset periode, efter den er klar, og slettes derefter; registreringen af eksporten bliver i loggen.',
  'audit.exports.none': 'Du har ikke eksporteret noget endnu.',
  'audit.exports.col.asked': 'Bestilt',
  'audit.exports.col.state': 'Status',
  'audit.exports.col.file': 'Fil',
  'audit.exports.state.queued': 'Venter',
  'audit.exports.state.running': 'Laves',
  'audit.exports.state.ready': 'Klar',
  'audit.exports.state.failed': 'Mislykkedes',
  'audit.exports.state.expired': 'Filen er slettet',
  'audit.exports.download': 'Hent CSV',
  'audit.exports.until': 'gemmes til {date}',
  'notification.audit_export.complete': 'Din eksport af revisionsloggen er klar',
};
