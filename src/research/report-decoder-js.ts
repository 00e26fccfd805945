// The page-side decoder of the report's data blob (plain JS, embedded in the page and tested in Node).

/**
 * Defines `sxDecodeColumn(bytes, ref)` → Float64Array (the inverse of ColumnWriter.put),
 * `sxDecodeBars(bytes, refs)` → {o, h, l, c} (of ColumnWriter.putBars, summed in integers) and
 * `sxSplitBlob(bytes)` → { meta, cols } for the gunzipped blob `[u32 LE meta length][meta JSON][columns]`.
 * Division by 10^k (not multiplication by 10^-k) gives the nearest double of the decimal: 10007 / 100
 * is 100.07, 10007 * 0.01 is 100.07000000000001.
 */
export const DECODER_JS = String.raw`
function sxDecodeColumn(b, ref, ints) {
  var out = new Float64Array(ref.n), p = ref.o, q = 0, step = 0, k = ref.k, mul = Math.pow(10, Math.abs(k));
  for (var i = 0; i < ref.n; i++) {
    var z = 0, scale = 1, c;
    do { c = b[p++]; z += (c & 127) * scale; scale *= 128; } while (c & 128);
    if (z === 0) { out[i] = NaN; continue; }
    z -= 1;
    var d = (z % 2 === 0) ? z / 2 : -(z + 1) / 2;
    if (ref.d === 0) q = d; else if (ref.d === 1) q += d; else { step += d; q += step; }
    out[i] = ints ? q : k >= 0 ? q / mul : q * mul;
  }
  return out;
}
function sxDecodeBars(b, r) {
  var c = sxDecodeColumn(b, r.c, true), g = sxDecodeColumn(b, r.o, true), u = sxDecodeColumn(b, r.h, true), w = sxDecodeColumn(b, r.l, true);
  var n = c.length, k = r.c.k, mul = Math.pow(10, Math.abs(k)), v = function (q) { return k >= 0 ? q / mul : q * mul; };
  var o = new Float64Array(n), h = new Float64Array(n), l = new Float64Array(n), cl = new Float64Array(n);
  for (var i = 0; i < n; i++) {
    var oq = i === 0 ? g[0] : c[i - 1] + g[i];
    o[i] = v(oq); cl[i] = v(c[i]);
    h[i] = v(Math.max(oq, c[i]) + u[i]); l[i] = v(Math.min(oq, c[i]) - w[i]);
  }
  return { o: o, h: h, l: l, c: cl };
}
function sxSplitBlob(bytes) {
  var n = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
  var meta = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n)));
  return { meta: meta, cols: bytes.subarray(4 + n) };
}
`;
