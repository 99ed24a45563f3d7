import { PACKAGE_LANGUAGES } from '../access-requests/access-package-vocabulary';
import { AGENDA_LABELS } from './agenda-pdf-labels';
import { Meeting } from './entities/meeting.entity';
import { meetingCalendar } from './meeting-calendar';

const meeting = {
  id: '6f1c2a52-4a8e-4c1e-9a57-1f0d7f3c2b10',
  version: 1,
  kind: 'case_conference',
  startsAt: new Date('2027-03-02T13:00:00Z'),
  durationMinutes: 60,
  timeZone: 'Europe/Helsinki',
  location: null,
  participants: [],
} as unknown as Meeting;

/** An iCalendar property's value, its folded lines joined. */
const property = (text: string, name: string) =>
  (text.replace(/\r\n[ \t]/g, '').match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1] ?? '').replace(/\\([,;\\])/g, '$1');

describe('the calendar invitation in the reader’s language', () => {
  it.each(PACKAGE_LANGUAGES)('%s: the kind of meeting and the note on where the agenda is', (language) => {
    const text = meetingCalendar(meeting, 'Kallio', new Date('2027-03-01T10:00:00Z'), language);
    expect(property(text, 'SUMMARY')).toBe(`${AGENDA_LABELS[language].kinds.case_conference} — Kallio`);
    expect(property(text, 'DESCRIPTION')).toBe(AGENDA_LABELS[language].calendarNote);
  });

  it('Finnish reads as Finnish', () => {
    const text = meetingCalendar(meeting, 'Kallio', new Date('2027-03-01T10:00:00Z'), 'fi');
    expect(property(text, 'SUMMARY')).toBe('Asiakaskohtainen neuvottelu — Kallio');
    expect(text).not.toContain('The agenda is in Samvirke');
  });
});
