// The chain of pain as a three-column flow diagram, lenders → operators → counterparties, in hand-made SVG
// like the other charts (charts.js).
//
// Why not d3-sankey: the columns are fixed (three, no cycles), so its general layering and relaxation buy
// little, and its last release (0.12.3) still pins d3-array 2 and d3-shape 1. What this page needs most a
// library would not give anyway: nodes that are real links (keyboard, screen readers, click to open) and
// the partial bands showing how much of each flow belongs to the lender or counterparty in focus.

import { esc, money, pct } from './format.js';

const KINDS = ['lender', 'operator', 'counterparty'];
const KIND_TITLES = { lender: 'Lenders', operator: 'Operators', counterparty: 'Counterparties' };
const W = 1100;
const X = { lender: 200, operator: 530, counterparty: 820 }; // left edge of each column's bars
const NODE_W = 14;
const SLOT = 34; // room for a node's two label lines, whatever its height
const GAP = 10;
const PLOT = 460; // height the tallest column is scaled to
const TOP = 30;

/**
 * Nodes, links and paths from the operator exposures, with the lender view's definitions:
 *   lender → operator: the lender's outstanding at the operator, summed over its instruments;
 *   operator → counterparty: indirect exposure = the operator's outstanding × the counterparty's share of its
 *     window revenue (0 when the counterparty only has backlog or overdue invoices there);
 *   a path lender → operator → counterparty: the lender's outstanding there × that share; summed over
 *     operators it is the lender's indirect exposure to the counterparty (GET /lenders/{id}, indirect).
 */
export function chainModel(exposures) {
  const nodes = new Map();
  const node = (kind, id) => {
    const key = `${kind}:${id}`; // kinds apart: an operator can also be another operator's counterparty
    if (!nodes.has(key)) nodes.set(key, { key, kind, id, in: 0, out: 0, links: [] });
    return nodes.get(key);
  };
  const links = [];
  const paths = [];
  const add = (source, target, value, extra = {}) => {
    const l = { key: `${source.key}>${target.key}`, source, target, value, ...extra };
    source.out += value;
    target.in += value;
    source.links.push(l);
    target.links.push(l);
    links.push(l);
    return l;
  };
  for (const e of exposures) {
    const op = node('operator', e.operatorId);
    const lent = new Map();
    for (const p of e.lenders || []) lent.set(p.lenderId, (lent.get(p.lenderId) || 0) + Number(p.outstanding));
    // The lenders' sum (rather than totalOutstanding) so that an operator passes on exactly what flows in.
    const debt = [...lent.values()].reduce((s, v) => s + v, 0);
    const loans = [...lent].map(([id, v]) => add(node('lender', id), op, v));
    const shares = new Map((e.revenueConcentration?.breakdown || []).map((b) => [b.counterpartyId, b.share ?? 0]));
    const late = new Map((e.delinquency || []).map((d) => [d.counterpartyId, d]));
    const ids = new Set([...shares.keys(), ...(e.backlogConcentration?.breakdown || []).map((b) => b.counterpartyId), ...late.keys()]);
    for (const id of ids) {
      const share = shares.get(id) ?? 0;
      const rev = add(op, node('counterparty', id), debt * share, { share, late: late.get(id) || null });
      for (const loan of loans) paths.push({ loan, rev, value: loan.value * share });
    }
  }
  return { nodes: [...nodes.values()], links, paths };
}

/** Lender → counterparty indirect exposure over every operator between them, largest first. */
export function reach(model) {
  const out = new Map();
  for (const p of model.paths) {
    if (!(p.value > 0)) continue;
    const key = `${p.loan.source.key}>${p.rev.target.key}`;
    const r = out.get(key) || { lender: p.loan.source, counterparty: p.rev.target, value: 0, via: [] };
    r.value += p.value;
    r.via.push(p.loan.target.id);
    out.set(key, r);
  }
  return [...out.values()].sort((a, b) => b.value - a.value || a.lender.id.localeCompare(b.lender.id) || a.counterparty.id.localeCompare(b.counterparty.id));
}

/** The worst days past due a counterparty has at any operator (0 when none). */
export function daysLate(n) {
  return Math.max(0, ...n.links.map((l) => l.late?.oldestDaysPastDue ?? 0));
}

