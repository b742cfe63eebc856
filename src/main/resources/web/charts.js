// Hand-drawn SVG charts (no library, works offline). Every chart has role="img" and an aria-label that
// states its values; series are told apart by line style and direct labels, not by colour alone.

import { esc } from './format.js';

function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return step * mag;
}

function ticks(min, max, count = 4) {
  if (!(max > min)) return [min];
  const step = niceStep(max - min, count);
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

function r1(n) {
  return Math.round(n * 10) / 10;
}

/**
 * A line chart over time.
 * series: [{name, cls, dash, points: [{t, v}]}]; refLines: [{v, label, cls}];
 * yFormat(v) formats values, xFormat(t) formats times.
 */
export function lineChart({ series, refLines = [], yFormat, xFormat, label, height = 230, floor = null }) {
  const W = 640;
  const H = height;
  const m = { l: 56, r: 168, t: 14, b: 30 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const all = series.flatMap((s) => s.points.filter((p) => p.v !== null && p.v !== undefined && Number.isFinite(p.v)));
  if (all.length === 0) {
    return `<p class="chart-empty">No values yet.</p>`;
  }
  const times = all.map((p) => p.t);
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  const single = t1 === t0;
  if (single) {
    t0 -= 3600_000;
    t1 += 3600_000;
  }
  const values = all.map((p) => p.v).concat(refLines.map((r) => r.v));
  let y0 = Math.min(...values);
  let y1 = Math.max(...values);
  if (floor !== null) y0 = Math.min(y0, floor);
  const pad = (y1 - y0 || Math.abs(y1) || 1) * 0.12;
  y0 -= pad;
  y1 += pad;
  const ys = ticks(y0, y1, 4);
  y0 = Math.min(y0, ys[0]);
  y1 = Math.max(y1, ys[ys.length - 1]);
  const x = (t) => m.l + ((t - t0) / (t1 - t0)) * pw;
  const y = (v) => m.t + (1 - (v - y0) / (y1 - y0)) * ph;

  const parts = [];
  parts.push(`<g class="grid">`);
  for (const v of ys) {
    parts.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${r1(y(v))}" y2="${r1(y(v))}"/>`);
    parts.push(`<text class="tick" x="${m.l - 8}" y="${r1(y(v)) + 4}" text-anchor="end">${esc(yFormat(v))}</text>`);
  }
  parts.push(`</g>`);
  if (y0 < 0 && y1 > 0) {
    parts.push(`<line class="zero" x1="${m.l}" x2="${m.l + pw}" y1="${r1(y(0))}" y2="${r1(y(0))}"/>`);
  }
  for (const ref of refLines) {
    const yy = r1(y(ref.v));
    parts.push(`<line class="ref ${esc(ref.cls || '')}" x1="${m.l}" x2="${m.l + pw}" y1="${yy}" y2="${yy}"/>`);
    parts.push(`<text class="ref-label ${esc(ref.cls || '')}" x="${m.l + 6}" y="${yy - 5}">${esc(ref.label)}</text>`);
  }
  // x axis: first and last time (and the middle when there is room)
  const xt = single ? [(t0 + t1) / 2] : [t0, (t0 + t1) / 2, t1];
  xt.forEach((t, i) => {
    const anchor = xt.length === 1 ? 'middle' : i === 0 ? 'start' : i === xt.length - 1 ? 'end' : 'middle';
    parts.push(`<text class="tick" x="${r1(x(t))}" y="${H - 8}" text-anchor="${anchor}">${esc(xFormat(t))}</text>`);
  });
  parts.push(`<line class="axis" x1="${m.l}" x2="${m.l + pw}" y1="${m.t + ph}" y2="${m.t + ph}"/>`);

  const ends = [];
  for (const s of series) {
    const pts = s.points.filter((p) => p.v !== null && p.v !== undefined && Number.isFinite(p.v));
    if (pts.length === 0) continue;
    let d = '';
    let pen = false;
    for (const p of s.points) {
      if (p.v === null || p.v === undefined || !Number.isFinite(p.v)) {
        pen = false;
        continue;
      }
      d += (pen ? 'L' : 'M') + r1(x(p.t)) + ' ' + r1(y(p.v));
      pen = true;
    }
    parts.push(`<path class="series ${esc(s.cls)}" d="${d}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    const showAll = pts.length <= 40;
    for (const p of showAll ? pts : pts.slice(-1)) {
      parts.push(`<circle class="dot ${esc(s.cls)}" cx="${r1(x(p.t))}" cy="${r1(y(p.v))}" r="3.2"><title>${esc(s.name)} ${esc(yFormat(p.v))} · ${esc(xFormat(p.t))}</title></circle>`);
    }
    const last = pts[pts.length - 1];
    ends.push({ y: y(last.v), x: x(last.t), text: `${s.name} ${yFormat(last.v)}`, cls: s.cls, dash: s.dash });
  }
  // direct labels at the right, spread so they never overlap
  ends.sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) {
    if (ends[i].y - ends[i - 1].y < 15) ends[i].y = ends[i - 1].y + 15;
  }
  const overflow = ends.length ? ends[ends.length - 1].y - (m.t + ph) : 0;
  if (overflow > 0) ends.forEach((e) => (e.y -= overflow));
  for (const e of ends) {
    const lx = m.l + pw + 10;
    parts.push(`<line class="series ${esc(e.cls)}" x1="${lx}" x2="${lx + 18}" y1="${r1(e.y)}" y2="${r1(e.y)}"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`);
    parts.push(`<text class="end-label" x="${lx + 24}" y="${r1(e.y) + 4}">${esc(e.text)}</text>`);
  }
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}

/**
 * Horizontal bars against reference lines (e.g. stressed DSCR against the covenant).
 * rows: [{label, v, text, cls}]; refLines: [{v, label, cls}].
 */
export function barsAgainst({ rows, refLines = [], label, format }) {
  const W = 640;
  const rowH = 38;
  const m = { l: 190, r: 150, t: 26, b: 10 };
  const H = m.t + m.b + rowH * rows.length;
  const pw = W - m.l - m.r;
  const vals = rows.map((r) => r.v).filter((v) => v !== null && Number.isFinite(v));
  let v0 = Math.min(0, ...vals);
  let v1 = Math.max(...vals, ...refLines.map((r) => r.v * 1.25), 0.1);
  const x = (v) => m.l + ((v - v0) / (v1 - v0)) * pw;
  const parts = [];
  rows.forEach((r, i) => {
    const top = m.t + i * rowH;
    const cy = top + rowH / 2;
    parts.push(`<text class="bar-label${r.strong ? ' strong' : ''}" x="${m.l - 12}" y="${cy + 4}" text-anchor="end">${esc(r.label)}</text>`);
    if (r.v === null || !Number.isFinite(r.v)) {
      parts.push(`<text class="bar-value" x="${m.l + 6}" y="${cy + 4}">${esc(r.text)}</text>`);
      return;
    }
    const a = x(Math.min(0, r.v));
    const b = x(Math.max(0, r.v));
    parts.push(`<rect class="bar ${esc(r.cls)}" x="${r1(a)}" y="${top + 8}" width="${r1(Math.max(1.5, b - a))}" height="${rowH - 16}" rx="3"><title>${esc(r.label)}: ${esc(r.text)}</title></rect>`);
    parts.push(`<text class="bar-value ${esc(r.cls)}" x="${r1(Math.max(b, x(0)) + 8)}" y="${cy + 4}">${esc(r.text)}</text>`);
  });
  parts.push(`<line class="axis" x1="${r1(x(0))}" x2="${r1(x(0))}" y1="${m.t - 4}" y2="${H - m.b}"/>`);
  for (const ref of refLines) {
    const xx = r1(x(ref.v));
    parts.push(`<line class="ref ${esc(ref.cls || '')}" x1="${xx}" x2="${xx}" y1="${m.t - 6}" y2="${H - m.b}"/>`);
    parts.push(`<text class="ref-label ${esc(ref.cls || '')}" x="${xx}" y="${m.t - 10}" text-anchor="middle">${esc(ref.label)}</text>`);
  }
  return `<svg class="chart bars" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}
