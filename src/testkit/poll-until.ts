// Test support: wait for a condition of a running system by polling it (never a fixed sleep as an assertion).

/** Resolves once `f` holds; throws naming `what` after `timeoutMs`. Polls every 100 ms. */
export async function until(what: string, f: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
