// Waiting for a rendition with a budget: the session page waits a little for the conversion, then
// lets the browser wait instead (see builtin-engine.ts).

/**
 * The rendition if it is ready within `ms` (undefined: wait for it); a failure within the budget is
 * thrown. After the budget the rendition is released whenever it arrives, and a late failure is
 * left to the page's own request.
 */
export async function settleWithin<T extends { release(): void }>(
  pending: Promise<T>,
  ms: number | undefined,
): Promise<T | undefined> {
  if (ms === undefined) return pending;
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol("late");
  const outcome = await Promise.race([
    pending,
    new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), ms);
    }),
  ]).finally(() => clearTimeout(timer));
  if (outcome !== late) return outcome;
  pending.then(
    (value) => value.release(),
    () => {},
  );
  return undefined;
}
