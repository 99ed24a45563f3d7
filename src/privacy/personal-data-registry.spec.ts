import { compareWithSchema, PERSONAL_DATA_REGISTRY, TableClassification } from './personal-data-registry';

describe('the personal data registry', () => {
  const registry: Record<string, TableClassification> = {
    subjects: {
      personal: {
        full_name: { kind: 'identity', sensitivity: 'sensitive', about: 'child', retention: 'subject_anonymisation' },
      },
      none: ['id'],
    },
  };

  it('agrees with a schema that has exactly its columns', () => {
    expect(compareWithSchema(registry, ['subjects.id', 'subjects.full_name'])).toEqual({
      unclassified: [],
      missing: [],
      twice: [],
    });
  });

  it('names a column the schema has and it does not, and one it lists that the schema lacks', () => {
    expect(compareWithSchema(registry, ['subjects.id', 'subjects.nickname'])).toEqual({
      unclassified: ['subjects.nickname'],
      missing: ['subjects.full_name'],
      twice: [],
    });
  });

  it('names a column listed both as personal and as none', () => {
    const both = { subjects: { ...registry.subjects, none: ['id', 'full_name'] } };
    expect(compareWithSchema(both, ['subjects.id', 'subjects.full_name']).twice).toEqual(['subjects.full_name']);
  });

  it('lists no column twice', () => {
    const all = Object.entries(PERSONAL_DATA_REGISTRY).flatMap(([table, { personal, none }]) =>
      [...Object.keys(personal), ...none].map((column) => `${table}.${column}`),
    );
    expect(compareWithSchema(PERSONAL_DATA_REGISTRY, all)).toEqual({ unclassified: [], missing: [], twice: [] });
  });

  it('erases or anonymises every special-category narrative with the case, or keeps it only in the audit trail', () => {
    const kept = Object.entries(PERSONAL_DATA_REGISTRY).flatMap(([table, { personal }]) =>
      Object.entries(personal)
        .filter(([, entry]) => entry.sensitivity === 'special_category' && entry.kind === 'special_category_narrative')
        .filter(([, entry]) => !['concern_narrative_erasure', 'kept_in_audit_trail'].includes(entry.retention))
        .map(([column]) => `${table}.${column}`),
    );
    expect(kept).toEqual([]);
  });

  it("never keeps a child's identity or date of birth for statistics", () => {
    const kept = Object.entries(PERSONAL_DATA_REGISTRY).flatMap(([table, { personal }]) =>
      Object.entries(personal)
        .filter(([, entry]) => ['identity', 'date_of_birth'].includes(entry.kind) && entry.about !== 'staff')
        .filter(([, entry]) => entry.retention !== 'subject_anonymisation')
        .map(([column]) => `${table}.${column}`),
    );
    expect(kept).toEqual([]);
  });
});
