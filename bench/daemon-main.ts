// The daemon benchmarks, each in a process of its own (run by bench/run.ts): `latency`, `restart` or `rss`; one JSON line on stdout.
import { benchDaemonLatency } from './daemon-latency-bench.js';
import { benchDaemonRss } from './daemon-rss-bench.js';
import { benchRestart } from './restart-bench.js';

const which = process.argv[2];
const run = { latency: () => benchDaemonLatency(), restart: () => benchRestart(), rss: () => benchDaemonRss() }[which ?? ''];
if (run === undefined) throw new Error(`daemon-main: expected latency, restart or rss, got ${String(which)}`);
process.stdout.write(JSON.stringify(await run()) + '\n');
