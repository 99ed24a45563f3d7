import { ValidateBy, ValidationOptions } from 'class-validator';

/** C0 and C1 control characters and DEL, except tab and newline. Matching them is the point here. */
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;

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
          typeof value === 'string' && value.length > 0 && !pattern.test(value) && [...value].length <= maxCharacters,
        defaultMessage: (args) =>
          `${args?.property} must be ${what} of 1 to ${maxCharacters} characters, without control characters`,
      },
    },
    options,
  );
}

/**
 * Free text as people write it: any Unicode, stored exactly as sent, newlines and tabs
 * allowed; other control characters refused. Counted in characters, not bytes.
 */
export const IsFreeText = (maxCharacters: number, options?: ValidationOptions) =>
  textValidator('isFreeText', CONTROL_EXCEPT_TAB_AND_NEWLINE, maxCharacters, 'text', options);

/** One line of text (a name): no control characters at all. */
export const IsSingleLine = (maxCharacters: number, options?: ValidationOptions) =>
  textValidator('isSingleLine', ANY_CONTROL, maxCharacters, 'a single line', options);
