// `sextant --help` as a user runs it: a child process on the compiled CLI (dist/, built first); median wall and CPU time.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const RUNS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Builds dist/ (as npm does at install), then times `node bin/sextant.js --help` RUNS times. */
export function benchCliHelp(root: string): { cli_help_ms: number; cli_help_cpu_ms: number } {
  const build = spawnSync(process.execPath, [join(root, 'bin', 'dist-build.js')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`cli help bench: the build ended with ${build.status ?? build.signal}: ${build.stderr}`);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin', 'sextant.js'), '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, SEXTANT_FROM_SOURCE: '0' } });
    wall.push(performance.now() - t);
    if (r.status !== 0 || /TypeScript sources/.test(r.stderr)) throw new Error(`cli help bench: sextant --help did not run from dist/: ${r.stderr}`);
  }
  for (let i = 0; i < RUNS; i++) {
    // CPU of the child alone: getrusage of the terminated children grows by exactly its user + system time.
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${join(root, 'bin', 'sextant.js')}" --help >/dev/null; times`], { cwd: root, encoding: 'utf8', env: { ...process.env, SEXTANT_FROM_SOURCE: '0' } });
    cpu.push(childCpuMs(r.stdout));
  }
  return { cli_help_ms: Math.round(median(wall)), cli_help_cpu_ms: Math.round(median(cpu)) };
}

/** The children's user + system time from the shell's `times` output (second line: "0m0.080s 0m0.010s"). */
function childCpuMs(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  if (parts.length !== 2 || parts.some((p) => !Number.isFinite(p))) throw new Error(`cli help bench: cannot read CPU times from ${JSON.stringify(timesOutput)}`);
  return parts[0] + parts[1];
}
