/**
 * English messages, ICU MessageFormat. The key set is the catalogue's: every other locale must
 * have exactly these keys (the compiler and web/test/messages.spec.ts both check).
 */
import { meetingsEn } from './meetings-en';
import { oversightEn } from './oversight-en';
import { exportsEn } from './exports-en';
import { referralsEn } from './referrals-en';
import { privacyEn } from './privacy-en';
import { workEn } from './work-en';

export const en = {
  'app.name': 'Samvirke',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.restoring': 'Restoring your session…',

  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.profile': 'Profile',
  'shell.signedInAs': 'Signed in as {name}, {agency}',
  'shell.signOut': 'Sign out',
  'language.label': 'Language',
  'language.nb': 'Norsk bokmål',
  'language.en': 'English',
  'language.sv': 'Svenska',
  'language.da': 'Dansk',
  'language.fi': 'Suomi',

  'signIn.title': 'Sign in to Samvirke',
  'signIn.intro': 'Use the e-mail address and password of your Samvirke account.',
  'signIn.email': 'E-mail address',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.totpTitle': 'Enter the code from your authenticator app',
  'signIn.totpIntro':
    'Your account has a second factor. Open your authenticator app and type the six-digit code for Samvirke.',
  'signIn.totp': 'Six-digit code',
  'signIn.totpSubmit': 'Confirm and sign in',
  'signIn.back': 'Use another account',
  'signIn.expired': 'Your session ended. Sign in again to carry on where you were.',
  'signIn.signedOut': 'You are signed out.',
  'signIn.invalidCredentials': 'The e-mail address or the password is wrong.',
  'signIn.invalidTotp': 'The code is wrong or has already been used. Wait for a new code and try again.',
  'signIn.locked':
    'Too many failed attempts: the account is locked for a while. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  'signIn.emailRequired': 'Enter your e-mail address',
  'signIn.passwordRequired': 'Enter your password',
  'signIn.totpRequired': 'Enter the six digits of the code',

  'form.errorSummary': 'To go on, correct the following:',

  'error.network': 'Samvirke cannot be reached. Check your network connection and try again; nothing was sent.',
  'error.unavailable':
    'Samvirke could not do this just now. The action was not recorded and nothing was shown. Try again in a moment.',
  'error.conflict':
    'Someone else changed this while you were working on it: {detail} Reload to see their change, then make yours again.',
  'error.conflictReload': 'Reload',
  'error.conflictBy':
    '{who} changed this on {at, date, medium} at {at, time, short}, while you were working on it. Reload to see their change, then make yours again.',
  'error.conflictUnseen':
    'Someone changed this on {at, date, medium} at {at, time, short}, while you were working on it. Reload to see it, then make your change again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.notFound': 'This does not exist, or you may not see it.',
  'error.rateLimited': 'Too many requests. Wait a moment and try again.',
  'error.unexpected': 'Something went wrong: {detail}',
  'error.retry': 'Try again',

  'session.warningTitle': 'Your session is about to end',
  'session.warningBody':
    'You have been inactive for a while. For your safety you will be signed out in {seconds, plural, one {# second} other {# seconds}}.',
  'session.stay': 'Stay signed in',
  'session.signOutNow': 'Sign out now',

  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}.',

  'profile.title': 'Profile',
  'profile.details': 'Your account',
  'profile.name': 'Name',
  'profile.email': 'E-mail address',
  'profile.agency': 'Agency',
  'profile.roles': 'Roles',
  'profile.districts': 'Districts',
  'profile.none': 'None',
  'profile.languageTitle': 'Language',
  'profile.languageIntro': 'Samvirke speaks to you in this language on every computer you sign in on.',
  'profile.languageSaved': 'Language saved.',
  'profile.secondFactorTitle': 'Second factor',
  'profile.secondFactorOn': 'A second factor is set up: signing in asks for a code from your authenticator app.',
  'profile.secondFactorOff': 'No second factor is set up. Add one to protect your account.',
  'profile.secondFactorSetUp': 'Set up a second factor',
  'profile.secondFactorRemove': 'Remove the second factor',
  'profile.secondFactorRemoveCode': 'Code from your authenticator app, to confirm',
  'profile.secondFactorRemoved': 'The second factor is removed.',

  'role.reporter': 'Reporter',
  'role.case_worker': 'Case worker',
  'role.coordinator': 'Coordinator',
  'role.forum_member': 'Forum member',
  'role.auditor': 'Auditor',
  'role.admin': 'Administrator',

  'enrol.title': 'Set up a second factor',
  'enrol.required': 'Your role requires a second factor before you can use Samvirke. Set it up now; it takes a minute.',
  'enrol.step1':
    '1. Scan the QR code with an authenticator app (for example Microsoft Authenticator or Google Authenticator).',
  'enrol.qrAlt': 'QR code for adding Samvirke to an authenticator app',
  'enrol.secretLabel': 'Or type this key into the app:',
  'enrol.step2': '2. Type the six-digit code the app shows, to confirm.',
  'enrol.code': 'Six-digit code',
  'enrol.confirm': 'Confirm',
  'enrol.done': 'The second factor is set up. Sign in again with a code from your app.',
  'enrol.signInAgain': 'Sign in again',
  'enrol.invalidCode': 'The code does not match. Check the time on your phone and try a new code.',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address.',
  'notFound.home': 'Go to the home page',

  ...workEn,
  ...referralsEn,
  ...privacyEn,
  ...meetingsEn,
  ...oversightEn,
  ...exportsEn,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
