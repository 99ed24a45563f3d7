import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import { fill, PACKAGE_LABELS, PackageLabels } from './access-package-labels';
import { wordFor } from './access-package-words';
import { PackageLanguage } from './access-package-vocabulary';
import { AccessPackageDto, PackageAgencyDto } from './dto/access-package.dto';

const MARGIN = 56;
const words = (value: string) => value.replace(/_/g, ' ');

/** Dates and times in the package's language and the district's time zone. */
function formats(pkg: AccessPackageDto) {
  const at = (value: string) => DateTime.fromISO(value, { zone: pkg.timeZone }).setLocale(pkg.language);
  return {
    time: (value: string) => at(value).toLocaleString(DateTime.DATETIME_MED),
    date: (value: string) => at(value).toLocaleString(DateTime.DATE_MED),
    /** A calendar date (YYYY-MM-DD), which has no time zone. */
    day: (value: string) =>
      DateTime.fromISO(value, { zone: 'utc' }).setLocale(pkg.language).toLocaleString(DateTime.DATE_MED),
    month: (value: string) =>
      DateTime.fromFormat(value, 'yyyy-MM', { zone: 'utc' }).setLocale(pkg.language).toFormat('LLLL yyyy'),
  };
}

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(text);
  doc.moveDown(0.3);
}

function field(doc: Doc, label: string, value: string | null | undefined): void {
  if (value === null || value === undefined || value === '') return;
  doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true, indent: 14 });
  doc.font('Helvetica').text(value);
}

function entry(doc: Doc, title: string): void {
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(title);
}

function nothing(doc: Doc, labels: PackageLabels): void {
  doc.font('Helvetica-Oblique').fontSize(10).text(labels.nothing);
}

const agencyName = (agency: PackageAgencyDto | null, labels: PackageLabels, language: PackageLanguage) =>
  agency ? `${agency.name} (${wordFor(agency.kind, language)})` : labels.system;

function footer(doc: Doc, pkg: AccessPackageDto, labels: PackageLabels): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would start a new page; the footer lives in the margin.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    doc.text(
      fill(labels.footer, { name: pkg.subject.pseudonym, n: index - range.start + 1, total: range.count }),
      MARGIN,
      doc.page.height - 40,
      { width: doc.page.width - 2 * MARGIN, align: 'center' },
    );
    doc.page.margins.bottom = bottom;
  }
}

/**
 * The package as a printable A4 document in the subject's language: the person, each section,
 * what other agencies hold and whom to ask, the recipients and the access log.
 */
