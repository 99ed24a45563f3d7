import { LOCALES } from '../users/locale';
import { MAIL_TEXTS, notificationMail } from './notification-mail';

const LINK = 'https://samvirke.example/notifications/n1';

describe('the notification e-mail in the recipient’s language', () => {
  it.each(LOCALES)('%s: every text, the link, and urgent worded apart from ordinary', (locale) => {
    const ordinary = notificationMail(locale, false, LINK);
    const urgent = notificationMail(locale, true, LINK);
    expect(ordinary.language).toBe(locale);
    expect(Object.keys(MAIL_TEXTS[locale]).sort()).toEqual(Object.keys(MAIL_TEXTS.en).sort());
    expect(ordinary.text).toContain(LINK);
    expect(ordinary.text).toContain(MAIL_TEXTS[locale].noDetails);
    expect(urgent.subject).not.toBe(ordinary.subject);
    expect(urgent.text).toContain(MAIL_TEXTS[locale].leadUrgent);
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s: no sentence left in English', (locale) => {
    for (const [key, text] of Object.entries(MAIL_TEXTS[locale])) {
      expect([key, text]).not.toEqual([key, MAIL_TEXTS.en[key as keyof (typeof MAIL_TEXTS)['en']]]);
    }
  });

  it('a language no longer offered reads as bokmål, the default', () => {
    expect(notificationMail('xx', false, LINK)).toMatchObject({ language: 'nb', subject: MAIL_TEXTS.nb.subject });
  });
});
