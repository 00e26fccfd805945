// One in-flight call per key: concurrent identical reads share one request; it is aborted only when every caller left.

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  callers: number;
}

export class Singleflight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** Calls in flight (for tests and metrics). */
  get size(): number {
    return this.flights.size;
  }

  /**
   * Runs `fn` for `key` unless a call for that key is already in flight, in which case this caller
   * joins it. Each caller may abort on its own (it rejects with its signal's reason at once); the
   * shared call is aborted when its last caller leaves.
   */
  run(key: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    let flight = this.flights.get(key);
    if (flight === undefined) {
      const controller = new AbortController();
      const f: Flight<T> = {
        promise: Promise.resolve()
          .then(() => fn(controller.signal))
          .finally(() => {
            if (this.flights.get(key) === f) this.flights.delete(key);
          }),
        controller,
        callers: 0,
      };
      flight = f;
      this.flights.set(key, f);
    }
    const f = flight;
    f.callers++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const onAbort = (): void => {
        if (done) return;
        done = true;
        f.callers--;
        if (f.callers === 0) {
          if (this.flights.get(key) === f) this.flights.delete(key);
          f.controller.abort(signal?.reason);
        }
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      f.promise.then(
        (v) => {
          if (done) return;
          done = true;
          signal?.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          if (done) return;
          done = true;
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }
}
