// The report's stylesheet: light and dark (prefers-color-scheme), dense tables, print rules; the chart reads its colours from here.

export const REPORT_CSS = `
:root{--bg:#ffffff;--panel:#f8fafc;--fg:#111827;--muted:#6b7280;--grid:#e5e7eb;--border:#e5e7eb;
--up:#16a34a;--down:#dc2626;--accent:#2563eb;--bh:#9ca3af;--dd-area:rgba(220,38,38,.16);
--l1:#f59e0b;--l2:#8b5cf6;--l3:#06b6d4;--l4:#ec4899;--l5:#84cc16;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--panel:#171a21;--fg:#e5e7eb;--muted:#9ca3af;--grid:#262a33;--border:#2a2f3a;
--up:#22c55e;--down:#f87171;--accent:#60a5fa;--bh:#6b7280;--dd-area:rgba(248,113,113,.18)}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1400px;margin:0 auto;padding:14px 18px}
h1{font-size:20px;margin:4px 0 2px}h2{font-size:15px;margin:22px 0 8px;padding-bottom:3px;border-bottom:1px solid var(--border)}
h3{font-size:13px;margin:14px 0 6px}
.sub{color:var(--muted);margin:0 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:10px 0 14px}
.card{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:7px 10px}
.card .k{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:18px;font-weight:600;font-variant-numeric:tabular-nums}
.card .s{color:var(--muted);font-size:11px}
.up{color:var(--up)}.down{color:var(--down)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:8px 24px;align-items:start}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:12px;font-variant-numeric:tabular-nums}
th,td{padding:2px 8px;border-bottom:1px solid var(--border);text-align:left;white-space:nowrap}
th{background:var(--panel);position:sticky;top:0;font-weight:600}th.n,td.n{text-align:right}
tbody tr:hover td{background:var(--panel)}
table.kv td:first-child{color:var(--muted)}
table.heat td.n{min-width:58px}table.heat td{border:1px solid var(--border)}
table.groups tr:last-child td{font-weight:600}
dl.settings{display:grid;grid-template-columns:max-content 1fr;gap:2px 18px;margin:0}
dl.settings dt{color:var(--muted)}dl.settings dd{margin:0;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.note{color:var(--muted);font-size:12px;margin:4px 0}
#sx-chart{position:relative;margin:6px 0}
.sx-toolbar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-bottom:4px}
.sx-toolbar button,.sx-toolbar select{font:inherit;background:var(--panel);color:var(--fg);border:1px solid var(--border);border-radius:4px;padding:2px 9px;cursor:pointer}
.sx-toolbar button:hover{border-color:var(--accent)}
.sx-help{margin-left:auto}
.sx-readout{font-size:12px;min-height:18px;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-variant-numeric:tabular-nums}
.sx-readout b{color:var(--fg)}
.sx-canvas{position:relative}
.sx-canvas canvas{display:block;cursor:crosshair}
.sx-tip{position:absolute;z-index:2;pointer-events:none;background:var(--panel);color:var(--fg);border:1px solid var(--border);border-radius:5px;padding:6px 9px;font-size:12px;line-height:1.5;box-shadow:0 4px 14px rgba(0,0,0,.18);white-space:nowrap}
footer{margin:28px 0 8px;color:var(--muted);font-size:11px}
@media print{
:root{--bg:#fff;--panel:#f6f7f9;--fg:#000;--muted:#555;--grid:#ddd;--border:#ccc}
body{font-size:10px}main{max-width:none;padding:0}
.sx-toolbar,.sx-readout{display:none}
h2{break-after:avoid}table,.cards,.sx-canvas{break-inside:avoid}
th{position:static}.scroll{overflow:visible}
}
`;
