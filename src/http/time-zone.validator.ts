import { registerDecorator, ValidationOptions } from 'class-validator';
import { Info } from 'luxon';

/** An IANA time zone name (Europe/Oslo, Europe/Helsinki), as the zone database knows it. */
export const IsTimeZone = (options?: ValidationOptions) => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isTimeZone',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} must be an IANA time zone such as Europe/Oslo`, ...options },
    validator: { validate: (value: unknown) => typeof value === 'string' && Info.isValidIANAZone(value) },
  });
