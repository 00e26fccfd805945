// The /ws gateway's subscription index: topics (channel + symbol, or channel + user) with their seq and pending updates, and groups of connections with the same public topics.
import { WS_CHANNELS, type WsChannel, type WsChannelSpec } from '../api/ws-protocol.js';
import { finiteJson } from './ws-json.js';

/** The state of one topic when a client subscribes; `fresh` defaults to true. */
export interface WsSnapshot {
  readonly data: unknown;
  readonly fresh?: boolean;
}

export interface Topic<C> {
  readonly key: string;
  readonly channel: WsChannel;
  readonly spec: WsChannelSpec;
  /** Symbol (public) or user (private). */
  readonly subject: string;
  readonly updatePrefix: string;
  readonly snapshotPrefix: string;
  seq: number;
  lastText: string | undefined;
  lastFresh: boolean;
  pendingText: string | undefined;
  pendingItems: string[];
  pendingFresh: boolean;
  dirty: boolean;
  /** Public topics: the subscription groups holding it. */
  readonly groups: Set<Group<C>>;
  /** Private topics: the subscribed connections. */
  readonly conns: Set<C>;
}

/** Connections with the same public subscriptions: one batch frame per flush for all of them. */
export interface Group<C> {
  readonly key: string;
  readonly topics: readonly Topic<C>[];
  readonly conns: Set<C>;
  /** The flush that last filled msgs (stale msgs are from an earlier one). */
  gen: number;
  msgs: string[];
  msgTopics: Topic<C>[];
}

/** What the index needs of a connection. */
export interface Grouped<C> {
  readonly publicTopics: Set<Topic<C>>;
  group: Group<C> | undefined;
}

export function topicKey(channel: WsChannel, subject: string, isPrivate: boolean): string {
  return isPrivate ? `${channel} @${subject}` : `${channel} ${subject}`;
}

export class WsTopicIndex<C extends Grouped<C>> {
  private readonly topics = new Map<string, Topic<C>>();
  private readonly groups = new Map<string, Group<C>>();

  get(channel: WsChannel, subject: string): Topic<C> | undefined {
    return this.topics.get(topicKey(channel, subject, WS_CHANNELS[channel].private));
  }

  /** The topic, created when new. */
  topic(channel: WsChannel, subject: string): Topic<C> {
    const spec = WS_CHANNELS[channel];
    const key = topicKey(channel, subject, spec.private);
    let t = this.topics.get(key);
    if (t === undefined) {
      const head = `"channel":${JSON.stringify(channel)}${spec.private ? '' : `,"symbol":${JSON.stringify(subject)}`},"seq":`;
      t = {
        key,
        channel,
        spec,
        subject,
        updatePrefix: `{"type":"update",${head}`,
        snapshotPrefix: `{"type":"snapshot",${head}`,
        seq: 0,
        lastText: undefined,
        lastFresh: true,
        pendingText: undefined,
        pendingItems: [],
        pendingFresh: true,
        dirty: false,
        groups: new Set(),
        conns: new Set(),
      };
      this.topics.set(key, t);
    }
    return t;
  }

  /** A topic nobody holds and with nothing to remember is forgotten (clients cannot grow the map). */
  maybeForget(t: Topic<C>): void {
    if (t.groups.size === 0 && t.conns.size === 0 && t.lastText === undefined && !t.dirty) this.topics.delete(t.key);
  }

  /** Moves `c` to the group of its current public topics (none when it has none). */
  regroup(c: C): void {
    const key = [...c.publicTopics]
      .map((t) => t.key)
      .sort()
      .join('\n');
    if (c.group?.key === key && key !== '') return;
    const old = c.group;
    if (old !== undefined) {
      old.conns.delete(c);
      if (old.conns.size === 0) {
        this.groups.delete(old.key);
        for (const t of old.topics) {
          t.groups.delete(old);
          this.maybeForget(t);
        }
      }
    }
    c.group = undefined;
    if (key === '') return;
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { key, topics: [...c.publicTopics], conns: new Set(), gen: -1, msgs: [], msgTopics: [] };
      this.groups.set(key, g);
      for (const t of g.topics) t.groups.add(g);
    }
    g.conns.add(c);
    c.group = g;
  }
}

/** The topic's next update from what was published since the last flush: seq + 1, pending cleared. */
export function takeUpdateText<C>(t: Topic<C>): string {
  t.seq++;
  t.dirty = false;
  let data: string;
  if (t.spec.coalesce === 'latest') {
    data = t.pendingText as string;
    t.lastText = data;
    t.lastFresh = t.pendingFresh;
    t.pendingText = undefined;
  } else {
    data = `[${t.pendingItems.join(',')}]`;
    t.pendingItems = [];
  }
  return t.spec.private ? `${t.updatePrefix}${t.seq},"data":${data}}` : `${t.updatePrefix}${t.seq},"fresh":${t.pendingFresh},"data":${data}}`;
}

/** The topic's snapshot at its current seq: the provider's, else the last value (state) or `[]` (events). */
export function snapshotText<C>(t: Topic<C>, s: WsSnapshot | undefined): string {
  let data: string;
  let fresh: boolean;
  if (s !== undefined) {
    data = finiteJson(s.data, `ws snapshot ${t.channel} ${t.subject}`);
    fresh = s.fresh ?? true;
  } else if (t.spec.coalesce === 'latest') {
    data = t.lastText ?? 'null';
    fresh = t.lastFresh;
  } else {
    data = '[]';
    fresh = true;
  }
  return t.spec.private ? `${t.snapshotPrefix}${t.seq},"data":${data}}` : `${t.snapshotPrefix}${t.seq},"fresh":${fresh},"data":${data}}`;
}
