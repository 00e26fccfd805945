// The audit trail's vocabulary: what may be recorded (a tagged union by kind) and the sealed, hash-chained record.
import type { JsonObject, JsonValue } from './canonical-json.js';

/** A decision: what the strategy saw (indicator values, gate flags) and what it chose. */
export interface DecisionData extends JsonObject {
  /** Indicator values at the decision, by name; null when not yet warm (never 0 for unknown). */
  readonly indicators: { readonly [name: string]: number | null };
  /** Gate flags by name: true when the gate let the decision through. */
  readonly gates: { readonly [name: string]: boolean };
  /** What the strategy chose: `open_long`, `close`, `hold`, ... */
  readonly action: string;
}

/** A risk verdict on one intent: allowed or blocked, why, and the inputs the rule read. */
export interface RiskVerdictData extends JsonObject {
  readonly allowed: boolean;
  readonly rule: string;
  readonly reason: string;
  readonly inputs: JsonObject;
}

export interface KillData extends JsonObject {
  readonly from: string;
  readonly to: string;
  /** Who set it: env, file, cli, api, telegram, rule:<name>. */
  readonly source: string;
  readonly reason: string;
}

export interface ConfigData extends JsonObject {
  /** The changes, e.g. [{ path, from, to }]. */
  readonly diff: readonly JsonValue[];
  readonly accepted: boolean;
}

/** What a caller records; the trail adds seq, prevHash and hash. */
export type AuditEntry =
  | AuditEntryOf<'decision', DecisionData>
  | AuditEntryOf<'risk.verdict', RiskVerdictData>
  | AuditEntryOf<'order', JsonObject>
  | AuditEntryOf<'fill', JsonObject>
  | AuditEntryOf<'reconcile', JsonObject>
  | AuditEntryOf<'config', ConfigData>
  | AuditEntryOf<'kill', KillData>
  | AuditEntryOf<'alert', JsonObject>
  | AuditEntryOf<'session', JsonObject>;

interface AuditEntryOf<K extends string, D extends JsonObject> {
  readonly kind: K;
  /** ms UTC, from the injected clock. */
  readonly ts: number;
  readonly botId?: string;
  readonly symbol?: string;
  readonly data: D;
}

export type AuditKind = AuditEntry['kind'];

export const AUDIT_KINDS: readonly AuditKind[] = ['decision', 'risk.verdict', 'order', 'fill', 'reconcile', 'config', 'kill', 'alert', 'session'];

export function isAuditKind(s: string): s is AuditKind {
  return (AUDIT_KINDS as readonly string[]).includes(s);
}

/** A stored record: the entry, its place in the chain, and the hashes that bind it there. */
export type AuditRecord = AuditEntry & {
  /** 1, 2, 3, ... without gaps. */
  readonly seq: number;
  /** Hash of the record before (GENESIS_HASH for seq 1). */
  readonly prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of every other field (audit-chain.ts). */
  readonly hash: string;
};

/** The prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);
