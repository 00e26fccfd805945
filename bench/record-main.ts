// The recorder benchmark in a process of its own (run by bench/run.ts): one JSON line on stdout.
import { benchRecord } from './record-bench.js';

process.stdout.write(JSON.stringify(await benchRecord()) + '\n');
