// Checks a JSON value against the API's JSON Schema subset (src/api/json-schema.ts), independently of the server's validator.
import type { JsonSchema, JsonType } from '../api/json-schema.js';

const KNOWN = new Set(['type', 'description', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format', 'default']);

function typeOf(v: unknown): JsonType | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? 'integer' : 'number') : 'other';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'object') return typeof v as JsonType;
  return 'other';
}

/** Every way `value` breaks `schema`, as `path: reason` lines (empty when valid). A keyword outside the subset is a problem too. */
export function schemaProblems(value: unknown, schema: JsonSchema, path = '$'): string[] {
  const out: string[] = [];
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) out.push(`${path}: the schema uses ${k}, outside the API's subset`);
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types: readonly JsonType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const ok = types.includes(t as JsonType) || (t === 'integer' && types.includes('number'));
    if (!ok) return [...out, `${path}: expected ${types.join(' or ')}, got ${t === 'other' ? String(value) : t}`];
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) out.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) out.push(`${path}: not an ISO 8601 date-time`);
  }
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((v, i) => out.push(...schemaProblems(v, schema.items as JsonSchema, `${path}[${i}]`)));
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) out.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(o)) {
      const p = schema.properties?.[k];
      if (p !== undefined) out.push(...schemaProblems(v, p, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}: unexpected property ${k}`);
      else if (typeof schema.additionalProperties === 'object') out.push(...schemaProblems(v, schema.additionalProperties, `${path}.${k}`));
    }
  }
  return out;
}
