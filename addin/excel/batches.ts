/**
 * Excel on the web refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded; https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * Batches are therefore cut by size, with room to spare for what the estimates miss.
 */
export const BATCH_BYTES = 4 * 1024 * 1024;

/** Consecutive groups whose estimated sizes add up to at most `budget` (an item alone may exceed it). */
export function bySize<T>(items: readonly T[], size: (x: T) => number, budget = BATCH_BYTES): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const x of items) {
    const n = size(x);
    if (cur.length && used + n > budget) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(x);
    used += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Did Excel refuse the batch for its size? */
export function isPayloadTooLarge(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? "";
  return /PayloadSizeLimitExceeded/.test(code) || /PayloadSizeLimitExceeded/.test(String((e as Error)?.message));
}

/**
 * Queues `read(i)` for every index and syncs, in batches cut by `estimate`; a batch Excel refuses
 * for its size is halved and read again. An index that alone is too large comes back undefined.
 */
export async function readBySize<T>(
  ctx: Excel.RequestContext,
  count: number,
  read: (i: number) => T,
  estimate: (i: number) => number = () => 0,
): Promise<(T | undefined)[]> {
  const out: (T | undefined)[] = new Array(count).fill(undefined);
  const group = async (idx: number[]): Promise<void> => {
    const reads = idx.map(read);
    try {
      await ctx.sync();
      idx.forEach((i, k) => (out[i] = reads[k]));
    } catch (e) {
      if (!isPayloadTooLarge(e)) throw e;
      if (idx.length === 1) return;
      const half = Math.ceil(idx.length / 2);
      await group(idx.slice(0, half));
      await group(idx.slice(half));
    }
  };
  const all = Array.from({ length: count }, (_, i) => i);
  for (const g of bySize(all, estimate)) await group(g);
  return out;
}
