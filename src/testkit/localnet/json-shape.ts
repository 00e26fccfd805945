// JSON shape of recorded venue answers (keys, value kinds, decimal strings) and the check of another answer against it.

/** What a JSON value is, with the venue's decimal strings ("0.0016", "-3.5") told apart from other strings. */
export type Kind = 'null' | 'boolean' | 'integer' | 'number' | 'decimal' | 'string' | 'array' | 'object';

/** The union of every recorded value seen at one place of an answer. */
export interface Shape {
  readonly kinds: Set<Kind>;
  /** Elements of every recorded array here, merged; undefined while every array was empty. */
  items?: Shape;
  /** Per key: its merged shape and in how many of the recorded objects it appeared. */
  readonly keys: Map<string, { shape: Shape; seen: number }>;
  objects: number;
}

/** Exceptions to the key check, by place (`$.assetPositions[].position.maxTradeSzs`) → why. */
export interface ShapeAllowances {
  /** Keys we write that the recording lacks (the venue added them after the recording). */
  readonly addedKeys?: Readonly<Record<string, string>>;
  /** Keys the recording has that the venue no longer writes. */
  readonly droppedKeys?: Readonly<Record<string, string>>;
  /** Places whose object is a map (coin → value): keys are data, every value is checked against the recorded values. */
  readonly maps?: readonly string[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'string':
      return DECIMAL.test(v) ? 'decimal' : 'string';
    case 'object':
      return 'object';
    default:
      throw new Error(`not a JSON value: ${typeof v}`);
  }
}

function emptyShape(): Shape {
  return { kinds: new Set(), keys: new Map(), objects: 0 };
}

/** Merges one recorded value into `shape`. */
function addSample(shape: Shape, v: unknown): void {
  const kind = kindOf(v);
  shape.kinds.add(kind);
  if (kind === 'array') {
    for (const item of v as unknown[]) {
      shape.items ??= emptyShape();
      addSample(shape.items, item);
    }
  } else if (kind === 'object') {
    shape.objects++;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      let entry = shape.keys.get(k);
      if (entry === undefined) {
        entry = { shape: emptyShape(), seen: 0 };
        shape.keys.set(k, entry);
      }
      entry.seen++;
      addSample(entry.shape, child);
    }
  }
}

/** The shape of one or more recorded answers to the same request. */
export function shapeOf(...recorded: unknown[]): Shape {
  const shape = emptyShape();
  for (const v of recorded) addSample(shape, v);
  return shape;
}

function accepts(shape: Shape, kind: Kind, optional: boolean): boolean {
  if (shape.kinds.has(kind)) return true;
  switch (kind) {
    // null where the recording has null, or where the recorded key varies (absent in some objects, or of several kinds).
    case 'null':
      return optional || shape.kinds.size > 1;
    case 'integer':
      return shape.kinds.has('number');
    // A decimal string is a string; the reverse is not allowed (the venue writes decimals where it recorded decimals).
    case 'decimal':
      return shape.kinds.has('string');
    default:
      return false;
  }
}

function describe(shape: Shape): string {
  return [...shape.kinds].sort().join('|');
}

/**
 * Differences of `ours` from the recorded `shape`, one line each (empty when it conforms). Arrays:
 * every element of ours against the merged recorded elements. Objects: no key the recording never
 * had, no key missing that every recorded object had (unless allowed).
 */
export function shapeDiffs(ours: unknown, shape: Shape, allow: ShapeAllowances = {}, path = '$', optional = false): string[] {
  const kind = kindOf(ours);
  if (!accepts(shape, kind, optional)) {
    const value = kind === 'null' ? 'null' : `${kind} ${JSON.stringify(ours).slice(0, 60)}`;
    return [`${path}: ${value} where the recording has ${describe(shape)}`];
  }
  if (kind === 'array' && shape.items !== undefined) {
    const items = shape.items;
    return (ours as unknown[]).flatMap((item) => shapeDiffs(item, items, allow, `${path}[]`));
  }
  if (kind !== 'object' || !shape.kinds.has('object')) return [];
  const obj = ours as Record<string, unknown>;
  const out: string[] = [];
  if (allow.maps?.includes(path)) {
    const values = emptyShape();
    for (const e of shape.keys.values()) merge(values, e.shape);
    for (const [k, v] of Object.entries(obj)) out.push(...shapeDiffs(v, values, allow, `${path}.${k}`));
    return out;
  }
  for (const [k, v] of Object.entries(obj)) {
    const entry = shape.keys.get(k);
    if (entry === undefined) {
      if (allow.addedKeys?.[`${path}.${k}`] === undefined) out.push(`${path}.${k}: key the recording does not have`);
      continue;
    }
    out.push(...shapeDiffs(v, entry.shape, allow, `${path}.${k}`, entry.seen < shape.objects));
  }
  for (const [k, entry] of shape.keys) {
    if (entry.seen === shape.objects && !(k in obj) && allow.droppedKeys?.[`${path}.${k}`] === undefined) out.push(`${path}.${k}: missing (every recorded object has it)`);
  }
  return out;
}

/** Adds everything `from` allows to `into` (the values of a map's keys become one shape). */
function merge(into: Shape, from: Shape): void {
  for (const k of from.kinds) into.kinds.add(k);
  if (from.items !== undefined) {
    into.items ??= emptyShape();
    merge(into.items, from.items);
  }
  into.objects += from.objects;
  for (const [k, e] of from.keys) {
    const mine = into.keys.get(k);
    const target = mine ?? { shape: emptyShape(), seen: 0 };
    if (mine === undefined) into.keys.set(k, target);
    merge(target.shape, e.shape);
    target.seen += e.seen;
  }
}
