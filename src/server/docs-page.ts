// The /docs page: the OpenAPI document as one self-contained HTML list of endpoints, parameters and schemas (no script, no CDN).
import { createHash } from 'node:crypto';
import type { OpenApiDocument } from './openapi.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;background:#111418;color:#d8dde3}
a{color:#7fb3ff}h2{border-bottom:1px solid #333;padding-bottom:.2em;margin-top:2em}
.op{border:1px solid #2a2f36;border-radius:6px;margin:1em 0;padding:.6em 1em;background:#171b20}
.m{display:inline-block;min-width:3.5em;font-weight:bold;color:#8fdc8f}code,pre{font:12px/1.4 ui-monospace,monospace}
pre{background:#0c0e11;padding:.6em;overflow:auto;border-radius:4px}table{border-collapse:collapse}td,th{border:1px solid #2a2f36;padding:.2em .5em;text-align:left}
details summary{cursor:pointer;color:#aab4bf}`;

/** The Content-Security-Policy of the page: nothing but its own inline style (by hash). */
export const DOCS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const json = (v: unknown): string => esc(JSON.stringify(v, null, 2));

/** The page for `doc`, linking the raw document at `docUrl`. */
export function docsPage(doc: OpenApiDocument, docUrl: string): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params =
        op.parameters.length === 0
          ? ''
          : `<table><tr><th>query parameter</th><th>required</th><th>schema</th><th></th></tr>${op.parameters
              .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${p.required ? 'yes' : 'no'}</td><td><code>${json(p.schema)}</code></td><td>${esc(p.description ?? '')}</td></tr>`)
              .join('')}</table>`;
      const responses = Object.entries(op.responses)
        .map(([code, r]) =>
          Object.entries(r.content)
            .map(([type, c]) => `<details><summary><b>${esc(code)}</b> ${esc(r.description)} <code>${esc(type)}</code></summary><pre>${json(c.schema)}</pre></details>`)
            .join(''),
        )
        .join('');
      const section = `<div class="op" id="${esc(op.operationId)}"><div><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code> — ${esc(op.summary)}</div>${op.description ? `<p>${esc(op.description)}</p>` : ''}${params}${responses}</div>`;
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), section]);
    }
  }
  const body = [...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join('')}`).join('');
  const shared = `<h2>schemas</h2>${Object.entries(doc.components.schemas)
    .map(([name, s]) => `<details><summary><b>${esc(name)}</b></summary><pre>${json(s)}</pre></details>`)
    .join('')}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.info.title)}</title><style>${STYLE}</style></head><body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p><p>OpenAPI ${esc(doc.openapi)} document: <a href="${esc(docUrl)}">${esc(docUrl)}</a></p>${body}${shared}</body></html>\n`;
}