export function accessPackagePdf(pkg: AccessPackageDto): Promise<Buffer> {
  const labels = PACKAGE_LABELS[pkg.language];
  const say = (value: string) => wordFor(value, pkg.language);
  const when = formats(pkg);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: pkg.language,
    info: { Title: `${labels.title} — ${pkg.subject.pseudonym}`, Author: 'Samvirke' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica').fontSize(9).fillColor('#555555').text('SAMVIRKE');
  doc.moveDown(0.2).font('Helvetica-Bold').fontSize(18).fillColor('#000000').text(labels.title);
  doc.moveDown(0.4).font('Helvetica').fontSize(10).text(labels.intro);
  doc.moveDown(0.4);
  field(doc, labels.generatedAt, when.time(pkg.generatedAt));
  field(doc, labels.purpose, pkg.purpose);
  field(doc, labels.compiledBy, `${pkg.compiledBy.name}, ${pkg.compiledBy.agency.name}`);
  field(doc, labels.timeZone, pkg.timeZone);

  heading(doc, labels.person);
  const { subject } = pkg;
  field(doc, labels.pseudonym, subject.pseudonym);
  field(doc, labels.name, subject.fullName ?? labels.anonymised);
  const born = subject.dateOfBirth ? when.day(subject.dateOfBirth) : null;
  field(doc, labels.dateOfBirth, born ?? `${subject.birthYear ?? ''} (${labels.anonymised})`.trim());
  if (subject.anonymisedAt) field(doc, labels.anonymised, when.date(subject.anonymisedAt));
  field(doc, labels.district, subject.district.name);
  field(doc, labels.registered, when.date(subject.createdAt));

  heading(doc, labels.concerns);
  if (pkg.concerns.length === 0) nothing(doc, labels);
  for (const concern of pkg.concerns) {
    entry(doc, `${when.date(concern.createdAt)} · ${concern.owningAgency.name}`);
    field(doc, labels.category, say(concern.category));
    field(doc, labels.riskLevel, say(concern.riskLevel));
    field(doc, labels.status, say(concern.status));
    field(doc, labels.source, say(concern.source));
    field(doc, labels.narrative, concern.narrative);
    if (concern.triage) {
      const note = concern.triage.note ? ` — ${concern.triage.note}` : '';
      field(doc, labels.triage, `${say(concern.triage.outcome)}${note}`);
    }
  }

  heading(doc, labels.referrals);
  if (pkg.referrals.length + pkg.emergencyShares.length === 0) nothing(doc, labels);
  for (const referral of pkg.referrals) {
    entry(
      doc,
      `${when.date(referral.createdAt)} · ${labels.toAgency} ${agencyName(referral.toAgency, labels, pkg.language)}`,
    );
    field(doc, labels.programme, referral.programme);
    field(doc, labels.legalBasis, say(referral.legalBasis));
    field(doc, labels.consentReference, referral.consentId);
    field(doc, labels.status, say(referral.status));
    field(doc, labels.reason, referral.reason);
    field(doc, labels.reviewDate, when.day(referral.reviewDate));
    if (referral.heldByRecipient) {
      doc.font('Helvetica-Oblique').fontSize(10).text(labels.heldByRecipient, { indent: 14 });
      continue;
    }
    field(doc, labels.outcome, referral.outcome ? say(referral.outcome) : null);
    field(doc, labels.outcome, referral.outcomeNote);
    field(doc, labels.declineReason, referral.declineReason);
    for (const note of referral.notes) {
      field(doc, `${labels.notes} (${when.date(note.createdAt)}, ${note.authorAgency.name})`, note.text);
    }
  }

  for (const share of pkg.emergencyShares) {
    entry(doc, `${when.date(share.sharedAt)} · ${labels.toAgency} ${agencyName(share.agency, labels, pkg.language)}`);
    field(doc, labels.legalBasis, say(share.legalBasis));
    field(doc, labels.riskLevel, say('immediate_danger'));
  }

  heading(doc, labels.consents);
  if (pkg.consents.length === 0) nothing(doc, labels);
  for (const consent of pkg.consents) {
    entry(doc, when.date(consent.givenAt));
    field(
      doc,
      labels.givenBy,
      consent.guardianName ? `${labels.guardian}: ${consent.guardianName}` : say(consent.givenBy),
    );
    field(doc, labels.agencies, consent.agencies.map((agency) => agency.name).join(', '));
    field(doc, labels.purpose, consent.purpose);
    field(doc, labels.validUntil, consent.validUntil ? when.date(consent.validUntil) : null);
    field(doc, labels.withdrawnAt, consent.withdrawnAt ? when.date(consent.withdrawnAt) : null);
  }

  heading(doc, labels.agendaItems);
  if (pkg.agendaItems.length === 0) nothing(doc, labels);
  for (const item of pkg.agendaItems) {
    entry(doc, `${labels.meeting} ${when.time(item.meeting.startsAt)} · ${say(item.meeting.kind)}`);
    field(doc, words(item.section), item.title ?? '—');
    for (const decision of item.decisions) field(doc, labels.decision, decision.decision);
  }

  heading(doc, labels.followUps);
  if (pkg.followUps.length === 0) nothing(doc, labels);
  for (const followUp of pkg.followUps) {
    entry(doc, `${labels.dueAt} ${when.date(followUp.dueAt)} · ${say(followUp.state)}`);
    field(doc, words(followUp.kind), followUp.text);
  }

  heading(doc, labels.legalHolds);
  if (pkg.legalHolds.length === 0) nothing(doc, labels);
  for (const legalHold of pkg.legalHolds) {
    entry(doc, `${when.date(legalHold.placedAt)}${legalHold.active ? ` · ${labels.active}` : ''}`);
    field(doc, labels.reason, legalHold.reason);
    field(doc, labels.until, when.date(legalHold.until));
    field(doc, labels.liftedAt, legalHold.liftedAt ? when.date(legalHold.liftedAt) : null);
  }

  heading(doc, labels.links);
  if (pkg.links.length === 0) nothing(doc, labels);
  for (const link of pkg.links) {
    const removed = link.removedMonth ? ` (${labels.removed} ${when.month(link.removedMonth)})` : '';
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`${labels.linkedRecord}, ${when.month(link.createdMonth)}${removed}`);
  }

  heading(doc, labels.withheld);
  doc.font('Helvetica').fontSize(10).text(labels.withheldIntro).moveDown(0.2);
  if (pkg.withheld.length === 0) nothing(doc, labels);
  for (const held of pkg.withheld) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(
        `${say(held.type)} · ${labels.heldBy}: ${agencyName(held.heldBy, labels, pkg.language)} · ${labels.since}: ` +
          `${when.month(held.since)} · ${labels.ask}: ${held.ask}`,
      );
  }

  heading(doc, labels.recipients);
  if (pkg.recipients.length === 0) nothing(doc, labels);
  for (const recipient of pkg.recipients) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(
        `${agencyName(recipient.agency, labels, pkg.language)}: ${recipient.accesses} ${labels.accesses} ` +
          `(${labels.firstAndLast}: ${when.date(recipient.firstAt)}, ${when.date(recipient.lastAt)})`,
      );
  }

  heading(doc, labels.accessLog);
  doc.font('Helvetica').fontSize(10).text(labels.accessLogIntro).moveDown(0.2);
  if (pkg.accessLog.length === 0) nothing(doc, labels);
  for (const access of pkg.accessLog) {
    const roles = access.actor.roles.map(say).join(', ');
    const who = access.actor.name ? `${access.actor.name} (${roles})` : access.actor.agency ? roles : labels.system;
    const basis = access.purpose ? ` · ${labels.basis}: ${access.purpose}` : '';
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        `${when.time(access.occurredAt)} · ${who} · ${agencyName(access.actor.agency, labels, pkg.language)} · ` +
          `${access.action}${basis} · ${access.outcome === 'allowed' ? labels.allowed : labels.denied}`,
      );
  }

  footer(doc, pkg, labels);
  doc.end();
  return done;
}
