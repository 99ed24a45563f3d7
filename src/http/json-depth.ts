/**
 * How deep a request body may nest arrays and objects. The API's own deepest shape (minutes:
 * items, actions, each an object) is six levels; anything far deeper is an attack on the
 * recursive transformation and validation that follow, which would overflow the stack.
 */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests arrays and objects more than `limit` levels deep. Iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
