// Holds the process open while a command awaits work driven only by unref'd timers (the live scheduler's).

/**
 * Runs `work` with a referenced timer alive: the transport's timers are unref'd so a forgotten one
 * never holds a process open, but a command waiting on them (a retry back-off, a reconnect) must
 * not let Node find the event loop empty and exit with status 13 in the middle of its work.
 */
export async function keptAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 1 << 30);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
