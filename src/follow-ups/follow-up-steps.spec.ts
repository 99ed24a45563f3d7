import { addWorkingDays, followUpSteps } from './follow-up-steps';

describe('addWorkingDays', () => {
  it.each([
    ['Monday + 2', '2026-11-23T09:00:00.000Z', 2, '2026-11-25T09:00:00.000Z'],
    ['Thursday + 2 skips the weekend', '2026-11-26T09:00:00.000Z', 2, '2026-11-30T09:00:00.000Z'],
    ['Friday + 1 is Monday', '2026-11-27T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'],
    ['Saturday + 1 is Monday', '2026-11-28T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'],
    ['+ 0 is the same moment', '2026-11-28T09:00:00.000Z', 0, '2026-11-28T09:00:00.000Z'],
  ])('%s', (_, start, days, expected) => {
    expect(addWorkingDays(new Date(start), days).toISOString()).toBe(expected);
  });
});

describe('followUpSteps', () => {
  it('reminds, then marks overdue, then escalates after the grace', () => {
    const steps = followUpSteps(
      { remindAt: new Date('2026-11-25T09:00:00Z'), dueAt: new Date('2026-11-26T09:00:00Z') },
      2,
    );
    expect(steps.map(({ step, at }) => [step, at.toISOString()])).toEqual([
      ['remind', '2026-11-25T09:00:00.000Z'],
      ['overdue', '2026-11-26T09:00:00.000Z'],
      ['escalate', '2026-11-30T09:00:00.000Z'],
    ]);
  });
});
