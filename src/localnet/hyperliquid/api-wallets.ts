// API wallets (agents) approved by accounts: agent → master, at most one unnamed and three named per account, as on the venue.

/** Named API wallets an account may have besides its one unnamed wallet. */
export const MAX_NAMED_AGENTS = 3;

export class ApiWallets {
  /** Agent address → the account it trades for. */
  private readonly master = new Map<string, string>();
  /** Per account: agent name ("" for the unnamed one) → agent address. */
  private readonly byAccount = new Map<string, Map<string, string>>();

  /** Bumped on every change (the state file saves the table when it moved). */
  version = 0;

  /** Told when an agent is replaced: its nonces can go (a replaced key must not be used again, as on the venue). */
  constructor(private readonly onRemoved: (agent: string) => void = () => {}) {}

  has(agent: string): boolean {
    return this.master.has(agent);
  }

  get(agent: string): string | undefined {
    return this.master.get(agent);
  }

  /**
   * Approves `agent` for `account` under `name` (undefined or "" = unnamed). The unnamed wallet and
   * a wallet of the same name are replaced; a fourth name is refused. Undefined when done, else the refusal.
   */
  approve(account: string, agent: string, name: string | undefined): string | undefined {
    const key = name ?? '';
    let mine = this.byAccount.get(account);
    if (mine === undefined) {
      mine = new Map();
      this.byAccount.set(account, mine);
    }
    const replaced = mine.get(key);
    if (replaced === undefined && key !== '' && [...mine.keys()].filter((k) => k !== '').length >= MAX_NAMED_AGENTS) {
      return `Too many named API wallets: at most ${MAX_NAMED_AGENTS} per account (approve under an existing name to replace one).`;
    }
    if (replaced !== undefined && replaced !== agent) this.remove(replaced);
    // An agent approved again (by this or another account) leaves its previous place.
    if (this.master.has(agent)) this.remove(agent);
    mine.set(key, agent);
    this.master.set(agent, account);
    this.version++;
    return undefined;
  }

  /** Every approval as [account, name, agent] (the state file's form). */
  entries(): [string, string, string][] {
    const out: [string, string, string][] = [];
    for (const [account, names] of this.byAccount) for (const [name, agent] of names) out.push([account, name, agent]);
    return out;
  }

  /** Replaces the table with saved approvals (no nonces are dropped: they were saved as they were). */
  restore(rows: readonly (readonly [string, string, string])[]): void {
    this.master.clear();
    this.byAccount.clear();
    for (const [account, name, agent] of rows) {
      let mine = this.byAccount.get(account);
      if (mine === undefined) {
        mine = new Map();
        this.byAccount.set(account, mine);
      }
      mine.set(name, agent);
      this.master.set(agent, account);
    }
  }

  private remove(agent: string): void {
    const account = this.master.get(agent);
    this.master.delete(agent);
    const names = account === undefined ? undefined : this.byAccount.get(account);
    if (names !== undefined) for (const [k, a] of names) if (a === agent) names.delete(k);
    this.onRemoved(agent);
  }
}
