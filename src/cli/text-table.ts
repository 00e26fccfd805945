// Plain-text tables for command output: columns padded to their widest cell, chosen columns right-aligned (numbers).

/** Rows (the first usually the header) as lines joined by two spaces; no trailing blanks. */
export function textTable(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  if (rows.length === 0) return '';
  const n = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: n }, (_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
  return rows.map((r) => r.map((c, k) => (rightAligned.has(k) ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join('  ').trimEnd()).join('\n') + '\n';
}
