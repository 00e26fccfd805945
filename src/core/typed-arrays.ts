// Growing a typed-array column: the one copy-into-a-larger-array step every append-only column uses.
type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** A new array of the same type with `capacity` elements, starting with `a`'s (capacity ≥ a.length). */
export function grown<T extends Column>(a: T, capacity: number): T {
  const b = new (a.constructor as new (length: number) => T)(capacity);
  b.set(a);
  return b;
}
