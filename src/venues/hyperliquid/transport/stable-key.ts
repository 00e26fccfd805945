// Canonical JSON (sorted keys) for cache/singleflight keys, and the subscription equality acks are matched with.

/** JSON with object keys sorted at every depth, so equal requests give equal keys whatever their key order. */
export function stableKey(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * Whether a subscription the venue echoed in an ack is the one we sent. Exact object equality,
 * with one venue quirk: the ack fills optional fields we left out with `null` (an `l2Book` ack
 * carries `"nSigFigs":null,"mantissa":null`), so an absent key and a `null` value are the same.
 */
export function sameSubscription(sent: unknown, echoed: unknown): boolean {
  if (sent === echoed) return true;
  if (sent === null || echoed === null || typeof sent !== 'object' || typeof echoed !== 'object') return false;
  if (Array.isArray(sent) || Array.isArray(echoed)) {
    if (!Array.isArray(sent) || !Array.isArray(echoed) || sent.length !== echoed.length) return false;
    return sent.every((x, i) => sameSubscription(x, echoed[i]));
  }
  const a = sent as Record<string, unknown>;
  const b = echoed as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    if (!sameSubscription(x, y)) return false;
  }
  return true;
}
