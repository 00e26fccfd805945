import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from './html-escape.js';

test('escapes markup and both quote kinds', () => {
  assert.equal(escapeHtml(`<script>alert("x" + 'y') && 1</script>`), '&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;) &amp;&amp; 1&lt;/script&gt;');
  assert.equal(escapeHtml('plain ▲ text'), 'plain ▲ text');
});
