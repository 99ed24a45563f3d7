import { Locale } from '../users/locale';
import { localeOf } from '../users/user-view';

/** The words of a notification e-mail in one language. `{link}` is filled in. */
interface MailTexts {
  subject: string;
  subjectUrgent: string;
  lead: string;
  leadUrgent: string;
  open: string;
  noDetails: string;
}

/**
 * Every notification e-mail, in each language a user can read Samvirke in. They say only that
 * there is something to look at, with a link — never names or case details.
 */
export const MAIL_TEXTS: Record<Locale, MailTexts> = {
  nb: {
    subject: 'Samvirke: du har et nytt varsel',
    subjectUrgent: 'Samvirke: haster — se på dette nå',
    lead: 'Det er noe nytt til deg i Samvirke.',
    leadUrgent: 'Noe som haster, trenger din oppmerksomhet i Samvirke.',
    open: 'Åpne det her: {link}',
    noDetails: 'Av hensyn til taushetsplikten inneholder denne e-posten ingen detaljer.',
  },
  sv: {
    subject: 'Samvirke: du har en ny avisering',
    subjectUrgent: 'Samvirke: brådskande — titta nu',
    lead: 'Det finns något nytt till dig i Samvirke.',
    leadUrgent: 'Något brådskande behöver din uppmärksamhet i Samvirke.',
    open: 'Öppna det här: {link}',
    noDetails: 'Av sekretesskäl innehåller det här e-postmeddelandet inga detaljer.',
  },
  da: {
    subject: 'Samvirke: du har en ny notifikation',
    subjectUrgent: 'Samvirke: haster — se på det nu',
    lead: 'Der er noget nyt til dig i Samvirke.',
    leadUrgent: 'Noget, der haster, kræver din opmærksomhed i Samvirke.',
    open: 'Åbn det her: {link}',
    noDetails: 'Af hensyn til tavshedspligten indeholder denne e-mail ingen detaljer.',
  },
  fi: {
    subject: 'Samvirke: sinulle on uusi ilmoitus',
    subjectUrgent: 'Samvirke: kiireellinen — katso heti',
    lead: 'Samvirkessa on sinulle jotain uutta.',
    leadUrgent: 'Samvirkessa on kiireellinen asia, joka vaatii huomiotasi.',
    open: 'Avaa se tästä: {link}',
    noDetails: 'Luottamuksellisuuden vuoksi tässä sähköpostissa ei ole yksityiskohtia.',
  },
  en: {
    subject: 'Samvirke: you have a new notification',
    subjectUrgent: 'Samvirke: urgent — please look now',
    lead: 'There is something new for you in Samvirke.',
    leadUrgent: 'Something urgent needs your attention in Samvirke.',
    open: 'Open it here: {link}',
    noDetails: 'For confidentiality this e-mail holds no details.',
  },
};

/** The e-mail for a notification in the recipient's language (a language no longer offered reads as the default). */
export function notificationMail(
  storedLocale: string,
  urgent: boolean,
  link: string,
): { language: Locale; subject: string; text: string } {
  const language = localeOf(storedLocale);
  const texts = MAIL_TEXTS[language];
  return {
    language,
    subject: urgent ? texts.subjectUrgent : texts.subject,
    text: [urgent ? texts.leadUrgent : texts.lead, texts.open.replace('{link}', link), texts.noDetails].join('\n\n'),
  };
}
