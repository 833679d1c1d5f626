/** How many users a loop handles before it lets other requests run. */
const SLICE = 200;

const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * `items.map(fn)`, a slice at a time with a turn of the event loop between slices: a
 * question over every user of a large org (20,000 users take a second or more) must not
 * hold up the backend's other requests meanwhile.
 */
export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += SLICE) {
    if (start > 0) await nextTurn();
    for (const item of items.slice(start, start + SLICE))
      results.push(fn(item));
  }
  return results;
}

/** The slices of `items`, with a turn of the event loop before each one after the first. */
export async function* slicesOf<T>(items: readonly T[]): AsyncGenerator<T[]> {
  for (let start = 0; start < items.length; start += SLICE) {
    if (start > 0) await nextTurn();
    yield items.slice(start, start + SLICE);
  }
}
