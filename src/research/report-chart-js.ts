// The report's interactive chart (plain JS, embedded in the page): candles, volume, indicators, trades, equity, drawdown; zoom and pan.

/**
 * Runs in the page after DECODER_JS. Reads the gzipped blob from `#sx-data`, draws every pane on one
 * canvas in `#sx-chart` over one shared time window, and exposes `window.sxReport` (load and render
 * times, the visible window) for tests and curious readers. Dense windows are drawn per pixel
 * column (first/min/max/last of the bars under it), so a 1M-bar run costs one pass over the visible
 * bars per frame and zooming in shows every bar.
 */
export const CHART_JS = String.raw`
(function () {
  'use strict';
  var dataEl = document.getElementById('sx-data');
  var root = document.getElementById('sx-chart');
  if (!dataEl || !root) return;
  var state = { ready: false, error: null, loadMs: 0, renderMs: 0, renders: 0 };
  window.sxReport = state;
  var DAY = 86400000;

  function b64bytes(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function gunzip(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function clean(x) { return Number(x.toPrecision(10)); }
  function fmt(x) {
    if (x === null || x === undefined || !isFinite(x)) return 'n/a';
    var s = String(clean(x));
    return s === '-0' ? '0' : s;
  }
  function fmtMoney(x) {
    if (!isFinite(x)) return 'n/a';
    var s = Math.abs(x).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
    return (x < 0 && s !== '0.00' ? '\u2212' : '') + s;
  }
  function fmtPct(x) { return isFinite(x) ? (x * 100).toFixed(2) + ' %' : 'n/a'; }
  function fmtTime(ms) {
    var s = new Date(ms).toISOString();
    return s.slice(0, 10) + ' ' + s.slice(11, 16) + (s.slice(16, 19) === ':00' ? '' : s.slice(16, 19));
  }
  function fmtDur(ms) {
    var u = [['d', DAY], ['h', 3600000], ['m', 60000], ['s', 1000]], out = [], r = ms;
    for (var i = 0; i < u.length && out.length < 2; i++) {
      var k = Math.floor(r / u[i][1]);
      if (k > 0) { out.push(k + u[i][0]); r -= k * u[i][1]; } else if (out.length) break;
    }
    return out.length ? out.join(' ') : '0s';
  }
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  /** First index with t[i] >= x. */
  function lower(t, x) { var a = 0, b = t.length; while (a < b) { var m = (a + b) >> 1; if (t[m] < x) a = m + 1; else b = m; } return a; }
  /** First index with t[i] > x. */
  function upper(t, x) { var a = 0, b = t.length; while (a < b) { var m = (a + b) >> 1; if (t[m] <= x) a = m + 1; else b = m; } return a; }

  function decode(bytes) {
    var blob = sxSplitBlob(bytes), m = blob.meta, c = blob.cols;
    var col = function (ref) { return ref ? sxDecodeColumn(c, ref) : null; };
    var syms = m.sym.map(function (s) {
      var px = sxDecodeBars(c, s.p);
      return {
        name: s.name, iv: s.iv, n: s.n, t: col(s.t), o: px.o, h: px.h, l: px.l, c: px.c, v: col(s.v),
        ind: s.ind.map(function (x) { return { label: x.label, pane: x.pane, v: col(x.col) }; }),
        trades: [],
      };
    });
    m.tr.forEach(function (r, i) {
      syms[r[0]].trades.push({ id: i + 1, dir: r[1], et: r[2], xt: r[3], qty: r[4], ep: r[5], xp: r[6], net: r[7], why: m.rs[r[8]] });
    });
    var et = col(m.eq.t), e = col(m.eq.e), bh = buyAndHold(et, syms, m.cash), dd = new Float64Array(e.length), peak = m.cash;
    for (var i = 0; i < e.length; i++) { if (e[i] > peak) peak = e[i]; dd[i] = peak > 0 ? (e[i] - peak) / peak : NaN; }
    return { cash: m.cash, syms: syms, et: et, e: e, bh: bh, dd: dd };
  }

  /** period-returns.ts buyAndHold, here so the blob need not carry a second curve: equal weight from each first close, cash until a symbol starts. */
  function buyAndHold(et, syms, cash) {
    var live = syms.filter(function (s) { return s.n > 0; }), part = cash / Math.max(1, live.length), at = live.map(function () { return -1; });
    var out = new Float64Array(et.length);
    for (var i = 0; i < et.length; i++) {
      var v = live.length === 0 ? cash : 0;
      for (var k = 0; k < live.length; k++) {
        var s = live[k], j = at[k];
        while (j + 1 < s.n && s.t[j + 1] <= et[i]) j++;
        at[k] = j;
        v += j < 0 ? part : (part * s.c[j]) / s.c[0];
      }
      out[i] = v;
    }
    return out;
  }

  var AX = 1, BX = 0, D, sym = 0, view = null, canvas, ctx, frame, tip, readout, rangeEl, panes = [], hover = null, drag = null;

  function palette() {
    var cs = getComputedStyle(document.documentElement);
    var v = function (n) { return cs.getPropertyValue(n).trim(); };
    return { fg: v('--fg'), muted: v('--muted'), grid: v('--grid'), bg: v('--bg'), up: v('--up'), down: v('--down'),
      accent: v('--accent'), bh: v('--bh'), area: v('--dd-area'), lines: [v('--l1'), v('--l2'), v('--l3'), v('--l4'), v('--l5')] };
  }

  function fullRange() {
    var s = D.syms[sym], a = Infinity, b = -Infinity;
    if (s && s.n > 0) { a = s.t[0]; b = s.t[s.n - 1] + (s.iv || 0); }
    if (D.et.length > 0) { a = Math.min(a, D.et[0]); b = Math.max(b, D.et[D.et.length - 1]); }
    if (!(b > a)) { b = a + DAY; }
    return [a, b];
  }
  function minSpan() {
    var s = D.syms[sym], iv = s && s.iv ? s.iv : 60000;
    return iv * 10;
  }
  function setView(a, b) {
    var f = fullRange(), span = Math.max(b - a, minSpan());
    if (span >= f[1] - f[0]) { view = [f[0], f[1]]; } else {
      if (a < f[0]) a = f[0];
      if (a + span > f[1]) a = f[1] - span;
      view = [a, a + span];
    }
    render();
  }
  function zoom(factor, centre) {
    var c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
    setView(c - (c - view[0]) * factor, c + (view[1] - c) * factor);
  }
  function pan(frac) { var d = (view[1] - view[0]) * frac; setView(view[0] + d, view[1] + d); }

  function layout(width) {
    var s = D.syms[sym], out = [], own = {};
    if (s) {
      out.push({ kind: 'price', h: 330, title: s.name });
      if (s.v) out.push({ kind: 'volume', h: 64, title: 'Volume' });
      s.ind.forEach(function (x, i) {
        if (x.pane !== 'own') return;
        var g = x.label.split('.')[0];
        if (!own[g]) { own[g] = { kind: 'ind', h: 88, title: g, lines: [] }; out.push(own[g]); }
        own[g].lines.push(i);
      });
    }
    out.push({ kind: 'equity', h: 170, title: 'Equity vs buy-and-hold' });
    out.push({ kind: 'dd', h: 84, title: 'Drawdown' });
    var y = 4;
    out.forEach(function (p) { p.y = y; y += p.h + 6; });
    return { panes: out, height: y + 22, left: 8, right: width - 72 };
  }

  /**
   * Visits the points of (t, v) in [i0, i1) as screen columns x = round(t·ax + bx): fn(px, first, min,
   * max, last) per column with a value. The transform is inlined (not a function call per point):
   * this loop runs over every visible point of a 1M-point series each frame.
   */
  function columns(t, v, i0, i1, ax, bx, fn) {
    var cx = NaN, f = NaN, lo = Infinity, hi = -Infinity, la = NaN;
    for (var i = i0; i < i1; i++) {
      var y = v[i];
      if (y !== y) continue;
      var x = Math.round(t[i] * ax + bx);
      if (x !== cx) { if (cx === cx) fn(cx, f, lo, hi, la); cx = x; f = y; lo = y; hi = y; }
      if (y < lo) lo = y;
      if (y > hi) hi = y;
      la = y;
    }
    if (cx === cx) fn(cx, f, lo, hi, la);
  }
  function extent(t, v, i0, i1, acc) {
    for (var i = i0; i < i1; i++) { var y = v[i]; if (y === y) { if (y < acc[0]) acc[0] = y; if (y > acc[1]) acc[1] = y; } }
    return acc;
  }
  function scaleY(p, lo, hi) {
    if (!(hi > lo)) { var d = Math.abs(lo) * 0.01 || 1; lo -= d; hi += d; }
    var pad = (hi - lo) * 0.06; lo -= pad; hi += pad;
    p.lo = lo; p.hi = hi;
    var top = p.y + 16, bot = p.y + p.h;
    p.sy = function (v) { return bot - ((v - lo) / (hi - lo)) * (bot - top); };
    p.iy = function (py) { return lo + ((bot - py) / (bot - top)) * (hi - lo); };
  }
  function drawLine(t, v, i0, i1, ax, bx, sy, color, width, dash) {
    ctx.beginPath(); ctx.strokeStyle = color; ctx.lineWidth = width || 1.2; ctx.setLineDash(dash || []);
    var pen = false, lastX = -1;
    var lastIndex = -2;
    // Sparse windows: plain polyline with gaps at NaN; dense: per-column first/min/max/last.
    if (i1 - i0 < 4000) {
      for (var i = i0; i < i1; i++) {
        var y = v[i];
        if (y !== y) { pen = false; continue; }
        var X = t[i] * ax + bx, Y = sy(y);
        if (pen && i === lastIndex + 1) ctx.lineTo(X, Y); else ctx.moveTo(X, Y);
        pen = true; lastIndex = i;
      }
    } else {
      columns(t, v, i0, i1, ax, bx, function (x, f, lo, hi, la) {
        if (pen && x === lastX + 1) ctx.lineTo(x, sy(f)); else ctx.moveTo(x, sy(f));
        ctx.lineTo(x, sy(lo)); ctx.lineTo(x, sy(hi)); ctx.lineTo(x, sy(la));
        pen = true; lastX = x;
      });
    }
    ctx.stroke(); ctx.setLineDash([]);
  }
  function yAxis(p, L, C, fmtY) {
    var n = Math.max(4, Math.floor(p.h / 40)), step = niceStep((p.hi - p.lo) / n);
    ctx.fillStyle = C.muted; ctx.font = '11px system-ui, sans-serif'; ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
    ctx.strokeStyle = C.grid; ctx.lineWidth = 1;
    for (var v = Math.ceil(p.lo / step) * step; v <= p.hi; v += step) {
      var y = Math.round(p.sy(v)) + 0.5;
      if (y < p.y + 14 || y > p.y + p.h) continue;
      ctx.beginPath(); ctx.moveTo(L.left, y); ctx.lineTo(L.right, y); ctx.stroke();
      ctx.fillText(fmtY(v), L.right + 6, y);
    }
  }
  function niceStep(raw) {
    var e = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / e;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * e;
  }
  var STEPS = [60000, 300000, 900000, 1800000, 3600000, 7200000, 14400000, 21600000, 43200000, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
  function timeTicks(a, b, px) {
    var want = (b - a) / Math.max(1, px / 110), out = [];
    for (var i = 0; i < STEPS.length; i++) if (STEPS[i] >= want) { for (var x = Math.ceil(a / STEPS[i]) * STEPS[i]; x <= b; x += STEPS[i]) out.push(x); return { ticks: out, daily: STEPS[i] >= DAY }; }
    var months = Math.max(1, Math.ceil(want / (30.44 * DAY))), nice = [1, 2, 3, 6, 12, 24, 60, 120];
    for (var k = 0; k < nice.length; k++) if (nice[k] >= months) { months = nice[k]; break; }
    var d = new Date(a), y = d.getUTCFullYear(), m = d.getUTCMonth();
    m = Math.ceil(m / months) * months;
    for (;;) { var t = Date.UTC(y, m, 1); if (t > b) break; if (t >= a) out.push(t); m += months; }
    return { ticks: out, daily: true };
  }

  function render() {
    var t0 = performance.now(), C = palette();
    var width = Math.max(320, root.clientWidth), L = layout(width), dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(L.height * dpr)) {
      canvas.width = Math.round(width * dpr); canvas.height = Math.round(L.height * dpr);
      canvas.style.width = width + 'px'; canvas.style.height = L.height + 'px';
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = C.bg; ctx.fillRect(0, 0, width, L.height);
    panes = L.panes; state.layout = L;
    var a = view[0], b = view[1];
    AX = (L.right - L.left) / (b - a); BX = L.left - a * AX;
    var sx = function (x) { return x * AX + BX; };
    state.sx = sx;
    var s = D.syms[sym];
    var i0 = s ? Math.max(0, lower(s.t, a) - 1) : 0, i1 = s ? Math.min(s.n, upper(s.t, b) + 1) : 0;
    var e0 = Math.max(0, lower(D.et, a) - 1), e1 = Math.min(D.et.length, upper(D.et, b) + 1);
    state.visibleBars = s ? Math.max(0, upper(s.t, b) - lower(s.t, a)) : 0;
    state.paneMs = {};
    panes.forEach(function (p) {
      var tp = performance.now();
      ctx.save();
      ctx.beginPath(); ctx.rect(L.left, p.y, L.right - L.left, p.h); ctx.clip();
      if (p.kind === 'price') drawPrice(p, s, i0, i1, sx, C, L);
      else if (p.kind === 'volume') drawVolume(p, s, i0, i1, sx, C);
      else if (p.kind === 'ind') drawInd(p, s, i0, i1, sx, C);
      else if (p.kind === 'equity') drawEquity(p, e0, e1, sx, C);
      else drawDd(p, e0, e1, sx, C);
      ctx.restore();
      yAxis(p, L, C, p.kind === 'dd' ? function (v) { return (Math.round(v * 100) || 0) + '%'; } : p.kind === 'volume' ? compact : fmtAxis(p));
      ctx.strokeStyle = C.grid; ctx.strokeRect(L.left + 0.5, p.y + 0.5, L.right - L.left, p.h);
      ctx.fillStyle = C.fg; ctx.font = '600 12px system-ui, sans-serif'; ctx.textAlign = 'left'; ctx.textBaseline = 'top';
      ctx.fillText(p.title, L.left + 6, p.y + 3);
      if (p.legend) legend(p, L, C);
      state.paneMs[p.title] = Math.round(performance.now() - tp);
    });
    var tt = timeTicks(a, b, L.right - L.left);
    ctx.fillStyle = C.muted; ctx.font = '11px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    tt.ticks.forEach(function (t) {
      var x = Math.round(sx(t)) + 0.5;
      ctx.strokeStyle = C.grid; ctx.globalAlpha = 0.6;
      panes.forEach(function (p) { ctx.beginPath(); ctx.moveTo(x, p.y + 14); ctx.lineTo(x, p.y + p.h); ctx.stroke(); });
      ctx.globalAlpha = 1;
      var iso = new Date(t).toISOString();
      var label = tt.daily ? iso.slice(0, 10) : iso.slice(5, 10) + ' ' + iso.slice(11, 16), half = ctx.measureText(label).width / 2;
      ctx.fillText(label, Math.max(L.left + half, Math.min(L.right - half, x)), L.height - 18);
    });
    // The finished frame is kept: moving the mouse only redraws the crosshair over it, not 1M bars.
    if (frame.width !== canvas.width || frame.height !== canvas.height) { frame.width = canvas.width; frame.height = canvas.height; }
    frame.getContext('2d').drawImage(canvas, 0, 0);
    if (hover) crosshair(hover, L, C);
    rangeEl.textContent = fmtTime(Math.round(a / 60000) * 60000) + ' \u2192 ' + fmtTime(Math.round(b / 60000) * 60000) + ' UTC \u00b7 ' + state.visibleBars + ' bars';
    state.view = [a, b];
    state.renders++;
    state.renderMs = performance.now() - t0;
  }
  function compact(v) {
    var a = Math.abs(v);
    return a >= 1e9 ? clean(v / 1e9) + 'G' : a >= 1e6 ? clean(v / 1e6) + 'M' : a >= 1e3 ? clean(v / 1e3) + 'k' : fmt(v);
  }
  function fmtAxis(p) {
    var step = niceStep((p.hi - p.lo) / Math.max(4, Math.floor(p.h / 40)));
    var dec = Math.max(0, Math.min(10, -Math.floor(Math.log10(step))));
    return function (v) { return Math.abs(v) >= 1e5 ? compact(v) : v.toFixed(dec); };
  }
  function legend(p, L, C) {
    ctx.font = '600 12px system-ui, sans-serif';
    var x = L.left + 6 + ctx.measureText(p.title).width + 14;
    ctx.font = '11px system-ui, sans-serif'; ctx.textBaseline = 'top'; ctx.textAlign = 'left';
    p.legend.forEach(function (it) {
      ctx.fillStyle = it[1]; ctx.fillRect(x, p.y + 8, 12, 2.5); x += 16;
      ctx.fillStyle = C.muted; ctx.fillText(it[0], x, p.y + 4); x += ctx.measureText(it[0]).width + 12;
    });
  }

  function drawPrice(p, s, i0, i1, sx, C) {
    var acc = [Infinity, -Infinity];
    extent(s.t, s.l, i0, i1, acc); extent(s.t, s.h, i0, i1, acc);
    scaleY(p, acc[0], acc[1]);
    var sy = p.sy, n = i1 - i0, pxw = (sx(view[0] + (s.iv || 1)) - sx(view[0]));
    if (n > 0 && pxw >= 3) {
      var w = Math.max(1, Math.floor(pxw * 0.7));
      for (var i = i0; i < i1; i++) {
        var up = s.c[i] >= s.o[i], x = Math.round(sx(s.t[i] + (s.iv || 0) / 2));
        ctx.strokeStyle = ctx.fillStyle = up ? C.up : C.down;
        ctx.beginPath(); ctx.moveTo(x + 0.5, sy(s.h[i])); ctx.lineTo(x + 0.5, sy(s.l[i])); ctx.lineWidth = 1; ctx.stroke();
        var yo = sy(s.o[i]), yc = sy(s.c[i]);
        ctx.fillRect(x - Math.floor(w / 2), Math.min(yo, yc), w, Math.max(1, Math.abs(yc - yo)));
      }
    } else if (n > 0) {
      // Dense: one OHLC column per pixel (open of its first bar, close of its last, extremes of all).
      var cx = NaN, o = 0, h = 0, l = 0, c = 0;
      var flush = function () {
        ctx.fillStyle = c >= o ? C.up : C.down;
        var yh = sy(h), yl = sy(l);
        ctx.fillRect(cx, yh, 1, Math.max(1, yl - yh));
      };
      for (var j = i0; j < i1; j++) {
        var X = Math.round(s.t[j] * AX + BX);
        if (X !== cx) { if (cx === cx) flush(); cx = X; o = s.o[j]; h = s.h[j]; l = s.l[j]; }
        if (s.h[j] > h) h = s.h[j];
        if (s.l[j] < l) l = s.l[j];
        c = s.c[j];
      }
      if (cx === cx) flush();
    }
    var leg = [];
    s.ind.forEach(function (x, k) {
      if (x.pane !== 'price') return;
      var col = C.lines[k % C.lines.length];
      drawLine(s.t, x.v, i0, i1, AX, BX + AX * (s.iv || 0) / 2, sy, col, 1.4);
      leg.push([x.label, col]);
    });
    p.legend = leg;
    drawTrades(p, s, sx, C);
  }

  function drawTrades(p, s, sx, C) {
    var a = view[0], b = view[1], sy = p.sy, shown = [], half = (s.iv || 0) / 2;
    var vis = s.trades.filter(function (t) { return (t.xt === null ? Infinity : t.xt) >= a && t.et <= b; });
    // More than one trade per 4 px: no link lines or rings, small marks filled in one path per colour.
    var dense = vis.length > (sx(b) - sx(a)) / 4, sz = dense ? 3 : 6;
    // Setting fillStyle parses a colour string: thousands of marks are batched per colour.
    var longs = new Path2D(), shorts = new Path2D(), upRects = [], downRects = [];
    vis.forEach(function (t) {
      var x1 = sx(t.et + half), y1 = sy(t.ep), col = t.net === null ? C.accent : t.net > 0 ? C.up : C.down;
      if (t.xt !== null) {
        var x2 = sx(t.xt + half), y2 = sy(t.xp);
        if (dense) (t.net > 0 ? upRects : downRects).push(x2 - 1.5, y2 - 1.5, 3, 3);
        else {
          ctx.strokeStyle = col; ctx.lineWidth = 1; ctx.setLineDash([3, 3]); ctx.globalAlpha = 0.8;
          ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke(); ctx.setLineDash([]); ctx.globalAlpha = 1;
          ctx.beginPath(); ctx.arc(x2, y2, 4, 0, 6.2832); ctx.fillStyle = C.bg; ctx.fill(); ctx.lineWidth = 2; ctx.stroke();
        }
        shown.push({ x: x2, y: y2, t: t, exit: true });
      }
      var path = t.dir > 0 ? longs : shorts, d = t.dir > 0 ? 1 : -1, y0 = y1 + 2 * d;
      // Dense: a 2 × 5 px tick below (long) or above (short) the entry; a path of thousands of triangles rasterises slowly.
      if (dense) (d > 0 ? upRects : downRects).push(x1 - 1, d > 0 ? y0 : y0 - 5, 2, 5);
      else { path.moveTo(x1, y0); path.lineTo(x1 - sz, y0 + d * sz * 1.6); path.lineTo(x1 + sz, y0 + d * sz * 1.6); path.closePath(); }
      shown.push({ x: x1, y: y0 + d * sz, t: t, exit: false });
    });
    // Each fillRect costs microseconds in a software canvas: one mark per 2 × 2 px cell and colour is enough.
    var W = Math.ceil(sx(b)) + 8, seen = new Uint8Array((W >> 1) * ((p.y + p.h + 8) >> 1) + 1);
    var rects = function (r, colour, bit) {
      ctx.fillStyle = colour;
      for (var i = 0; i < r.length; i += 4) {
        var cell = (Math.max(0, r[i + 1]) >> 1) * (W >> 1) + (Math.max(0, Math.min(W - 1, r[i])) >> 1);
        if (seen[cell] & bit) continue;
        seen[cell] |= bit;
        ctx.fillRect(r[i], r[i + 1], r[i + 2], r[i + 3]);
      }
    };
    rects(upRects, C.up, 1); rects(downRects, C.down, 2);
    ctx.strokeStyle = C.bg; ctx.lineWidth = 1;
    ctx.fillStyle = C.up; ctx.fill(longs); if (!dense) ctx.stroke(longs);
    ctx.fillStyle = C.down; ctx.fill(shorts); if (!dense) ctx.stroke(shorts);
    state.markers = shown;
    p.legend = (p.legend || []).concat([['\u25b2 long / \u25bc short entry, \u25cb exit (green win, red loss)', C.muted]]);
  }

  function drawVolume(p, s, i0, i1, sx, C) {
    var acc = [0, -Infinity], pxw = sx(view[0] + (s.iv || 1)) - sx(view[0]);
    if (pxw >= 2) {
      extent(s.t, s.v, i0, i1, acc); scaleY(p, 0, acc[1]); p.lo = 0;
      var w = Math.max(1, Math.floor(pxw * 0.7));
      for (var i = i0; i < i1; i++) {
        var v = s.v[i]; if (v !== v) continue;
        ctx.fillStyle = s.c[i] >= s.o[i] ? C.up : C.down; ctx.globalAlpha = 0.55;
        var y = p.sy(v), x = Math.round(sx(s.t[i] + (s.iv || 0) / 2));
        ctx.fillRect(x - Math.floor(w / 2), y, w, p.sy(0) - y);
      }
    } else {
      // Dense: the volume of all bars under a pixel column, summed.
      var sums = [], xs = [], cx = NaN, sum = 0, max = 0;
      for (var j = i0; j < i1; j++) {
        var vv = s.v[j]; if (vv !== vv) continue;
        var X = Math.round(s.t[j] * AX + BX);
        if (X !== cx) { if (cx === cx) { xs.push(cx); sums.push(sum); if (sum > max) max = sum; } cx = X; sum = 0; }
        sum += vv;
      }
      if (cx === cx) { xs.push(cx); sums.push(sum); if (sum > max) max = sum; }
      scaleY(p, 0, max); ctx.fillStyle = C.muted; ctx.globalAlpha = 0.6;
      for (var k = 0; k < xs.length; k++) { var yy = p.sy(sums[k]); ctx.fillRect(xs[k], yy, 1, p.sy(0) - yy); }
    }
    ctx.globalAlpha = 1;
  }

  function drawInd(p, s, i0, i1, sx, C) {
    var acc = [Infinity, -Infinity], leg = [];
    p.lines.forEach(function (k) { extent(s.t, s.ind[k].v, i0, i1, acc); });
    if (!(acc[1] >= acc[0])) acc = [0, 1];
    scaleY(p, acc[0], acc[1]);
    p.lines.forEach(function (k) {
      var col = C.lines[k % C.lines.length];
      drawLine(s.t, s.ind[k].v, i0, i1, AX, BX + AX * (s.iv || 0) / 2, p.sy, col, 1.3);
      leg.push([s.ind[k].label, col]);
    });
    p.legend = leg;
  }

  function drawEquity(p, e0, e1, sx, C) {
    var acc = extent(D.et, D.e, e0, e1, [D.cash, D.cash]);
    extent(D.et, D.bh, e0, e1, acc);
    scaleY(p, acc[0], acc[1]);
    ctx.strokeStyle = C.muted; ctx.setLineDash([4, 4]); ctx.lineWidth = 1;
    var yb = Math.round(p.sy(D.cash)) + 0.5;
    ctx.beginPath(); ctx.moveTo(0, yb); ctx.lineTo(10000, yb); ctx.stroke(); ctx.setLineDash([]);
    drawLine(D.et, D.bh, e0, e1, AX, BX, p.sy, C.bh, 1.2, [5, 3]);
    drawLine(D.et, D.e, e0, e1, AX, BX, p.sy, C.accent, 1.6);
    p.legend = [['strategy', C.accent], ['buy-and-hold (equal weight)', C.bh], ['initial cash', C.muted]];
  }

  function drawDd(p, e0, e1, sx, C) {
    var acc = extent(D.et, D.dd, e0, e1, [0, 0]);
    scaleY(p, acc[0], 0);
    var z = p.sy(0);
    ctx.fillStyle = C.area; ctx.strokeStyle = C.down; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(sx(D.et[e0] || 0), z);
    if (e1 - e0 < 4000) { for (var i = e0; i < e1; i++) if (D.dd[i] === D.dd[i]) ctx.lineTo(sx(D.et[i]), p.sy(D.dd[i])); }
    else columns(D.et, D.dd, e0, e1, AX, BX, function (x, f, lo) { ctx.lineTo(x, p.sy(lo)); });
    ctx.lineTo(sx(D.et[Math.max(e0, e1 - 1)] || 0), z); ctx.closePath(); ctx.fill();
    drawLine(D.et, D.dd, e0, e1, AX, BX, p.sy, C.down, 1);
  }

  function crosshair(h, L, C) {
    ctx.strokeStyle = C.muted; ctx.lineWidth = 1; ctx.setLineDash([2, 3]);
    var x = Math.round(h.x) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, 4); ctx.lineTo(x, L.height - 22); ctx.stroke(); ctx.setLineDash([]);
  }

  function overlay() {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(frame, 0, 0);
    var dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (hover) crosshair(hover, state.layout, palette());
  }
  function nearestIndex(t, x) {
    var i = upper(t, x) - 1;
    return i < 0 ? 0 : i;
  }
  function onMove(ev) {
    var r = canvas.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
    if (drag) {
      var dt = ((drag.x - x) / (state.layout.right - state.layout.left)) * (drag.view[1] - drag.view[0]);
      setView(drag.view[0] + dt, drag.view[1] + dt);
      return;
    }
    hover = { x: x, y: y };
    overlay();
    var t = view[0] + ((x - state.layout.left) / (state.layout.right - state.layout.left)) * (view[1] - view[0]);
    var s = D.syms[sym], parts = [];
    if (s && s.n > 0) {
      var i = nearestIndex(s.t, t);
      parts.push('<b>' + esc(s.name) + '</b> ' + fmtTime(s.t[i]) + ' O ' + fmt(s.o[i]) + ' H ' + fmt(s.h[i]) + ' L ' + fmt(s.l[i]) + ' C ' + fmt(s.c[i]) + (s.v ? ' V ' + fmt(s.v[i]) : ''));
      s.ind.forEach(function (x) { parts.push(esc(x.label) + ' ' + fmt(x.v[i])); });
    }
    if (D.et.length > 0) {
      var j = nearestIndex(D.et, t);
      parts.push('equity ' + fmtMoney(D.e[j]) + ' \u00b7 B&H ' + fmtMoney(D.bh[j]) + ' \u00b7 DD ' + fmtPct(D.dd[j]));
    }
    readout.innerHTML = parts.join(' \u00b7 ');
    var best = null, bd = 81;
    (state.markers || []).forEach(function (m) { var d = (m.x - x) * (m.x - x) + (m.y - y) * (m.y - y); if (d < bd) { bd = d; best = m; } });
    if (best) showTip(best, x, y); else tip.hidden = true;
  }
  function showTip(m, x, y) {
    var t = m.t, s = D.syms[sym];
    var rows = ['<b>Trade #' + t.id + '</b> ' + (t.dir > 0 ? 'long' : 'short') + ' ' + fmt(t.qty) + ' ' + esc(s.name),
      'entry ' + fmtTime(t.et) + ' @ ' + fmt(t.ep)];
    if (t.xt !== null) {
      rows.push('exit ' + fmtTime(t.xt) + ' @ ' + fmt(t.xp) + ' (' + esc(t.why) + ')');
      rows.push('net PnL <b class="' + (t.net > 0 ? 'up' : t.net < 0 ? 'down' : '') + '">' + fmtMoney(t.net) + '</b> \u00b7 held ' + fmtDur(t.xt - t.et));
    } else rows.push('still open at the end of the run');
    tip.innerHTML = rows.join('<br>');
    tip.hidden = false;
    var box = root.getBoundingClientRect(), w = tip.offsetWidth;
    tip.style.left = Math.min(x + 14, box.width - w - 4) + 'px';
    tip.style.top = (y + 14) + 'px';
  }

  function build() {
    var bar = document.createElement('div'); bar.className = 'sx-toolbar';
    var html = '';
    if (D.syms.length > 1) {
      html += '<label>Symbol <select id="sx-symbol">' + D.syms.map(function (s, i) { return '<option value="' + i + '">' + esc(s.name) + '</option>'; }).join('') + '</select></label>';
    }
    html += '<button type="button" data-act="in" title="Zoom in (wheel up)">+</button><button type="button" data-act="out" title="Zoom out (wheel down)">\u2212</button>' +
      '<button type="button" data-act="left" title="Pan left">\u25c0</button><button type="button" data-act="right" title="Pan right">\u25b6</button>' +
      '<button type="button" data-act="reset" title="Whole run (double-click)">Reset</button><span id="sx-range" class="note"></span>' +
      '<span class="note sx-help">wheel: zoom \u00b7 drag: pan \u00b7 hover a marker for its trade</span>';
    bar.innerHTML = html;
    root.appendChild(bar);
    readout = document.createElement('div'); readout.className = 'sx-readout'; readout.innerHTML = '&nbsp;'; root.appendChild(readout);
    var wrap = document.createElement('div'); wrap.className = 'sx-canvas'; root.appendChild(wrap);
    frame = document.createElement('canvas');
    canvas = document.createElement('canvas'); canvas.setAttribute('role', 'img'); canvas.setAttribute('aria-label', 'Price, volume, indicators, trades, equity and drawdown');
    wrap.appendChild(canvas);
    tip = document.createElement('div'); tip.className = 'sx-tip'; tip.id = 'sx-tip'; tip.hidden = true; wrap.appendChild(tip);
    ctx = canvas.getContext('2d');
    rangeEl = document.getElementById('sx-range');
    bar.addEventListener('click', function (ev) {
      var act = ev.target && ev.target.getAttribute && ev.target.getAttribute('data-act');
      if (act === 'in') zoom(0.5); else if (act === 'out') zoom(2); else if (act === 'left') pan(-0.25); else if (act === 'right') pan(0.25);
      else if (act === 'reset') { var f = fullRange(); setView(f[0], f[1]); }
    });
    var sel = document.getElementById('sx-symbol');
    if (sel) sel.addEventListener('change', function () { sym = Number(sel.value); tip.hidden = true; hover = null; readout.innerHTML = '&nbsp;'; var f = fullRange(); setView(Math.max(view[0], f[0]), Math.min(view[1], f[1])); });
    canvas.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var r = canvas.getBoundingClientRect(), L = state.layout;
      var c = view[0] + ((ev.clientX - r.left - L.left) / (L.right - L.left)) * (view[1] - view[0]);
      zoom(ev.deltaY < 0 ? 0.8 : 1.25, c);
    }, { passive: false });
    canvas.addEventListener('mousedown', function (ev) { var r = canvas.getBoundingClientRect(); drag = { x: ev.clientX - r.left, view: view.slice() }; canvas.style.cursor = 'grabbing'; });
    window.addEventListener('mouseup', function () { drag = null; canvas.style.cursor = ''; });
    canvas.addEventListener('mousemove', onMove);
    canvas.addEventListener('mouseleave', function () { hover = null; tip.hidden = true; overlay(); });
    canvas.addEventListener('dblclick', function () { var f = fullRange(); setView(f[0], f[1]); });
    window.addEventListener('resize', render);
    if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
    window.addEventListener('beforeprint', render);
  }

  var t0 = performance.now();
  gunzip(b64bytes(dataEl.textContent.trim())).then(function (bytes) {
    D = decode(bytes);
    state.decodeMs = performance.now() - t0;
    state.symbols = D.syms.map(function (s) { return s.name; });
    state.buyAndHoldLast = D.bh.length > 0 ? D.bh[D.bh.length - 1] : null;
    build();
    var f = fullRange(); view = [f[0], f[1]];
    render();
    state.loadMs = performance.now() - t0;
    state.ready = true;
    state.zoom = zoom; state.pan = pan; state.setView = setView;
  }).catch(function (e) {
    state.error = String(e && e.stack || e);
    root.textContent = 'The chart could not be drawn: ' + e;
    throw e;
  });
})();
`;