/** One sentence on what a node's paths carry: the caption and the screen-reader text. */
export function describe(model, key) {
  const n = model.nodes.find((x) => x.key === key);
  if (!n) return '';
  const list = (rows) => rows.map(([id, v]) => `${id} ${money(v)}`).join(', ');
  if (n.kind === 'operator') {
    const from = n.links.filter((l) => l.target === n);
    const to = n.links.filter((l) => l.source === n && l.value > 0);
    return `${n.id} owes ${money(n.in)} to ${plural(from.length, 'lender')} and passes it on by revenue share to ${plural(to.length, 'counterparty', 'counterparties')}: ${list(to.map((l) => [l.target.id, l.value]))}.`;
  }
  const r = reach(model);
  if (n.kind === 'lender') {
    const mine = r.filter((x) => x.lender === n);
    return `${n.id} lends ${money(n.out)} to ${plural(n.links.length, 'operator')}; through them it is exposed to ${mine.length ? list(mine.map((x) => [x.counterparty.id, x.value])) : 'no counterparty'}.`;
  }
  const mine = r.filter((x) => x.counterparty === n);
  return `${n.id} reaches ${plural(mine.length, 'lender')}${mine.length ? ': ' + list(mine.map((x) => [x.lender.id, x.value])) : ''} (through ${[...new Set(mine.flatMap((x) => x.via))].join(', ') || 'no operator with debt'}).`;
}

function plural(n, word, many = word + 's') {
  return `${n} ${n === 1 ? word : many}`;
}

function r1(n) {
  return Math.round(n * 10) / 10;
}

/** Places the nodes in their columns and stacks each link's ends on its nodes; returns the SVG height. */
function layout(model) {
  const size = (n) => Math.max(n.in, n.out);
  const cols = Object.fromEntries(KINDS.map((k) => [k, model.nodes.filter((n) => n.kind === k)]));
  cols.operator.sort((a, b) => size(b) - size(a) || a.id.localeCompare(b.id));
  // Lenders and counterparties next to the operators they are tied to (weighted mean rank): fewer crossings.
  const rank = new Map(cols.operator.map((n, i) => [n.key, i]));
  const centre = (n) => {
    let s = 0;
    let w = 0;
    for (const l of n.links) {
      const v = l.value || 1e-9;
      s += v * rank.get((l.source === n ? l.target : l.source).key);
      w += v;
    }
    return w ? s / w : 0;
  };
  for (const k of ['lender', 'counterparty']) cols[k].sort((a, b) => centre(a) - centre(b) || size(b) - size(a) || a.id.localeCompare(b.id));

  const k = Math.min(
    ...KINDS.filter((c) => cols[c].length).map((c) => {
      const total = cols[c].reduce((s, n) => s + size(n), 0);
      return total > 0 ? Math.max(0, PLOT - GAP * (cols[c].length - 1)) / total : Infinity;
    }),
  );
  model.scale = Number.isFinite(k) ? k : 0;
  const extent = {};
  for (const c of KINDS) {
    let y = 0;
    for (const n of cols[c]) {
      n.h = Math.max(model.scale * size(n), 3);
      const slot = Math.max(n.h, SLOT);
      n.x = X[c];
      n.y = y + (slot - n.h) / 2;
      y += slot + GAP;
    }
    extent[c] = Math.max(0, y - GAP);
  }
  const height = Math.max(...Object.values(extent));
  for (const c of KINDS) {
    const shift = TOP + (height - extent[c]) / 2; // columns centred on each other
    for (const n of cols[c]) n.y += shift;
  }
  for (const n of model.nodes) {
    const stack = (list, end, other) => {
      let o = 0;
      for (const l of list.sort((a, b) => a[other].y - b[other].y)) {
        l.w = model.scale * l.value;
        l[end] = n.y + o + l.w / 2;
        o += l.w;
      }
    };
    stack(n.links.filter((l) => l.source === n), 'y0', 'target');
    stack(n.links.filter((l) => l.target === n), 'y1', 'source');
  }
  for (const l of model.links) {
    const x0 = l.source.x + NODE_W;
    const x1 = l.target.x;
    const xm = (x0 + x1) / 2;
    l.d = `M${r1(x0)} ${r1(l.y0)}C${r1(xm)} ${r1(l.y0)} ${r1(xm)} ${r1(l.y1)} ${r1(x1)} ${r1(l.y1)}`;
  }
  return TOP + height + 12;
}

