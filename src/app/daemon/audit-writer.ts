// The daemon's audit writer: records are queued as they happen and appended to the hash-chained trail in batches, in order.
import type { AuditLogStore } from '../../ledger/audit-port.js';
import type { AuditEntry } from '../../ledger/audit-record.js';

/**
 * `record` never blocks the trading path: entries queue and one append at a time writes everything
 * queued so far (one transaction, one chain extension). A failed append is reported; the entries it
 * held are kept and retried with the next batch, so the trail never skips a record.
 */
export class AuditWriter {
  private queue: AuditEntry[] = [];
  private writing: Promise<void> | undefined;
  private written = 0;

  constructor(
    private readonly store: AuditLogStore,
    private readonly onError: (error: unknown) => void,
  ) {}

  get count(): number {
    return this.written;
  }

  /** Records waiting to be written (the audit queue-depth metric). */
  get pending(): number {
    return this.queue.length;
  }

  record(entry: AuditEntry): void {
    this.queue.push(entry);
    if (this.writing === undefined) this.writing = this.drain();
  }

  /** Settles when everything recorded so far is written (or its append failed). */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  private async drain(): Promise<void> {
    // Let the current step add its records first: one append per burst.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.store.appendAudit(batch);
        this.written += batch.length;
      } catch (e) {
        this.queue = batch.concat(this.queue);
        this.onError(e);
        break;
      }
    }
    this.writing = undefined;
  }
}
