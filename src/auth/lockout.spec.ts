import { lockedUntil } from './lockout';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * 60_000));

describe('lockedUntil', () => {
  it.each([
    ['no failures', [], null],
    ['four failures in a minute', minutesAgo(0, 0.2, 0.4, 0.6), null],
    ['five failures in a minute', minutesAgo(0, 0.2, 0.4, 0.6, 0.8), 15],
    ['five failures in just under 15 minutes', minutesAgo(1, 5, 8, 12, 15.9), 14],
    ['five failures spread over exactly 15 minutes', minutesAgo(0, 5, 8, 12, 15), null],
    ['five failures in a minute, the last 14 minutes ago', minutesAgo(14, 14.2, 14.4, 14.6, 14.8), 1],
    ['five failures in a minute, the last 15 minutes ago', minutesAgo(15, 15.2, 15.4, 15.6, 15.8), null],
  ])('%s', (_, failures, minutesLeft) => {
    const until = lockedUntil(failures, now);
    if (minutesLeft === null) expect(until).toBeNull();
    else expect(until).toEqual(new Date(now.getTime() + minutesLeft * 60_000));
  });
});
