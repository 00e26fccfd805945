// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.

/** Rows joined by two spaces, each column as wide as its widest cell; columns in `right` are right-aligned. */
export function formatTable(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  return rows.map((r) => r.map((c, k) => (right.has(k) ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join('  ').trimEnd()).join('\n') + '\n';
}
