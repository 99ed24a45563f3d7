import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import { fill } from '../access-requests/access-package-labels';
import { PackageLanguage } from '../access-requests/access-package-vocabulary';
import { wordFor } from '../access-requests/access-package-words';
import { AgendaDto, AgendaItemDto } from './dto/agenda.dto';
import { Meeting } from './entities/meeting.entity';
import { AGENDA_LABELS, AgendaLabels } from './agenda-pdf-labels';

export interface PdfReader {
  name: string;
  agencyName: string;
  /** The reader's language (their account's `locale`): every word of the copy is in it. */
  language: PackageLanguage;
}

const MARGIN = 56;

/** What one rendering needs: the reader's words, and dates in their language and the meeting's zone. */
interface Speech {
  labels: AgendaLabels;
  say: (value: string) => string;
  date: (iso: string) => string;
}

function speech(language: PackageLanguage, timeZone: string): Speech {
  const labels = AGENDA_LABELS[language];
  return {
    labels,
    say: (value) => wordFor(value, language),
    date: (iso) =>
      DateTime.fromISO(iso, { zone: timeZone }).setLocale(labels.dateLocale).toLocaleString(DateTime.DATE_MED),
  };
}

function header(doc: PDFKit.PDFDocument, meeting: Meeting, districtName: string, agenda: AgendaDto, s: Speech): void {
  const { labels } = s;
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).setLocale(labels.dateLocale);
  const end = start.plus({ minutes: meeting.durationMinutes });
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const day = start.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text(labels.heading);
  doc.moveDown(0.2).font('Helvetica-Bold').fontSize(18).fillColor('#000000');
  doc.text(`${labels.kinds[meeting.kind]} — ${districtName}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(11);
  doc.text(`${day}, ${start.toLocaleString(time)}–${end.toLocaleString(time)} (${meeting.timeZone})`);
  if (meeting.location) doc.text(`${labels.where}: ${meeting.location}`);
  const participants = (meeting.participants ?? []).map((p) => `${p.user!.name} (${p.user!.agency!.name})`);
  doc.text(`${labels.participants}: ${participants.join(', ')}`);
  const state = agenda.frozenAt ? labels.frozen : labels.live;
  doc.moveDown(0.3).fontSize(9).fillColor('#555555').text(state).fillColor('#000000');
  doc.moveDown(0.5);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(doc.page.width - MARGIN, doc.y)
    .strokeColor('#999999')
    .stroke();
  doc.moveDown(0.8);
}

function item(doc: PDFKit.PDFDocument, view: AgendaItemDto, s: Speech): void {
  const { labels, say, date } = s;
  const who = view.pseudonym
    ? `${view.pseudonym}${view.subject ? ` — ${view.subject.fullName}, ${fill(labels.born, { date: date(view.subject.dateOfBirth) })}` : ''}`
    : null;
  const heading = [view.title, who].filter(Boolean).join(' · ') || labels.item;
  doc.font('Helvetica-Bold').fontSize(11).text(`${view.position}. ${heading}`);
  doc.font('Helvetica').fontSize(10).fillColor('#333333');
  const lines: string[] = [];
  if (view.concern) {
    lines.push(
      fill(labels.concernFacts, {
        risk: say(view.concern.riskLevel),
        category: say(view.concern.category),
        status: say(view.concern.status),
        date: date(view.concern.loggedAt),
        agency: view.concern.owningAgency.name,
      }),
    );
  }
  if (view.referral) {
    lines.push(
      fill(labels.referralFacts, {
        agency: view.referral.toAgency.name,
        status: say(view.referral.status),
        date: date(view.referral.reviewDate),
      }),
    );
  }
  if (view.followUp) {
    lines.push(
      fill(labels.followUpFacts, {
        date: date(view.followUp.dueAt),
        name: view.followUp.owner.name,
        agency: view.followUp.owner.agencyName,
      }) + (view.followUp.escalated ? labels.escalated : ''),
    );
  }
  for (const line of lines) doc.text(line, { indent: 14 });
  doc.fillColor('#000000').moveDown(0.5);
}

function footer(doc: PDFKit.PDFDocument, reader: PdfReader, renderedAt: Date, labels: AgendaLabels): void {
  const range = doc.bufferedPageRange();
  const when = DateTime.fromJSDate(renderedAt, { zone: 'utc' }).toFormat("yyyy-MM-dd HH:mm 'UTC'");
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would start a new page; the footer lives in the margin.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    doc.text(
      fill(labels.footer, {
        name: reader.name,
        agency: reader.agencyName,
        when,
        n: index - range.start + 1,
        total: range.count,
      }),
      MARGIN,
      doc.page.height - 40,
      { width: doc.page.width - 2 * MARGIN, align: 'center' },
    );
    doc.page.margins.bottom = bottom;
  }
}

/**
 * The reader's copy of the agenda as a printable A4 document: already redacted for them, named for
 * them, and in their language (labels, values and dates; names and free text as they were written).
 */
export function agendaPdf(
  meeting: Meeting,
  districtName: string,
  agenda: AgendaDto,
  reader: PdfReader,
  renderedAt: Date,
): Promise<Buffer> {
  const s = speech(reader.language, meeting.timeZone);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${s.labels.agenda} — ${s.labels.kinds[meeting.kind]}, ${districtName}`,
      Author: 'Samvirke',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, meeting, districtName, agenda, s);
  for (const section of agenda.sections) {
    doc.font('Helvetica-Bold').fontSize(13).text(s.labels.sections[section.section]);
    doc.moveDown(0.4);
    if (section.items.length === 0) doc.font('Helvetica-Oblique').fontSize(10).text(s.labels.nothing).moveDown(0.5);
    for (const view of section.items) item(doc, view, s);
    doc.moveDown(0.5);
  }
  footer(doc, reader, renderedAt, s.labels);
  doc.end();
  return done;
}