const ICON_PATHS = {
  critical: '<path d="M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1z" fill="currentColor"/><path d="M8 4.3v4.6" stroke="#fff" stroke-width="1.9" stroke-linecap="round"/><circle cx="8" cy="11.6" r="1.15" fill="#fff"/>',
  warning: '<path d="M8 1.2 15.3 14H.7z" fill="currentColor" stroke="currentColor" stroke-linejoin="round" stroke-width="1.2"/><path d="M8 5.6v4" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="11.9" r="1.05" fill="#fff"/>',
};

function lateClass(days) {
  return days >= 90 ? 'critical' : days >= 30 ? 'warning' : null;
}

/**
 * The diagram. marks: {severity(operatorId) -> 'CRITICAL'|'WARNING'|null, systemic(counterpartyId) -> true|
 * false|undefined (not known yet), href(kind, id)}. Lays out the model (geometry is kept on it for focus()).
 */
export function chainSvg(model, { marks, labelledBy }) {
  const H = layout(model);
  const parts = [];
  parts.push(`<defs>
    <pattern id="chain-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#6d28d9"/><rect width="2.5" height="6" fill="#c4b5fd"/></pattern>
    <symbol id="chain-i-critical" viewBox="0 0 16 16">${ICON_PATHS.critical}</symbol>
    <symbol id="chain-i-warning" viewBox="0 0 16 16">${ICON_PATHS.warning}</symbol>
  </defs>`);
  for (const c of KINDS) {
    const anchor = c === 'lender' ? 'end' : 'start';
    const x = c === 'lender' ? X[c] + NODE_W : X[c];
    parts.push(`<text class="col-head" x="${x}" y="14" text-anchor="${anchor}" aria-hidden="true">${KIND_TITLES[c]}</text>`);
  }
  parts.push('<g class="links" aria-hidden="true">');
  for (const l of [...model.links].sort((a, b) => b.value - a.value)) {
    const loan = l.source.kind === 'lender';
    const late = lateClass(l.late?.oldestDaysPastDue ?? 0);
    const title = loan
      ? `${l.source.id} → ${l.target.id}: ${money(l.value)} outstanding`
      : `${l.source.id} → ${l.target.id}: ${money(l.value)} indirect exposure (${pct(l.share)} of revenue × ${money(l.source.in)} debt)${
          l.late ? `; ${money(l.late.overdueAmount)} ${l.late.oldestDaysPastDue} days past due` : ''
        }`;
    const cls = `link ${loan ? 'l-loan' : 'l-rev'}${late ? ' late-' + late : ''}${l.value > 0 ? '' : ' l-none'}`;
    parts.push(`<path class="${cls}" data-link="${esc(l.key)}" d="${l.d}" stroke-width="${r1(Math.max(l.w, 1.2))}"><title>${esc(title)}</title></path>`);
  }
  parts.push('</g><g class="parts" aria-hidden="true"></g><g class="nodes">');
  for (const c of KINDS) {
    for (const n of model.nodes.filter((x) => x.kind === c)) parts.push(nodeSvg(model, n, marks));
  }
  parts.push('</g>');
  return `<svg class="chain" viewBox="0 0 ${W} ${r1(H)}" role="group" aria-labelledby="${esc(labelledBy)}">${parts.join('')}</svg>`;
}

