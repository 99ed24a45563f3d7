import type { exportsEn } from './exports-en';

/** Svenska: the auditor's exports of the trail. The same keys as exports-en.ts. */
export const exportsSv: Record<keyof typeof exportsEn, string> = {
  'audit.nav.exports': 'Exporter',
  'audit.export.title': 'Exportera som CSV',
  'audit.export.open': 'Exportera som CSV',
  'audit.export.step': 'Vad exporten kommer att innehålla',
  'audit.export.search': 'Sökning',
  'audit.export.everything': 'Alla händelser i loggen (inget filter)',
  'audit.export.events': 'Händelser',
  'audit.export.count':
    '{count, plural, =0 {Inga händelser} one {# händelse} other {# händelser}} hittills, nyaste först; händelser som registreras efter att du startat kommer inte med.',
  'audit.export.columns': 'Kolumner',
  'audit.export.holds':
    'Filen anger personer, verksamheter och registrerade endast med id och pseudonym, aldrig med namn, och innehåller inget ärendeinnehåll. Den tas fram i bakgrunden; du får en avisering när den är klar, och exporten loggas med sitt syfte.',
  'audit.export.purpose': 'Syfte',
  'audit.export.purposeHint':
    'Varför du exporterar de här händelserna. Det sparas med exporten och i granskningsloggen.',
  'audit.export.purposeRequired': 'Ange varför du exporterar de här händelserna.',
  'audit.export.confirm': 'Starta exporten',
  'audit.export.cancel': 'Avbryt',
  'audit.export.started': 'Exporten tas fram — du får en avisering när den är klar.',
  'audit.export.seeExports': 'Se dina exporter',
  'audit.exports.title': 'Dina exporter',
  'audit.exports.intro':
    'Bara du kan ladda ner dina exporter. En fil sparas en begränsad tid efter att den blivit klar och tas sedan bort; uppgiften om exporten finns kvar i loggen.',
  'audit.exports.none': 'Du har inte exporterat något ännu.',
  'audit.exports.col.asked': 'Beställd',
  'audit.exports.col.state': 'Status',
  'audit.exports.col.file': 'Fil',
  'audit.exports.state.queued': 'Väntar',
  'audit.exports.state.running': 'Tas fram',
  'audit.exports.state.ready': 'Klar',
  'audit.exports.state.failed': 'Misslyckades',
  'audit.exports.state.expired': 'Filen borttagen',
  'audit.exports.download': 'Ladda ner CSV',
  'audit.exports.until': 'sparas till {date}',
  'notification.audit_export.complete': 'Din export av granskningsloggen är klar',
};
