import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import { AgendaDto, AgendaItemDto } from './dto/agenda.dto';
import { Meeting } from './entities/meeting.entity';

export interface PdfReader {
  name: string;
  agencyName: string;
}

const KIND_TITLES = { forum: 'SaLTo forum', case_conference: 'Case conference' } as const;
const MARGIN = 56;
const words = (value: string) => value.replace(/_/g, ' ');

function header(doc: PDFKit.PDFDocument, meeting: Meeting, districtName: string, agenda: AgendaDto): void {
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).setLocale('en-GB');
  const end = start.plus({ minutes: meeting.durationMinutes });
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text('SAMVIRKE · AGENDA');
  doc.moveDown(0.2).font('Helvetica-Bold').fontSize(18).fillColor('#000000');
  doc.text(`${KIND_TITLES[meeting.kind]} — ${districtName}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(11);
  doc.text(`${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${meeting.timeZone})`);
  if (meeting.location) doc.text(`Where: ${meeting.location}`);
  const participants = (meeting.participants ?? []).map((p) => `${p.user!.name} (${p.user!.agency!.name})`);
  doc.text(`Participants: ${participants.join(', ')}`);
  const state = agenda.frozenAt
    ? 'Frozen at the start of the meeting: cases as they stood then.'
    : 'Cases as they stand now; the agenda is frozen when the meeting starts.';
  doc.moveDown(0.3).fontSize(9).fillColor('#555555').text(state).fillColor('#000000');
  doc.moveDown(0.5);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(doc.page.width - MARGIN, doc.y)
    .strokeColor('#999999')
    .stroke();
  doc.moveDown(0.8);
}

function item(doc: PDFKit.PDFDocument, view: AgendaItemDto): void {
  const who = view.pseudonym
    ? `${view.pseudonym}${view.subject ? ` — ${view.subject.fullName}, born ${view.subject.dateOfBirth}` : ''}`
    : null;
  const heading = [view.title, who].filter(Boolean).join(' · ') || 'Item';
  doc.font('Helvetica-Bold').fontSize(11).text(`${view.position}. ${heading}`);
  doc.font('Helvetica').fontSize(10).fillColor('#333333');
  const lines: string[] = [];
  if (view.concern) {
    lines.push(
      `Risk ${words(view.concern.riskLevel)} · ${words(view.concern.category)} · ${words(view.concern.status)} · ` +
        `logged ${view.concern.loggedAt.slice(0, 10)} by ${view.concern.owningAgency.name}`,
    );
  }
  if (view.referral) {
    lines.push(
      `Referral to ${view.referral.toAgency.name} (${words(view.referral.status)}), review by ${view.referral.reviewDate}`,
    );
  }
  if (view.followUp) {
    lines.push(
      `Follow-up due ${view.followUp.dueAt.slice(0, 10)}, owner ${view.followUp.owner.name} (${view.followUp.owner.agencyName})` +
        (view.followUp.escalated ? ', escalated' : ''),
    );
  }
  for (const line of lines) doc.text(line, { indent: 14 });
  doc.fillColor('#000000').moveDown(0.5);
}

function footer(doc: PDFKit.PDFDocument, reader: PdfReader, renderedAt: Date): void {
  const range = doc.bufferedPageRange();
  const when = DateTime.fromJSDate(renderedAt, { zone: 'utc' }).toFormat("yyyy-MM-dd HH:mm 'UTC'");
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would start a new page; the footer lives in the margin.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    doc.text(
      `CONFIDENTIAL — rendered for ${reader.name} (${reader.agencyName}) on ${when}. ` +
        `Personal data about children: do not copy or forward. Page ${index - range.start + 1} of ${range.count}.`,
      MARGIN,
      doc.page.height - 40,
      { width: doc.page.width - 2 * MARGIN, align: 'center' },
    );
    doc.page.margins.bottom = bottom;
  }
}

/** The reader's copy of the agenda as a printable A4 document: already redacted for them, named for them. */
export function agendaPdf(
  meeting: Meeting,
  districtName: string,
  agenda: AgendaDto,
  reader: PdfReader,
  renderedAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Agenda — ${KIND_TITLES[meeting.kind]}, ${districtName}`, Author: 'Samvirke' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, meeting, districtName, agenda);
  for (const section of agenda.sections) {
    doc.font('Helvetica-Bold').fontSize(13).text(section.title);
    doc.moveDown(0.4);
    if (section.items.length === 0) doc.font('Helvetica-Oblique').fontSize(10).text('Nothing this time.').moveDown(0.5);
    for (const view of section.items) item(doc, view);
    doc.moveDown(0.5);
  }
  footer(doc, reader, renderedAt);
  doc.end();
  return done;
}
