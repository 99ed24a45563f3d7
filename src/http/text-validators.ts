import { isEmail, ValidateBy, ValidationOptions } from 'class-validator';

/** C0 and C1 control characters and DEL, except tab and newline. Matching them is the point here. */
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;

/**
 * Text that is not Unicode: a lone UTF-16 surrogate (JSON's `"\ud800"`), which PostgreSQL would
 * silently store as U+FFFD and some validators choke on, and the 66 non-characters, which are
 * for a program's internal use and never part of interchanged text. In `u` mode a surrogate
 * class matches only surrogates that are not half of a pair, so emoji pass.
 */
const NOT_UNICODE_TEXT = new RegExp(
  `[\\uD800-\\uDFFF\\uFDD0-\\uFDEF${Array.from({ length: 17 }, (_, plane) => {
    const last = (plane * 0x10000 + 0xffff).toString(16);
    const beforeLast = (plane * 0x10000 + 0xfffe).toString(16);
    return `\\u{${beforeLast}}\\u{${last}}`;
  }).join('')}]`,
  'u',
);

/** Well-formed Unicode text without non-characters: the first check of every text field. */
export function isUnicodeText(value: unknown): value is string {
  return typeof value === 'string' && !NOT_UNICODE_TEXT.test(value);
}

function textValidator(
  name: string,
  pattern: RegExp,
  maxCharacters: number,
  what: string,
  options?: ValidationOptions,
) {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) =>
          isUnicodeText(value) && value.length > 0 && !pattern.test(value) && [...value].length <= maxCharacters,
        defaultMessage: (args) =>
          `${args?.property} must be ${what} of 1 to ${maxCharacters} characters, without control characters, lone surrogates or non-characters`,
      },
    },
    options,
  );
}

/**
 * Free text as people write it: any Unicode, stored exactly as sent, newlines and tabs
 * allowed; other control characters, and anything that is not well-formed Unicode, refused.
 * Counted in characters, not bytes.
 */
export const IsFreeText = (maxCharacters: number, options?: ValidationOptions) =>
  textValidator('isFreeText', CONTROL_EXCEPT_TAB_AND_NEWLINE, maxCharacters, 'text', options);

/** One line of text (a name): no control characters at all. */
export const IsSingleLine = (maxCharacters: number, options?: ValidationOptions) =>
  textValidator('isSingleLine', ANY_CONTROL, maxCharacters, 'a single line', options);

/**
 * An e-mail address of at most 254 characters. Checked as Unicode text first: the e-mail
 * check itself throws on a lone surrogate, which would otherwise surface as a 500.
 */
export const IsEmailAddress = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) =>
          isUnicodeText(value) && !ANY_CONTROL.test(value) && value.length <= 254 && isEmail(value),
        defaultMessage: (args) => `${args?.property} must be an e-mail address of at most 254 characters`,
      },
    },
    options,
  );
