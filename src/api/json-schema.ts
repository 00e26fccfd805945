// The JSON Schema subset the HTTP contract is written in, and a type that ties an object schema to its TypeScript view.

/** The keywords the API's schemas use (the server validates requests and serializes responses with them). */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  /** False: no other property; a schema: every other property's value. */
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: 'date-time';
  readonly default?: unknown;
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * An object schema naming exactly the properties of `T` (a missing or extra one does not type-check),
 * each required, no others allowed: use with `satisfies` so a view and its schema cannot drift apart.
 */
export interface ObjectSchemaOf<T> extends JsonSchema {
  readonly type: 'object';
  readonly properties: { readonly [K in keyof T]-?: JsonSchema };
  readonly required: readonly (keyof T & string)[];
  readonly additionalProperties: false;
}

/** A query string's schema: optional parameters allowed, nothing else. */
export interface QuerySchemaOf<T> extends JsonSchema {
  readonly type: 'object';
  readonly properties: { readonly [K in keyof T]-?: JsonSchema };
  readonly additionalProperties: false;
}
