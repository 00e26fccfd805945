// What one request to the local venue may be: body size and JSON nesting (checked at the edge, before any handler walks the body).

/** Bodies and WebSocket frames above this many bytes are refused (422 / a closed socket). */
export const MAX_BODY_BYTES = 1 << 20;

/** Deepest JSON nesting accepted: venue actions nest about 6 levels; handlers walk bodies recursively. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when `v` nests arrays/objects deeper than `max` levels (iterative: the input may be deep
 * enough to overflow a recursive walk). Only objects go on the stack: every request is walked, and
 * a hostile 1 MiB array of numbers cost 25 ms per request when each number was pushed too.
 */
export function nestedDeeperThan(v: unknown, max: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const stack: { value: object; depth: number }[] = [{ value: v, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: object; depth: number };
    if (depth > max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** The 422 text (HTTP) or error frame (WebSocket) for a body nested too deeply. */
export const TOO_DEEP = `Failed to deserialize the JSON body into the target type: nested deeper than ${MAX_JSON_DEPTH} levels`;
