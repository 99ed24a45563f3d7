import { recordsOfProcessing, recordsOfProcessingInput } from './records-of-processing';

describe('the records of processing', () => {
  const input = recordsOfProcessingInput();
  const document = recordsOfProcessing(input);

  it('has the sections Article 30 asks for', () => {
    const headings = document.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Controller and purposes',
      '## Categories of data subjects',
      '## Categories of personal data',
      '## Legal bases',
      '## Recipients by agency kind',
      '## Retention periods',
      '## Security measures',
    ]);
  });

  it('lists every personal column with its sensitivity and retention rule', () => {
    expect(document).toContain('| `subjects.full_name` | sensitive | child | `subject_anonymisation` |');
    expect(document).toContain('| `concerns.narrative` | special_category | child | `concern_narrative_erasure` |');
    expect(document).not.toContain('`agencies.name`');
  });

  it('names every agency kind, role, legal basis and concern category', () => {
    for (const word of [
      ...input.vocabularies.agencyKinds,
      ...input.vocabularies.roles,
      ...input.vocabularies.legalBases,
      ...input.vocabularies.concernCategories,
    ]) {
      expect(document).toContain(`\`${word}\``);
    }
  });

  it('states the retention periods of the configuration it is given', () => {
    const config = { ...input.config, CONCERN_CLOSED_RETENTION_MONTHS: 18, AUDIT_RETENTION_MONTHS: 84 };
    const other = recordsOfProcessing({ ...input, config });
    expect(other).toContain(
      '| Concerns triaged to guidance only or no further action | 18 months | the triage to guidance only or no further action | `CONCERN_CLOSED_RETENTION_MONTHS` |',
    );
    expect(other).toContain('Kept 84 months');
    expect(document).toContain('| Notifications, read or not | 6 months | when the notification was raised |');
    expect(document).toContain(`Kept ${input.config.AUDIT_RETENTION_MONTHS} months`);
  });

  it('is the same for the same input', () => {
    expect(recordsOfProcessing(recordsOfProcessingInput())).toEqual(document);
  });
});
