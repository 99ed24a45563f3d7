import { en } from '../src/app/messages/en';
import { nb } from '../src/app/messages/nb';
import { sv } from '../src/app/messages/sv';
import { da } from '../src/app/messages/da';
import { fi } from '../src/app/messages/fi';

/** Every locale the app offers, and its catalogue. English is the reference. */
const CATALOGUES: Record<string, Record<string, string>> = { en, nb, sv, da, fi };

// The ICU parser react-intl uses; it ships only as an ES module, so it is loaded once before the tests.
interface MessageFormatElement {
  type: number;
  value?: unknown;
  options?: Record<string, { value: MessageFormatElement[] }>;
  children?: MessageFormatElement[];
}
interface Parser {
  parse: (message: string) => MessageFormatElement[];
  TYPE: Record<'argument' | 'number' | 'date' | 'plural' | 'select' | 'tag', number>;
}
let parse: Parser['parse'];
let TYPE: Parser['TYPE'];

beforeAll(async () => {
  const parser = (await import('@formatjs/icu-messageformat-parser')) as unknown as Parser;
  ({ parse, TYPE } = parser);
});

/** The names of a message's arguments ({name}, {count, plural, ...}), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    const named = [TYPE.argument, TYPE.number, TYPE.date, TYPE.plural, TYPE.select].includes(element.type);
    if (named && typeof element.value === 'string') into.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, into);
    if (element.type === TYPE.tag) argumentsOf(element.children ?? [], into);
  }
  return into;
}

describe('the message catalogues', () => {
  const reference = Object.keys(en).sort();

  it('has messages to check (the control)', () => {
    expect(reference.length).toBeGreaterThan(50);
  });

  it.each(Object.keys(CATALOGUES))('%s has every key of the catalogue and no other', (locale) => {
    const keys = Object.keys(CATALOGUES[locale] ?? {}).sort();
    // Each missing key with the English to translate, so the failure says exactly what to add.
    const english = en as Record<string, string>;
    const missing = reference.filter((key) => !keys.includes(key)).map((key) => `${key}: ${english[key]}`);
    expect({ locale, missing }).toEqual({ locale, missing: [] });
    expect({ unknown: keys.filter((key) => !reference.includes(key)) }).toEqual({ unknown: [] });
  });

  it.each(Object.keys(CATALOGUES).filter((locale) => locale !== 'en'))(
    '%s: no sentence is left in English (a message of three words or more the same as the English one)',
    (locale) => {
      const catalogue = CATALOGUES[locale] ?? {};
      const english = en as Record<string, string>;
      const untranslated = reference.filter(
        (key) => catalogue[key] === english[key] && (english[key] ?? '').split(/\s+/).length >= 3,
      );
      expect({ untranslated }).toEqual({ untranslated: [] });
    },
  );

  it.each(Object.keys(CATALOGUES))(
    '%s: every message is valid ICU with the same arguments as English, and not empty',
    (locale) => {
      const catalogue = CATALOGUES[locale] ?? {};
      const problems: string[] = [];
      for (const key of reference) {
        const message = catalogue[key] ?? '';
        if (!message.trim()) {
          problems.push(`${key}: empty`);
          continue;
        }
        try {
          const expected = [...argumentsOf(parse(en[key as keyof typeof en]))].sort();
          const actual = [...argumentsOf(parse(message))].sort();
          if (expected.join() !== actual.join())
            problems.push(`${key}: arguments ${actual.join()} ≠ ${expected.join()}`);
        } catch (error) {
          problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
