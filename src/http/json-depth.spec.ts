import { nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
  const arrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('counts each array and object as a level; scalars add none', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: 'x' }, 1)).toBe(false);
    expect(nestsDeeperThan({ items: [{ actions: [{ text: 'x' }] }] }, 5)).toBe(false);
    expect(nestsDeeperThan({ items: [{ actions: [{ text: 'x' }] }] }, 4)).toBe(true);
  });

  it('finds the deep branch among shallow ones', () => {
    expect(nestsDeeperThan({ a: 1, b: [1, 2, 3], c: { d: arrays(40) } }, 32)).toBe(true);
  });

  it('answers for any depth without overflowing the stack', () => {
    expect(nestsDeeperThan(arrays(200_000), 32)).toBe(true);
    expect(nestsDeeperThan(arrays(32), 32)).toBe(false);
  });
});
