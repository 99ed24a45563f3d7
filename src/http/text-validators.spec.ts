import { validateSync } from 'class-validator';
import { IsEmailAddress, IsFreeText, IsSingleLine } from './text-validators';

class Form {
  @IsFreeText(20)
  text!: unknown;

  @IsSingleLine(20)
  line!: unknown;

  @IsEmailAddress()
  email!: unknown;
}

function refused(fields: Partial<Record<keyof Form, unknown>>): string[] {
  const form = Object.assign(new Form(), { text: 'ok', line: 'ok', email: 'kari@politiet.example' }, fields);
  return validateSync(form).map((error) => error.property);
}

describe('text validators', () => {
  it('accept any well-formed Unicode: letters beyond Latin and emoji (surrogate pairs)', () => {
    expect(refused({ text: 'Åse 😀 سلام\n\tline two', line: 'Øystein 👍🏽', email: 'åse@skole.example' })).toEqual([]);
  });

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate inside text', 'ab\udfffcd'],
    ['a low surrogate before its high one', '\udc00\ud800'],
    ['a BMP non-character', 'x\ufdd0'],
    ['U+FFFE', '\ufffe'],
    ['the last code point, a non-character', '\u{10ffff}'],
    ['a supplementary non-character', '\u{1fffe}'],
  ])('refuse %s in free text, a single line and an e-mail address, without throwing', (_, bad) => {
    expect(refused({ text: bad, line: bad, email: `${bad}@politiet.example` })).toEqual(['text', 'line', 'email']);
    expect(refused({ email: bad })).toEqual(['email']);
  });

  it('refuse control characters as before: NUL anywhere, newlines in a single line', () => {
    expect(refused({ text: 'a\u0000b', line: 'a\nb', email: 'a\u0000@b.example' })).toEqual(['text', 'line', 'email']);
  });

  it('count characters, not UTF-16 units', () => {
    expect(refused({ line: '😀'.repeat(20) })).toEqual([]);
    expect(refused({ line: '😀'.repeat(21) })).toEqual(['line']);
  });

  it('refuse what is not an e-mail address, or is longer than 254 characters', () => {
    expect(refused({ email: 'not an address' })).toEqual(['email']);
    expect(refused({ email: `${'a'.repeat(60)}@${'b'.repeat(200)}.example` })).toEqual(['email']);
    expect(refused({ email: 42 })).toEqual(['email']);
  });
});
