// An execution port that writes down every command the kernel sends before passing it on: the decisions a replay must repeat.
import type { ExecutionCommand } from '../core/execution.js';
import type { OrderRequest } from '../core/orders.js';
import type { ExecutionPort } from '../engine/execution-port.js';

/** Wraps `inner`: each command goes to `onCommand` (stamped with `now()`), then to `inner`. */
export function recordCommands(inner: ExecutionPort, onCommand: (command: ExecutionCommand) => void, now: () => number): ExecutionPort {
  return {
    submit(clientId: string, request: OrderRequest): void {
      onCommand({ type: 'order.submit', clientId, request, ts: now() });
      inner.submit(clientId, request);
    },
    cancel(symbol: string, clientId: string): void {
      onCommand({ type: 'order.cancel', clientId, symbol, ts: now() });
      inner.cancel(symbol, clientId);
    },
    setLeverage(symbol: string, leverage: number): string | undefined {
      onCommand({ type: 'leverage.set', symbol, leverage, ts: now() });
      return inner.setLeverage(symbol, leverage);
    },
  };
}