function nodeSvg(model, n, marks) {
  const cy = n.y + n.h / 2;
  const flags = [];
  let sub = '';
  let icon = null;
  let cls = `node n-${n.kind}`;
  const data = [];
  if (n.kind === 'lender') {
    sub = `${money(n.out)} lent`;
  } else if (n.kind === 'operator') {
    const sev = marks.severity(n.id);
    sub = `${money(n.in)} debt`;
    if (sev) {
      icon = sev.toLowerCase();
      flags.push([icon, sev === 'CRITICAL' ? 'Critical alert' : 'Warning']);
    }
    if (sev === 'CRITICAL') cls += ' is-critical';
    data.push(`data-critical="${sev === 'CRITICAL'}"`);
  } else {
    sub = `${money(n.in)} indirect`;
    const systemic = marks.systemic(n.id);
    if (systemic) {
      cls += ' is-systemic';
      flags.push(['systemic', 'Systemic']);
    }
    data.push(`data-systemic="${systemic === undefined ? 'unknown' : systemic}"`);
    const days = daysLate(n);
    const late = lateClass(days);
    if (days > 0) flags.push([late || 'late', `${days} days late`]);
    if (late) icon = late;
  }
  const left = n.kind === 'lender';
  const tx = left ? n.x - 8 : n.x + NODE_W + 7 + (icon ? 17 : 0);
  const anchor = left ? 'end' : 'start';
  const flagText = flags.map(([k, t]) => ` · <tspan class="mark-${k}">${esc(t)}</tspan>`).join('');
  const words = flags.map(([, t]) => t).join('; ');
  const label = `${n.id}, ${n.kind}${words ? ` (${words})` : ''}. ${describe(model, n.key)} Opens its page.`;
  return `<a class="${cls}" href="${esc(marks.href(n.kind, n.id))}" data-node="${esc(n.key)}" ${data.join(' ')} aria-label="${esc(label)}">
    <rect class="bar" x="${n.x}" y="${r1(n.y)}" width="${NODE_W}" height="${r1(n.h)}" rx="2"/>
    ${icon ? `<use class="icon-${icon}" href="#chain-i-${icon}" x="${n.x + NODE_W + 6}" y="${r1(cy - 14)}" width="13" height="13"/>` : ''}
    <text x="${r1(tx)}" y="${r1(cy - 3)}" text-anchor="${anchor}" class="label"><tspan class="id">${esc(n.id)}</tspan><tspan class="sub" x="${r1(left ? tx : n.x + NODE_W + 7)}" dy="15">${esc(sub)}${flagText}</tspan></text>
  </a>`;
}

/**
 * Highlights the paths through the node (null: none); parts of a link on those paths get a darker band. For
 * a counterparty, contagion(id) (optional) names the operators that would breach if it stopped paying and
 * the lenders with money at them: those are marked too.
 */
export function focus(svg, model, key, contagion) {
  if (!svg) return;
  const parts = svg.querySelector('.parts');
  svg.querySelectorAll('.on').forEach((el) => el.classList.remove('on', 'whole'));
  parts.innerHTML = '';
  const n = key && model.nodes.find((x) => x.key === key);
  svg.classList.toggle('has-focus', !!n);
  if (!n) return;
  const amount = new Map(); // link key -> how much of it lies on a path through n
  const on = new Set([n.key]);
  for (const l of n.links) {
    amount.set(l.key, l.value);
    on.add(l.source.key).add(l.target.key);
  }
  for (const p of model.paths) {
    if (!(p.value > 0)) continue;
    if (n.kind === 'lender' && p.loan.source === n) {
      amount.set(p.rev.key, (amount.get(p.rev.key) || 0) + p.value);
      on.add(p.rev.target.key);
    } else if (n.kind === 'counterparty' && p.rev.target === n) {
      amount.set(p.loan.key, (amount.get(p.loan.key) || 0) + p.value);
      on.add(p.loan.source.key);
    }
  }
  const bands = [];
  for (const l of model.links) {
    if (!amount.has(l.key)) continue;
    const el = svg.querySelector(`.link[data-link="${CSS.escape(l.key)}"]`);
    const whole = amount.get(l.key) >= l.value * (1 - 1e-9);
    el?.classList.add('on', ...(whole ? ['whole'] : []));
    if (!whole) {
      bands.push(`<path class="part ${l.source.kind === 'lender' ? 'l-loan' : 'l-rev'}" d="${l.d}" stroke-width="${r1(Math.max(model.scale * amount.get(l.key), 1.2))}"/>`);
    }
  }
  parts.innerHTML = bands.join('');
  svg.querySelectorAll('.node').forEach((el) => el.classList.toggle('on', on.has(el.dataset.node)));
  markContagion(svg, n, contagion);
}

function markContagion(svg, n, contagion) {
  svg.querySelectorAll('.would-breach, .hit').forEach((el) => el.classList.remove('would-breach', 'hit'));
  const c = n && n.kind === 'counterparty' && contagion ? contagion(n.id) : null;
  if (!c) return;
  for (const op of c.breaching) svg.querySelector(`.node[data-node="operator:${CSS.escape(op)}"]`)?.classList.add('would-breach');
  for (const l of c.lenders) svg.querySelector(`.node[data-node="lender:${CSS.escape(l)}"]`)?.classList.add('hit');
}
