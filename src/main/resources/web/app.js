// The analyst dashboard: one page, hash routes, live from the monitor's SSE streams.
//   #/                       overview of every operator
//   #/operators/{id}         one operator: margins and DSCR over time, concentration, overdue, stress, alerts
//   #/counterparties/{id}    who depends on a counterparty
//   #/lenders/{id}           a lender's positions and indirect exposure
//   #/chain                  the chain of pain: lenders → operators → counterparties as a flow diagram
//   #/alerts                 active alerts, filterable, live

import * as api from './api.js';
import * as f from './format.js';
import { lineChart, barsAgainst } from './charts.js';
import * as chain from './chain.js';

const esc = f.esc;
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const RANK = { CRITICAL: 2, WARNING: 1 };
const HISTORY_LIMIT = 720;
const COVENANT = 1.0;
const DSCR_WARNING = 1.25;

// ---------------------------------------------------------------------------------------------- state

const state = {
  operators: new Map(), // operatorId -> latest OperatorExposure
  history: new Map(), // operatorId -> [{t, ebitdaMargin, grossMargin, grossMarginFullCost, netMargin, dscr}]
  historyLoaded: new Set(), // operators whose published history has been loaded
  active: new Map(), // subjectType|subjectId|rule -> latest active DefaultRiskAlert
  seq: new Map(), // subjectType|subjectId|rule -> highest alert sequence seen
  liveAt: new Map(), // same key -> Date.now() when the stream last changed it
  changes: new Map(), // alertId -> DefaultRiskAlert (recent changes and live ones)
  fresh: new Map(), // alertId -> Date received live (RAISED/ESCALATED since the page opened)
  liveLog: [], // alert changes received on the stream since the page opened, newest first
  loaded: { operators: false, active: false },
  streams: { feed: 'connecting', alerts: 'connecting' },
  openedAt: Date.now(),
};

function alertKey(a) {
  return `${a.subjectType}|${a.subjectId}|${a.rule}`;
}

function alertSeq(a) {
  const n = Number(String(a.alertId).split(':').pop());
  return Number.isFinite(n) ? n : 0;
}

function exposureOrder(a, b) {
  // snapshot order of the monitor: asOf, then the newest event applied
  return (
    Date.parse(a.asOf) - Date.parse(b.asOf) ||
    Date.parse(a.lastEventTime) - Date.parse(b.lastEventTime) ||
    (a.lastEventId < b.lastEventId ? -1 : a.lastEventId > b.lastEventId ? 1 : 0)
  );
}

const HISTORY_FIELDS = ['ebitdaMargin', 'grossMargin', 'grossMarginFullCost', 'netMargin', 'dscr'];

function historyPoint(e) {
  const point = { t: Date.parse(e.asOf), id: e.asOf + '|' + e.lastEventId };
  for (const k of HISTORY_FIELDS) point[k] = e[k];
  return point;
}

/**
 * Loads what the monitor published for the operator (GET /operators/{id}/history, page by page, at most
 * four pages) and merges it under the points the live feed brought since; keeps the newest HISTORY_LIMIT.
 */
async function loadHistory(id) {
  const fields = ['lastEventId', ...HISTORY_FIELDS].join(',');
  const loaded = [];
  let from = '';
  for (let page = 0; page < 4; page++) {
    const answer = await api.getJson(`/operators/${encodeURIComponent(id)}/history?fields=${fields}&limit=5000${from}`);
    loaded.push(...answer.points.map(historyPoint));
    if (answer.complete) break;
    from = '&from=' + encodeURIComponent(answer.next);
  }
  const byId = new Map(loaded.map((p) => [p.id, p]));
  for (const p of state.history.get(id) || []) byId.set(p.id, p);
  const merged = [...byId.values()].sort((a, b) => a.t - b.t);
  state.history.set(id, merged.slice(-HISTORY_LIMIT));
  state.historyLoaded.add(id);
}

function applyExposure(e) {
  const current = state.operators.get(e.operatorId);
  if (current && exposureOrder(e, current) < 0) return false;
  state.operators.set(e.operatorId, e);
  const points = state.history.get(e.operatorId) || [];
  const point = historyPoint(e);
  const last = points[points.length - 1];
  const same =
    last &&
    ['ebitdaMargin', 'grossMargin', 'grossMarginFullCost', 'netMargin', 'dscr'].every((k) => last[k] === point[k]) &&
    last.t === point.t;
  if (!same) {
    points.push(point);
    if (points.length > HISTORY_LIMIT) points.splice(0, points.length - HISTORY_LIMIT);
    state.history.set(e.operatorId, points);
  }
  return true;
}

/** Applies one alert change; returns true when it changed the active set. */
function applyAlert(a, { live = false } = {}) {
  const key = alertKey(a);
  const seq = alertSeq(a);
  state.changes.set(a.alertId, a);
  if (seq < (state.seq.get(key) ?? -1)) return false;
  state.seq.set(key, seq);
  if (live) state.liveAt.set(key, Date.now());
  if (a.transition === 'RESOLVED' || !a.severity) {
    return state.active.delete(key);
  }
  state.active.set(key, a);
  return true;
}

function applyActiveSnapshot(list) {
  const keys = new Set();
  for (const a of list) {
    keys.add(alertKey(a));
    applyAlert(a);
  }
  // resolved while we were not listening; keep what the stream changed in the last seconds, which the
  // queried store may not show yet
  for (const key of [...state.active.keys()]) {
    if (!keys.has(key) && Date.now() - (state.liveAt.get(key) ?? 0) > 5000) state.active.delete(key);
  }
  state.loaded.active = true;
}

function activeAlerts() {
  return [...state.active.values()];
}

function operatorAlerts(operatorId) {
  return activeAlerts().filter((a) => (a.operatorId ?? (a.subjectType === 'OPERATOR' ? a.subjectId : null)) === operatorId);
}

function worst(alerts) {
  let best = null;
  for (const a of alerts) if (!best || RANK[a.severity] > RANK[best]) best = a.severity;
  return best;
}

function ruleSeverity(operatorId, rule) {
  const a = operatorAlerts(operatorId).find((x) => x.rule === rule);
  return a ? a.severity : null;
}

// ------------------------------------------------------------------------------------------- updates

let pending = new Set();
let timer = null;

function notify(kind) {
  pending.add(kind);
  if (timer) return;
  timer = setTimeout(() => {
    const kinds = pending;
    pending = new Set();
    timer = null;
    renderChrome();
    if (view && view.update) view.update(kinds);
  }, 60);
}

async function loadOperators() {
  try {
    const list = await api.getJson('/operators');
    list.forEach(applyExposure);
    state.loaded.operators = true;
    clearBanner('operators');
    notify('operators');
  } catch (e) {
    retryLater('operators', e, loadOperators);
  }
}

async function loadActive() {
  try {
    applyActiveSnapshot(await api.getJson('/alerts?state=active'));
    clearBanner('alerts');
    notify('alerts');
  } catch (e) {
    retryLater('alerts', e, loadActive);
  }
}

// An active alert is restated when its figure moves within its severity; that is not a lifecycle event, so
// it does not come through /alerts/stream. A changed exposure may have moved one: reload the active set,
// at most every 1.5 s (the alert step runs a commit after the feed).
let activeReload = null;
function reloadActiveSoon() {
  if (activeReload) return;
  activeReload = setTimeout(() => {
    activeReload = null;
    loadActive();
  }, 1500);
}

async function loadRecent() {
  try {
    const list = await api.getJson('/alerts?state=recent');
    for (const a of list) if (!state.changes.has(a.alertId)) state.changes.set(a.alertId, a);
    notify('alerts');
  } catch {
    // the timeline is a convenience; the active set is what matters
  }
}

const problems = new Map();
const retries = new Map();

function retryLater(what, error, again) {
  if (error instanceof api.AuthRequired) return; // the token form is shown
  const seconds = error.status === 503 ? Math.max(1, error.retryAfter ?? 2) : 5;
  problems.set(
    what,
    error.status === 503
      ? `The monitor is not ready (${error.message}); retrying every ${seconds} s.`
      : `Cannot load ${what}: ${error.message}. Retrying in ${seconds} s.`,
  );
  showBanner();
  clearTimeout(retries.get(what));
  retries.set(what, setTimeout(again, seconds * 1000));
}

function clearBanner(what) {
  problems.delete(what);
  showBanner();
}

function showBanner() {
  const el = document.getElementById('banner');
  if (problems.size === 0) {
    el.hidden = true;
    el.textContent = '';
    return;
  }
  el.hidden = false;
  el.innerHTML = [...problems.values()].map((p) => `<p>${icon('WARNING')} ${esc(p)}</p>`).join('');
}

const announcer = () => document.getElementById('announcer');

function onAlertFrame(a) {
  const known = state.changes.has(a.alertId);
  applyAlert(a, { live: true });
  state.liveLog.unshift({ alert: a, at: new Date() });
  if (state.liveLog.length > 200) state.liveLog.length = 200;
  if (!known && (a.transition === 'RAISED' || a.transition === 'ESCALATED')) {
    state.fresh.set(a.alertId, new Date());
    announcer().textContent = `New ${a.severity.toLowerCase()} alert: ${a.subjectId}, ${f.ruleLabel(a.rule)}. ${a.explanation}`;
  }
  notify('alerts');
}

const streams = {};

function startStreams() {
  streams.feed = api.openStream('/feed', {
    onOpen: loadOperators,
    onEvent: (name, data) => {
      if (name === 'exposure' && applyExposure(data)) {
        notify('operators');
        reloadActiveSoon();
      }
    },
    onState: (s) => {
      state.streams.feed = s;
      renderChrome();
    },
  });
  streams.alerts = api.openStream('/alerts/stream', {
    onOpen: () => {
      loadActive();
      loadRecent();
    },
    onEvent: (name, data) => {
      if (name === 'alert') onAlertFrame(data);
    },
    onState: (s) => {
      state.streams.alerts = s;
      renderChrome();
    },
  });
}

// -------------------------------------------------------------------------------------------- chrome

function renderChrome() {
  const el = document.getElementById('live-status');
  const s = Object.values(state.streams);
  const mode = s.every((x) => x === 'live')
    ? 'live'
    : s.includes('unauthorized')
      ? 'unauthorized'
      : s.includes('retrying')
        ? 'retrying'
        : 'connecting';
  if (el.dataset.state !== mode) {
    el.dataset.state = mode;
    el.querySelector('.live-text').textContent = {
      live: 'Live',
      connecting: 'Connecting…',
      retrying: 'Reconnecting…',
      unauthorized: 'Token required',
    }[mode];
    el.title = mode === 'live' ? 'Receiving exposure and alert changes as they are committed' : 'Live updates paused';
  }
  const all = activeAlerts();
  const critical = all.filter((a) => a.severity === 'CRITICAL').length;
  const count = document.getElementById('nav-alert-count');
  count.textContent = state.loaded.active ? String(all.length) : '';
  count.className = 'nav-count' + (critical ? ' has-critical' : '');
  count.title = `${critical} critical, ${all.length - critical} warning`;
}

// ------------------------------------------------------------------------------------------- helpers

const ICONS = {
  CRITICAL:
    '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1z" fill="currentColor"/><path d="M8 4.3v4.6" stroke="#fff" stroke-width="1.9" stroke-linecap="round"/><circle cx="8" cy="11.6" r="1.15" fill="#fff"/></svg>',
  WARNING:
    '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M8 1.2 15.3 14H.7z" fill="currentColor" stroke="currentColor" stroke-linejoin="round" stroke-width="1.2"/><path d="M8 5.6v4" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/><circle cx="8" cy="11.9" r="1.05" fill="#fff"/></svg>',
  OK: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="currentColor"/><path d="m4.8 8.3 2.2 2.2 4.2-4.6" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>',
};

function icon(sev) {
  return ICONS[sev] || ICONS.OK;
}

const SEV_TEXT = { CRITICAL: 'Critical', WARNING: 'Warning', OK: 'No alert' };

function sevClass(sev) {
  return sev === 'CRITICAL' ? 'critical' : sev === 'WARNING' ? 'warning' : 'ok';
}

function badge(sev, text) {
  const s = sev || 'OK';
  return `<span class="badge sev-${sevClass(s)}">${icon(s)}<span class="badge-text">${esc(text ?? SEV_TEXT[s])}</span></span>`;
}

/** A small severity marker next to a figure: icon plus hidden text for screen readers and a tooltip. */
function marker(sev, what) {
  if (!sev) return '';
  const text = `${SEV_TEXT[sev]}: ${what}`;
  return `<span class="marker sev-${sevClass(sev)}" title="${esc(text)}">${icon(sev)}<span class="sr-only">${esc(text)}</span></span>`;
}

function moneyHtml(value, suffix = '') {
  return `<span title="${esc(f.moneyExact(value))}">${esc(f.money(value))}${suffix}</span>`;
}

const link = {
  operator: (id) => `<a href="#/operators/${encodeURIComponent(id)}">${esc(id)}</a>`,
  counterparty: (id) => `<a href="#/counterparties/${encodeURIComponent(id)}">${esc(id)}</a>`,
  lender: (id) => `<a href="#/lenders/${encodeURIComponent(id)}">${esc(id)}</a>`,
  subject: (a) =>
    a.subjectType === 'COUNTERPARTY'
      ? link.counterparty(a.subjectId)
      : a.subjectType === 'LENDER'
        ? link.lender(a.subjectId)
        : link.operator(a.subjectId),
};

function kpi(key, label, valueHtml, sub = '', sev = null) {
  return `<div class="kpi${sev ? ' sev-edge-' + sevClass(sev) : ''}" data-kpi="${esc(key)}">
    <div class="kpi-label">${esc(label)}</div>
    <div class="kpi-value"><span class="v">${valueHtml}</span></div>
    ${sev || sub ? `<div class="kpi-sub">${sev ? badge(sev) + ' ' : ''}${sub}</div>` : ''}
  </div>`;
}

/** Re-renders a container, keeping keyboard focus on the element with the same data-focus key. */
function patch(el, html) {
  if (!el) return;
  const active = document.activeElement;
  const key = active && el.contains(active) ? active.getAttribute('data-focus') || active.getAttribute('href') : null;
  el.innerHTML = html;
  if (key) {
    const again = [...el.querySelectorAll('[data-focus],a[href]')].find(
      (n) => (n.getAttribute('data-focus') || n.getAttribute('href')) === key,
    );
    if (again) again.focus({ preventScroll: true });
  }
}

const flashMemory = new Map();

/** Marks cells whose text changed since the last render so they flash briefly. */
function flashChanged(root, scope) {
  root.querySelectorAll('[data-flash]').forEach((node) => {
    const key = scope + '|' + node.getAttribute('data-flash');
    const text = node.textContent;
    const before = flashMemory.get(key);
    flashMemory.set(key, text);
    if (before !== undefined && before !== text) {
      node.classList.remove('flash');
      void node.offsetWidth;
      node.classList.add('flash');
    }
  });
}

function timeAxis(points) {
  const ts = points.map((p) => p.t);
  const span = Math.max(...ts) - Math.min(...ts);
  return (t) => {
    const iso = new Date(t).toISOString();
    return span < 2 * 86400_000 ? iso.slice(5, 10) + ' ' + iso.slice(11, 16) : iso.slice(0, 10);
  };
}

function setTitle(text) {
  document.title = `${text} · exposure-monitor`;
}

function notFound(main, what) {
  main.innerHTML = `<div class="page"><h1 tabindex="-1">Not found</h1><p class="notice">${esc(what)}</p><p><a href="#/">Back to the overview</a></p></div>`;
}

// ------------------------------------------------------------------------------------------ overview

const COLUMNS = [
  { key: 'operatorId', label: 'Operator', text: true, get: (e) => e.operatorId },
  {
    key: 'severity',
    label: 'Worst alert',
    get: (e) => RANK[worst(operatorAlerts(e.operatorId))] ?? 0,
    html: (e) => badge(worst(operatorAlerts(e.operatorId))),
  },
  {
    key: 'alerts',
    label: 'Active alerts',
    num: true,
    get: (e) => operatorAlerts(e.operatorId).length,
    html: (e) => String(operatorAlerts(e.operatorId).length),
  },
  { key: 'dscr', label: 'DSCR', num: true, get: (e) => e.dscr, fmt: (e) => f.times(e.dscr), rule: 'DSCR_LOW', hint: 'Debt-service cover: cash EBITDA / debt service' },
  { key: 'netMargin', label: 'Net margin', num: true, get: (e) => e.netMargin, fmt: (e) => f.pct(e.netMargin), rule: 'NET_MARGIN_NEGATIVE' },
  {
    key: 'top1Share',
    label: 'Top-1 share',
    num: true,
    get: (e) => e.revenueConcentration?.top1Share,
    fmt: (e) => f.pct(e.revenueConcentration?.top1Share),
    rule: 'CONCENTRATION',
    hint: 'Largest counterparty share of window revenue',
  },
  { key: 'hhi', label: 'HHI', num: true, get: (e) => e.revenueConcentration?.hhi, fmt: (e) => f.hhi(e.revenueConcentration?.hhi), hint: 'Herfindahl-Hirschman index of revenue, 0-10,000' },
  { key: 'idleMw', label: 'Idle MW', num: true, get: (e) => Number(e.idleMw), fmt: (e) => f.mw(e.idleMw), rule: 'IDLE_CAPACITY', hint: 'Built but not in service' },
  { key: 'revenue', label: 'Revenue', num: true, get: (e) => Number(e.revenue), html: (e) => moneyHtml(e.revenue), hint: 'Booked revenue over the 12-month window' },
  { key: 'totalOutstanding', label: 'Debt', num: true, get: (e) => Number(e.totalOutstanding), html: (e) => moneyHtml(e.totalOutstanding), hint: 'Outstanding principal' },
  { key: 'asOf', label: 'As of', get: (e) => e.asOf, html: (e) => `<time datetime="${esc(e.asOf)}" title="${esc(f.instant(e.asOf))}">${esc(f.day(e.asOf))}</time>` },
];

const overviewSort = { key: 'severity', dir: 'desc' };

function overviewView(main) {
  setTitle('Operators');
  main.innerHTML = `<div class="page" data-testid="overview">
    <div class="page-head">
      <div>
        <h1 tabindex="-1">Operators</h1>
        <p class="lede">Credit exposure of every operator, recomputed as each financing, delivery, revenue report and payment event is committed.</p>
      </div>
      <p class="asof" id="ov-asof"></p>
    </div>
    <section class="kpis" id="ov-kpis" aria-label="Portfolio summary"></section>
    <section class="card" aria-labelledby="ov-table-title">
      <div class="card-head"><h2 id="ov-table-title">Operators by risk</h2><p class="hint">Select a column header to sort. Figures flash when they change.</p></div>
      <div class="table-wrap">
        <table class="grid" data-testid="overview-table">
          <thead><tr>${COLUMNS.map(
            (c) => `<th scope="col" class="${c.num ? 'num' : ''}" data-col="${c.key}"><button type="button" class="sort" data-sort="${c.key}" data-focus="sort-${c.key}"${c.hint ? ` title="${esc(c.hint)}"` : ''}>${esc(c.label)}<span class="sort-ind" aria-hidden="true"></span></button></th>`,
          ).join('')}</tr></thead>
          <tbody id="ov-rows"></tbody>
        </table>
      </div>
    </section>
    <section class="card" aria-labelledby="ov-contagion-title" data-testid="contagion-ranking">
      <div class="card-head"><h2 id="ov-contagion-title">Contagion: if a counterparty stopped paying</h2><p class="hint">Counterparties by debt at risk: the debt of the operators whose DSCR would fall below 1.00x without its revenue</p></div>
      <div id="ov-contagion" aria-live="polite"><p class="empty">Loading…</p></div>
    </section>
    <section class="card" aria-labelledby="ov-latest-title">
      <div class="card-head"><h2 id="ov-latest-title">Latest alert changes</h2><a class="more" href="#/alerts">All active alerts</a></div>
      <ol class="timeline compact" id="ov-latest"></ol>
    </section>
  </div>`;
  main.querySelector('[data-testid="overview-table"] thead').addEventListener('click', (ev) => {
    const btn = ev.target.closest('button[data-sort]');
    if (!btn) return;
    const key = btn.dataset.sort;
    if (overviewSort.key === key) overviewSort.dir = overviewSort.dir === 'asc' ? 'desc' : 'asc';
    else {
      overviewSort.key = key;
      overviewSort.dir = COLUMNS.find((c) => c.key === key).text ? 'asc' : key === 'severity' || key === 'alerts' ? 'desc' : 'asc';
    }
    update();
  });

  function sorted() {
    const col = COLUMNS.find((c) => c.key === overviewSort.key) || COLUMNS[0];
    const sign = overviewSort.dir === 'asc' ? 1 : -1;
    return [...state.operators.values()].sort((a, b) => {
      const va = col.get(a);
      const vb = col.get(b);
      const na = va === null || va === undefined || (typeof va === 'number' && Number.isNaN(va));
      const nb = vb === null || vb === undefined || (typeof vb === 'number' && Number.isNaN(vb));
      if (na !== nb) return na ? 1 : -1; // missing figures last, whatever the direction
      let c = 0;
      if (!na) c = typeof va === 'string' ? va.localeCompare(vb) : va - vb;
      if (c !== 0) return c * sign;
      if (col.key === 'severity') {
        // Within a severity, the weakest cover first and no DSCR last, whichever way severity is sorted.
        const da = a.dscr ?? Infinity;
        const db = b.dscr ?? Infinity;
        if (da !== db) return da < db ? -1 : 1;
      }
      return a.operatorId.localeCompare(b.operatorId);
    });
  }

  function row(e) {
    const cells = COLUMNS.map((c) => {
      if (c.key === 'operatorId') {
        return `<th scope="row" data-col="operatorId"><a href="#/operators/${encodeURIComponent(e.operatorId)}" class="strong">${esc(e.operatorId)}</a></th>`;
      }
      const sev = c.rule ? ruleSeverity(e.operatorId, c.rule) : null;
      const content = c.fmt ? `<span class="v">${esc(c.fmt(e))}</span>` : `<span class="v">${c.html(e)}</span>`;
      return `<td data-col="${c.key}" class="${c.num ? 'num' : ''}${sev ? ' cell-' + sevClass(sev) : ''}" data-flash="${esc(e.operatorId + ':' + c.key)}">${content}${sev ? marker(sev, f.ruleLabel(c.rule)) : ''}</td>`;
    });
    const sev = worst(operatorAlerts(e.operatorId));
    return `<tr data-operator-id="${esc(e.operatorId)}" class="row-${sevClass(sev)}">${cells.join('')}</tr>`;
  }

  function update() {
    const list = sorted();
    main.querySelectorAll('[data-testid="overview-table"] thead th').forEach((th) => {
      const key = th.dataset.col;
      th.setAttribute('aria-sort', key === overviewSort.key ? (overviewSort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      th.querySelector('.sort-ind').textContent = key === overviewSort.key ? (overviewSort.dir === 'asc' ? '▲' : '▼') : '';
    });
    const tbody = main.querySelector('#ov-rows');
    if (list.length === 0) {
      patch(tbody, `<tr><td colspan="${COLUMNS.length}" class="empty">${state.loaded.operators ? 'No operators yet: no event has been processed.' : 'Loading…'}</td></tr>`);
    } else {
      patch(tbody, list.map(row).join(''));
      flashChanged(tbody, 'ov');
    }
    renderOverviewKpis(main, list);
    const newest = list.map((e) => e.asOf).sort().pop();
    main.querySelector('#ov-asof').innerHTML = newest ? `Latest event <time datetime="${esc(newest)}">${esc(f.instant(newest))}</time>` : '';
    const latest = [...state.changes.values()].sort(byNewestChange).slice(0, 6);
    patch(main.querySelector('#ov-latest'), latest.length ? latest.map((a) => timelineItem(a, { subject: true })).join('') : '<li class="empty">No alert changes yet.</li>');
  }

  const contagion = contagionRanking(main.querySelector('#ov-contagion'));
  update();
  return {
    update(kinds) {
      update();
      if (!kinds || kinds.has('operators')) contagion.refreshSoon();
    },
    destroy: contagion.destroy,
  };
}

/** The overview's contagion ranking, from GET /contagion (the counterparty views follow the operator feed). */
function contagionRanking(el) {
  let timer = null;
  let closed = false;

  async function load() {
    clearTimeout(timer);
    let list;
    try {
      list = await api.getJson('/contagion');
    } catch (e) {
      if (closed) return;
      if (e.status === 503) {
        patch(el, '<p class="notice" data-testid="contagion-unavailable">Counterparty views not available yet; trying again.</p>');
        timer = setTimeout(load, 5000);
      } else if (!(e instanceof api.AuthRequired)) {
        patch(el, `<p class="notice">Cannot load /contagion: ${esc(e.message)}. Retrying.</p>`);
        timer = setTimeout(load, 10000);
      }
      return;
    }
    if (!closed) patch(el, contagionTable(list));
  }

  load();
  return {
    refreshSoon() {
      clearTimeout(timer);
      timer = setTimeout(load, 800);
    },
    destroy() {
      closed = true;
      clearTimeout(timer);
    },
  };
}

/** Counterparties whose default would put some operator under 1.00x, largest debt at risk first (as served). */
function contagionTable(list) {
  const rows = list.filter((c) => (c.breachingWithout || []).length > 0);
  if (rows.length === 0) return '<p class="empty">No counterparty\u2019s default would put an operator below 1.00x.</p>';
  return `<table class="grid" data-testid="contagion-table-overview">
    <thead><tr><th scope="col">Counterparty</th><th scope="col">Would newly breach</th><th scope="col">Already below 1.00x</th><th scope="col" class="num">Debt at risk</th><th scope="col">Most exposed lender</th></tr></thead>
    <tbody>${rows
      .map((c) => {
        const newly = c.newlyBreaching || [];
        const already = (c.breachingWithout || []).filter((o) => !newly.includes(o));
        const top = (c.lendersAtRisk || [])[0];
        const sev = newly.length >= 2 ? 'CRITICAL' : newly.length === 1 ? 'WARNING' : null;
        return `<tr data-counterparty-id="${esc(c.counterpartyId)}" class="row-${sevClass(sev)}"><th scope="row">${link.counterparty(c.counterpartyId)}</th>
          <td data-col="newly">${newly.length ? `${badge(sev, String(newly.length))} ${newly.map((o) => link.operator(o)).join(', ')}` : f.DASH}</td>
          <td data-col="already">${already.length ? already.map((o) => link.operator(o)).join(', ') : f.DASH}</td>
          <td class="num" data-col="debtAtRisk" data-value="${esc(c.debtAtRisk)}">${moneyHtml(c.debtAtRisk)}</td>
          <td data-col="lender">${top ? `${esc(top.lenderId)} ${moneyHtml(top.outstanding)}` : f.DASH}</td></tr>`;
      })
      .join('')}</tbody></table>`;
}

/** The counterparty page's contagion panel: each operator it pays, with and without its revenue. */
function contagionPanel(c) {
  const paid = (c.dependents || []).filter((d) => d.outstanding !== null && d.outstanding !== undefined);
  const newly = new Set(c.newlyBreaching || []);
  const breaching = new Set(c.breachingWithout || []);
  const sev = newly.size >= 2 ? 'CRITICAL' : newly.size === 1 ? 'WARNING' : null;
  const outcome = (d) =>
    newly.has(d.operatorId)
      ? badge(sev, 'Would breach')
      : breaching.has(d.operatorId)
        ? badge(null, 'Already below 1.00x')
        : d.dscrWithout === null
          ? badge(null, 'No debt service')
          : badge(null, 'Holds');
  const lenders = c.lendersAtRisk || [];
  return `<section class="card" aria-labelledby="cp-contagion" data-testid="contagion-panel" data-newly="${newly.size}" data-breaching="${breaching.size}">
    <div class="card-head"><h2 id="cp-contagion">Contagion: if ${esc(c.counterpartyId)} stopped paying</h2><p class="hint">Each operator's DSCR without its revenue from ${esc(c.counterpartyId)}, costs unchanged; below 1.00x its cash does not cover its debt service</p></div>
    <section class="kpis" aria-label="Contagion figures">
      ${kpi('newlyBreaching', 'Would newly breach', esc(f.integer(newly.size)), newly.size ? [...newly].map((o) => link.operator(o)).join(', ') : 'no operator tipped under 1.00x', sev)}
      ${kpi('breachingWithout', 'Below 1.00x without it', esc(f.integer(breaching.size)), `${breaching.size - newly.size} already below today`)}
      ${kpi('debtAtRisk', 'Debt at risk', moneyHtml(c.debtAtRisk ?? '0'), 'outstanding at those operators')}
    </section>
    ${paid.length === 0 ? '<p class="empty">No operator has window revenue from it.</p>' : `<table class="grid" data-testid="contagion-table">
      <thead><tr><th scope="col">Operator</th><th scope="col" class="num">DSCR today</th><th scope="col" class="num">DSCR without</th><th scope="col" class="num">Net margin without</th><th scope="col" class="num">Debt outstanding</th><th scope="col">Outcome</th></tr></thead>
      <tbody>${paid
        .map(
          (d) => `<tr data-operator-id="${esc(d.operatorId)}"><th scope="row">${link.operator(d.operatorId)}</th>
            <td class="num" data-col="dscr"><span class="v">${esc(f.times(d.dscr))}</span></td>
            <td class="num" data-col="dscrWithout"><span class="v">${esc(f.times(d.dscrWithout))}</span></td>
            <td class="num" data-col="netMarginWithout"><span class="v">${esc(f.pct(d.netMarginWithout))}</span></td>
            <td class="num" data-col="outstanding">${moneyHtml(d.outstanding)}</td>
            <td data-col="outcome">${outcome(d)}</td></tr>`,
        )
        .join('')}</tbody></table>`}
    ${lenders.length === 0 ? '' : `<h3 class="sub">Lenders it reaches</h3><table class="grid" data-testid="contagion-lenders">
      <thead><tr><th scope="col">Lender</th><th scope="col" class="num">Outstanding at the operators below 1.00x</th></tr></thead>
      <tbody>${lenders.map((l) => `<tr data-lender-id="${esc(l.lenderId)}"><th scope="row"><a href="#/lenders/${encodeURIComponent(l.lenderId)}">${esc(l.lenderId)}</a></th><td class="num">${moneyHtml(l.outstanding)}</td></tr>`).join('')}</tbody></table>`}
  </section>`;
}

function renderOverviewKpis(main, list) {
  const alerts = activeAlerts();
  const critical = alerts.filter((a) => a.severity === 'CRITICAL').length;
  const warning = alerts.length - critical;
  const breach = list.filter((e) => e.dscr !== null && e.dscr < COVENANT);
  const debt = list.reduce((s, e) => s + Number(e.totalOutstanding || 0), 0);
  const debtService = list.reduce((s, e) => s + Number(e.debtService || 0), 0);
  const idle = list.reduce((s, e) => s + Number(e.idleMw || 0), 0);
  const built = list.reduce((s, e) => s + Number(e.builtMw || 0), 0);
  const burn = list.reduce((s, e) => s + Number(e.idleBurnPerDay || 0), 0);
  const overdue = list.reduce((s, e) => s + (e.delinquency || []).reduce((t, d) => t + Number(d.overdueAmount), 0), 0);
  const html = [
    kpi('operators', 'Operators', String(list.length), `${list.filter((e) => worst(operatorAlerts(e.operatorId)) === 'CRITICAL').length} with a critical alert`),
    kpi(
      'alerts',
      'Active alerts',
      String(alerts.length),
      `${badge('CRITICAL', critical + ' critical')} ${badge('WARNING', warning + ' warning')}${
        alerts.some((a) => a.subjectType !== 'OPERATOR')
          ? `<br>${alerts.filter((a) => a.subjectType !== 'OPERATOR').length} on counterparties and lenders`
          : ''
      }`,
    ),
    kpi(
      'covenant',
      'Below covenant',
      String(breach.length),
      breach.length ? 'DSCR < 1.00x: ' + breach.map((e) => link.operator(e.operatorId)).join(', ') : 'Every DSCR at or above 1.00x',
      breach.length ? 'CRITICAL' : null,
    ),
    kpi('debt', 'Debt outstanding', moneyHtml(debt.toFixed(2)), `debt service ${moneyHtml(debtService.toFixed(2))}/yr`),
    kpi('overdue', 'Past due', moneyHtml(overdue.toFixed(2)), 'owed by counterparties on open invoices'),
    kpi('idle', 'Idle capacity', `${esc(f.mw(idle))} MW`, `of ${esc(f.mw(built))} MW built · ${moneyHtml(burn.toFixed(2))}/day fixed charges`),
  ].join('');
  patch(main.querySelector('#ov-kpis'), html);
}

function byNewestChange(a, b) {
  return Date.parse(b.causeEventTime) - Date.parse(a.causeEventTime) || alertSeq(b) - alertSeq(a) || (b.alertId > a.alertId ? 1 : -1);
}

function timelineItem(a, { subject = false } = {}) {
  const isActive = state.active.get(alertKey(a))?.alertId === a.alertId;
  const fresh = state.fresh.get(a.alertId);
  const sev = a.severity || null;
  const threshold = a.threshold === null || a.threshold === undefined ? '' : ` · threshold ${f.alertFigure(a.rule, a.threshold)}`;
  return `<li class="tl-item tl-${sevClass(sev)}${isActive ? ' is-active' : ''}${fresh ? ' is-fresh' : ''}" data-alert-id="${esc(a.alertId)}">
    <time class="tl-time" datetime="${esc(a.causeEventTime)}">${esc(f.instant(a.causeEventTime))}</time>
    <div class="tl-body">
      <div class="tl-title">
        ${a.transition === 'RESOLVED' ? badge(null, 'Resolved') : badge(sev, SEV_TEXT[sev])}
        <span class="tl-transition">${esc(f.transitionLabel(a.transition))}</span>
        ${subject ? `<span class="tl-subject">${link.subject(a)}</span>` : ''}
        <strong>${esc(f.ruleLabel(a.rule))}</strong>
        <span class="muted">${esc(f.alertFigure(a.rule, a.figure))}${esc(threshold)}</span>
        ${isActive ? '<span class="tag">Active</span>' : ''}
        ${fresh ? `<span class="tag tag-new">New · ${esc(f.clock(fresh))}</span>` : ''}
      </div>
      <p class="tl-expl">${esc(a.explanation)}</p>
    </div>
  </li>`;
}

// ------------------------------------------------------------------------------------------ operator

function operatorView(main, id) {
  setTitle(id);
  let missing = false;
  main.innerHTML = `<div class="page" data-testid="operator-page" data-operator-id="${esc(id)}">
    <nav class="crumbs" aria-label="Breadcrumb"><a href="#/">Operators</a> <span aria-hidden="true">/</span> <span aria-current="page">${esc(id)}</span></nav>
    <div class="page-head">
      <div>
        <h1 tabindex="-1"><span>${esc(id)}</span> <span id="op-badge"></span></h1>
        <p class="lede" id="op-meta">Loading…</p>
      </div>
      <form class="asof" id="op-asof-form" aria-describedby="op-asof-note">
        <label for="op-asof">As of</label>
        <input type="date" id="op-asof" name="asOf" data-testid="asof-picker">
        <button type="button" id="op-asof-live" hidden>Back to live</button>
        <p class="hint" id="op-asof-note" role="status">Live: the latest figures.</p>
      </form>
    </div>
    <section class="kpis" id="op-kpis" aria-label="Key figures"></section>
    <div class="cols-2">
      <section class="card" aria-labelledby="op-margins-title">
        <div class="card-head"><h2 id="op-margins-title">Margins over time</h2><p class="hint">Every published exposure, then live</p></div>
        <div id="op-margins"></div>
      </section>
      <section class="card" aria-labelledby="op-dscr-title">
        <div class="card-head"><h2 id="op-dscr-title">DSCR over time</h2><p class="hint">Covenant 1.00x · warning 1.25x</p></div>
        <div id="op-dscr"></div>
      </section>
    </div>
    <div class="cols-2">
      <section class="card" aria-labelledby="op-stress-title">
        <div class="card-head"><h2 id="op-stress-title">Stress scenarios vs covenant</h2><p class="hint">Costs unchanged; line at DSCR 1.00x</p></div>
        <div id="op-stress"></div>
      </section>
      <section class="card" aria-labelledby="op-conc-title">
        <div class="card-head"><h2 id="op-conc-title">Concentration</h2><p class="hint">Share by counterparty</p></div>
        <div id="op-conc"></div>
      </section>
    </div>
    <section class="card" aria-labelledby="op-dep-title">
      <div class="card-head"><h2 id="op-dep-title">Depreciation sensitivity</h2><p class="hint">Every GPU batch in service depreciated over 4, 5 or 6 years; revenue, costs and financing unchanged</p></div>
      <div id="op-dep"></div>
    </section>
    <div class="cols-2">
      <section class="card" aria-labelledby="op-overdue-title">
        <div class="card-head"><h2 id="op-overdue-title">Past-due counterparties</h2></div>
        <div id="op-overdue"></div>
      </section>
      <section class="card" aria-labelledby="op-lenders-title">
        <div class="card-head"><h2 id="op-lenders-title">Lenders</h2><p class="hint">Outstanding by lender and instrument</p></div>
        <div id="op-lenders"></div>
      </section>
    </div>
    <section class="card" aria-labelledby="op-alerts-title">
      <div class="card-head"><h2 id="op-alerts-title">Alert timeline</h2><p class="hint">Newest first; changes this monitor has seen, and every active alert</p></div>
      <ol class="timeline" id="op-timeline"></ol>
    </section>
  </div>`;

  // As of a past date the figures below are the exposure published by the end of that day (UTC); the
  // charts keep the whole history, with the chosen day marked by the figures above them.
  let asOf = null;
  const picker = main.querySelector('#op-asof');
  const liveButton = main.querySelector('#op-asof-live');
  const asOfNote = main.querySelector('#op-asof-note');
  picker.addEventListener('change', () => showAsOf(picker.value));
  liveButton.addEventListener('click', () => {
    picker.value = '';
    showAsOf('');
  });

  async function showAsOf(day) {
    if (!day) {
      asOf = null;
      liveButton.hidden = true;
      asOfNote.textContent = 'Live: the latest figures.';
      update();
      return;
    }
    const at = day + 'T23:59:59.999Z';
    try {
      asOf = await api.getJson(`/operators/${encodeURIComponent(id)}?asOf=${encodeURIComponent(at)}`);
      asOfNote.textContent = `As of the end of ${day} (UTC): the exposure published then, not live.`;
    } catch (err) {
      asOf = null;
      asOfNote.textContent = err.status === 404 ? `Nothing was published for ${id} by the end of ${day}.` : `Cannot load ${day}: ${err.message}`;
    }
    liveButton.hidden = false;
    update();
  }

  loadHistory(id)
    .then(() => update())
    .catch(() => {
      // the charts fall back to the points the live feed brings
    });
  api
    .getJson('/operators/' + encodeURIComponent(id))
    .then((e) => {
      if (applyExposure(e)) notify('operators');
    })
    .catch((err) => {
      if (err.status === 404 && !state.operators.has(id)) {
        missing = true;
        notFound(main, `No operator "${id}": the monitor has processed no event for it.`);
      } else if (!(err instanceof api.AuthRequired)) {
        retryLater('operator ' + id, err, () => update());
      }
    });

  function update() {
    if (missing) return;
    const e = asOf ?? state.operators.get(id);
    if (!e) return;
    main.querySelector('[data-testid="operator-page"]').dataset.asOf = asOf ? asOf.asOf : 'live';
    const alerts = operatorAlerts(id);
    const sev = worst(alerts);
    patch(main.querySelector('#op-badge'), badge(sev, sev ? `${SEV_TEXT[sev]} · ${alerts.length} active` : 'No active alert'));
    main.querySelector('#op-meta').innerHTML = `As of <time datetime="${esc(e.asOf)}">${esc(f.instant(e.asOf))}</time>
      · window ${esc(e.windowStart ?? f.DASH)} → ${esc(e.windowEnd ?? f.DASH)} (${esc(f.pct(e.coverage, 0))} covered)
      · last event <code>${esc(e.lastEventId)}</code>`;
    renderOperatorKpis(main.querySelector('#op-kpis'), e);
    renderHistory(main, id);
    renderStress(main.querySelector('#op-stress'), e);
    renderDepreciation(main.querySelector('#op-dep'), e);
    renderConcentration(main.querySelector('#op-conc'), e);
    renderOverdue(main.querySelector('#op-overdue'), e);
    renderLenders(main.querySelector('#op-lenders'), e);
    const items = new Map();
    for (const a of state.changes.values()) if ((a.operatorId ?? a.subjectId) === id) items.set(a.alertId, a);
    for (const a of alerts) items.set(a.alertId, a);
    const list = [...items.values()].sort(byNewestChange);
    patch(main.querySelector('#op-timeline'), list.length ? list.map((a) => timelineItem(a)).join('') : '<li class="empty">No alert has fired for this operator.</li>');
    flashChanged(main, 'op:' + id);
  }

  update();
  return { update };
}

function renderOperatorKpis(el, e) {
  const sev = (rule) => ruleSeverity(e.operatorId, rule);
  const built = Number(e.builtMw || 0);
  const html = [
    kpi('dscr', 'DSCR', esc(f.times(e.dscr)), `cash EBITDA / debt service · covenant ${f.times(COVENANT)}`, sev('DSCR_LOW')),
    kpi('netMargin', 'Net margin', esc(f.pct(e.netMargin)), 'after depreciation, interest and leases', sev('NET_MARGIN_NEGATIVE')),
    kpi('ebitdaMargin', 'EBITDA margin', esc(f.pct(e.ebitdaMargin)), `EBITDA ${moneyHtml(e.ebitda)}`),
    kpi('revenue', 'Revenue', moneyHtml(e.revenue), `booked over the window · cash cost ${moneyHtml(e.cashCost)}`),
    kpi('debtService', 'Debt service', moneyHtml(e.debtService, '/yr'), `outstanding ${moneyHtml(e.totalOutstanding)}`),
    kpi(
      'idleMw',
      'Idle capacity',
      `${esc(f.mw(e.idleMw))} MW`,
      built ? `of ${esc(f.mw(e.builtMw))} MW built · ${e.idleBurnPerDay === null ? f.DASH : moneyHtml(e.idleBurnPerDay)}/day` : 'nothing built yet',
      sev('IDLE_CAPACITY'),
    ),
    kpi('revenueAtRisk', 'Revenue at risk', esc(f.pct(e.revenueAtRisk)), 'from counterparties 30+ days past due', sev('REVENUE_AT_RISK')),
    kpi('runRateGap', 'Run-rate gap', esc(f.times(e.runRateGap)), e.claimedRunRate ? `claimed ${moneyHtml(e.claimedRunRate)}/yr` : 'no run-rate claim', sev('RUN_RATE_GAP')),
  ].join('');
  patch(el, html);
}

const MARGIN_SERIES = [
  { key: 'ebitdaMargin', name: 'EBITDA', cls: 's1', dash: '' },
  { key: 'grossMargin', name: 'Gross', cls: 's2', dash: '7 4' },
  { key: 'grossMarginFullCost', name: 'Full-cost', cls: 's3', dash: '2 3' },
  { key: 'netMargin', name: 'Net', cls: 's4', dash: '10 3 2 3' },
];

function renderHistory(main, id) {
  const points = state.history.get(id) || [];
  const axis = timeAxis(points);
  const n = points.length;
  const note = state.historyLoaded.has(id)
    ? `<p class="chart-note">${n} ${n === 1 ? 'point' : 'points'}: every exposure published${n >= HISTORY_LIMIT ? ` (the last ${HISTORY_LIMIT})` : ''}, then each change on the live feed</p>`
    : `<p class="chart-note">${n} ${n === 1 ? 'point' : 'points'} since ${esc(f.clock(new Date(state.openedAt)))} (each change on the live feed)</p>`;
  const margins = lineChart({
    series: MARGIN_SERIES.map((s) => ({ ...s, points: points.map((p) => ({ t: p.t, v: p[s.key] })) })),
    yFormat: (v) => f.pct(v, 0),
    xFormat: axis,
    floor: 0,
    label: 'Margins over time. Latest: ' + MARGIN_SERIES.map((s) => `${s.name} ${f.pct(points[n - 1]?.[s.key])}`).join(', '),
  });
  const dscr = lineChart({
    series: [{ key: 'dscr', name: 'DSCR', cls: 's1', dash: '', points: points.map((p) => ({ t: p.t, v: p.dscr })) }],
    refLines: [
      { v: COVENANT, label: 'Covenant 1.00x', cls: 'critical' },
      { v: DSCR_WARNING, label: 'Warning 1.25x', cls: 'warning' },
    ],
    yFormat: (v) => f.times(v, 1),
    xFormat: axis,
    floor: 0,
    label: `DSCR over time. Latest ${f.times(points[n - 1]?.dscr)}; covenant 1.00x`,
  });
  main.querySelector('#op-margins').innerHTML = margins + note;
  main.querySelector('#op-dscr').innerHTML = dscr + note;
}

function stressClass(v) {
  if (v === null || v === undefined) return 'ok';
  return v < COVENANT ? 'critical' : v < DSCR_WARNING ? 'warning' : 'ok';
}

function stressWord(v) {
  if (v === null || v === undefined) return '';
  return v < COVENANT ? 'breach' : v < DSCR_WARNING ? 'thin' : 'holds';
}

function renderStress(el, e) {
  const rows = [{ label: 'Current', v: e.dscr, strong: true }].concat(
    (e.stress || []).map((s) => ({ label: f.scenarioLabel(s.scenario), v: s.dscr })),
  );
  const svg = barsAgainst({
    rows: rows.map((r) => ({ ...r, cls: stressClass(r.v), text: `${f.times(r.v)} ${stressWord(r.v)}` })),
    refLines: [{ v: COVENANT, label: 'Covenant 1.00x', cls: 'critical' }],
    label: 'Stressed DSCR by scenario: ' + rows.map((r) => `${r.label} ${f.times(r.v)}`).join(', '),
  });
  const table = `<table class="grid compact" data-testid="stress-table">
    <thead><tr><th scope="col">Scenario</th><th scope="col" class="num">DSCR</th><th scope="col" class="num">Net margin</th><th scope="col">Against covenant</th></tr></thead>
    <tbody>${(e.stress || [])
      .map(
        (s) => `<tr data-scenario="${esc(s.scenario)}"><th scope="row">${esc(f.scenarioLabel(s.scenario))}</th>
          <td class="num" data-col="dscr"><span class="v">${esc(f.times(s.dscr))}</span></td>
          <td class="num" data-col="netMargin"><span class="v">${esc(f.pct(s.netMargin))}</span></td>
          <td>${s.dscr === null ? f.DASH : s.dscr < COVENANT ? badge('CRITICAL', 'Breach') : s.dscr < DSCR_WARNING ? badge('WARNING', 'Within 0.25x') : badge(null, 'Holds')}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  patch(el, svg + table);
}

function renderDepreciation(el, e) {
  const cases = e.depreciationSensitivity || [];
  if (cases.length === 0) {
    patch(el, '<p class="empty">Not in this record (published before the monitor computed it).</p>');
    return;
  }
  const row = (label, c, attrs) => `<tr ${attrs}><th scope="row">${label}</th>
      <td class="num" data-col="depreciation"><span class="v">${moneyHtml(c.depreciation, '/yr')}</span></td>
      <td class="num" data-col="grossMargin"><span class="v">${esc(f.pct(c.grossMargin))}</span></td>
      <td class="num" data-col="grossMarginFullCost"><span class="v">${esc(f.pct(c.grossMarginFullCost))}</span></td>
      <td class="num" data-col="netMargin"><span class="v">${esc(f.pct(c.netMargin))}</span></td></tr>`;
  patch(
    el,
    `<table class="grid compact" data-testid="depreciation-table">
    <thead><tr><th scope="col">Useful life</th><th scope="col" class="num">Depreciation</th><th scope="col" class="num">Gross margin</th><th scope="col" class="num">Full-cost gross</th><th scope="col" class="num">Net margin</th></tr></thead>
    <tbody>${row('As reported', e, 'data-life="reported" class="strong"')}${cases
      .map((c) => row(`${c.usefulLifeYears} years`, c, `data-life="${c.usefulLifeYears}"`))
      .join('')}</tbody></table>
    <p class="chart-note">A shorter life moves cost into today's margins; if the net margin turns negative at 4 years, the operator's profit depends on its GPUs earning for longer than the fastest in the industry write them off.</p>`,
  );
}

function concentrationBlock(title, c, testid) {
  const rows = c?.breakdown || [];
  if (rows.length === 0) return `<h3>${esc(title)}</h3><p class="empty">None reported.</p>`;
  const max = Math.max(...rows.map((r) => r.share ?? 0), 0.0001);
  return `<h3>${esc(title)} <span class="muted">${moneyHtml(c.total)} · top-1 ${esc(f.pct(c.top1Share))} · top-3 ${esc(f.pct(c.top3Share))} · HHI ${esc(f.hhi(c.hhi))}</span></h3>
    <table class="bars-table" data-testid="${testid}">
      <thead class="sr-only"><tr><th scope="col">Counterparty</th><th scope="col">Share</th><th scope="col">Amount</th></tr></thead>
      <tbody>${rows
        .map(
          (r) => `<tr data-counterparty-id="${esc(r.counterpartyId)}">
            <th scope="row">${link.counterparty(r.counterpartyId)}</th>
            <td class="bar-cell"><span class="hbar${(r.share ?? 0) >= 0.75 ? ' hbar-critical' : (r.share ?? 0) >= 0.5 ? ' hbar-warning' : ''}" style="width:${(((r.share ?? 0) / max) * 100).toFixed(1)}%"></span><span class="v bar-num">${esc(f.pct(r.share))}</span></td>
            <td class="num">${moneyHtml(r.amount)}</td></tr>`,
        )
        .join('')}</tbody></table>`;
}

function renderConcentration(el, e) {
  patch(el, concentrationBlock('Revenue', e.revenueConcentration, 'revenue-bars') + concentrationBlock('Backlog', e.backlogConcentration, 'backlog-bars'));
}

function daysBadge(days) {
  if (days >= 90) return badge('CRITICAL', days + ' days');
  if (days >= 30) return badge('WARNING', days + ' days');
  return badge(null, days + ' days');
}

function renderOverdue(el, e) {
  const rows = e.delinquency || [];
  if (rows.length === 0) {
    patch(el, '<p class="empty">No invoice is past due.</p>');
    return;
  }
  patch(
    el,
    `<table class="grid" data-testid="overdue-table">
      <thead><tr><th scope="col">Counterparty</th><th scope="col" class="num">Overdue</th><th scope="col">Days past due</th><th scope="col" class="num">Open invoices</th></tr></thead>
      <tbody>${rows
        .map(
          (d) => `<tr data-counterparty-id="${esc(d.counterpartyId)}"><th scope="row">${link.counterparty(d.counterpartyId)}</th>
            <td class="num" data-col="overdueAmount"><span class="v">${moneyHtml(d.overdueAmount)}</span></td>
            <td data-col="days"><span class="v">${daysBadge(d.oldestDaysPastDue)}</span></td>
            <td class="num">${esc(f.integer(d.openInvoices))}</td></tr>`,
        )
        .join('')}</tbody></table>`,
  );
}

function renderLenders(el, e) {
  const rows = e.lenders || [];
  if (rows.length === 0) {
    patch(el, '<p class="empty">No facility outstanding.</p>');
    return;
  }
  const total = Number(e.totalOutstanding) || rows.reduce((s, r) => s + Number(r.outstanding), 0) || 1;
  patch(
    el,
    `<table class="grid" data-testid="lenders-table">
      <thead><tr><th scope="col">Lender</th><th scope="col">Instrument</th><th scope="col" class="num">Outstanding</th><th scope="col">Share</th><th scope="col" class="num">Facilities</th></tr></thead>
      <tbody>${rows
        .map((r) => {
          const share = Number(r.outstanding) / total;
          return `<tr data-lender-id="${esc(r.lenderId)}"><th scope="row">${link.lender(r.lenderId)}</th><td>${esc(f.instrumentLabel(r.instrument))}</td>
            <td class="num">${moneyHtml(r.outstanding)}</td>
            <td class="bar-cell narrow"><span class="hbar" style="width:${(share * 100).toFixed(1)}%"></span><span class="bar-num">${esc(f.pct(share, 0))}</span></td>
            <td class="num">${esc(f.integer(r.facilities))}</td></tr>`;
        })
        .join('')}</tbody></table>`,
  );
}

// ------------------------------------------------------------------- counterparty and lender views

/** A view backed by its own endpoint: 200 renders, 503 says "not available yet" and retries. */
function remoteView(main, { kind, id, path, title, noun, render, fallback }) {
  setTitle(id);
  main.innerHTML = `<div class="page" data-testid="${kind}-page" data-id="${esc(id)}">
    <nav class="crumbs" aria-label="Breadcrumb"><a href="#/">Operators</a> <span aria-hidden="true">/</span> <span>${esc(title)}</span> <span aria-hidden="true">/</span> <span aria-current="page">${esc(id)}</span></nav>
    <div class="page-head"><div><h1 tabindex="-1"><span>${esc(id)}</span> <span id="rv-badge"></span></h1><p class="lede" id="rv-meta">Loading…</p></div></div>
    <div id="rv-body" aria-live="polite"></div>
    <section class="card" aria-labelledby="rv-alerts-title">
      <div class="card-head"><h2 id="rv-alerts-title">Alerts on ${esc(id)}</h2><p class="hint">Newest first</p></div>
      <ol class="timeline" id="rv-alerts"></ol>
    </section>
  </div>`;
  const body = main.querySelector('#rv-body');
  let data = null;
  let status = 'loading';
  let retry = null;
  let refresh = null;
  let closed = false;

  async function load() {
    clearTimeout(retry);
    try {
      data = await api.getJson(path);
      status = 'ok';
    } catch (e) {
      if (closed) return;
      if (e instanceof api.AuthRequired) {
        status = 'auth';
      } else if (e.status === 404) {
        status = 'missing';
      } else if (e.status === 503) {
        status = 'unavailable';
        retry = setTimeout(load, 5000);
      } else {
        status = 'error:' + e.message;
        retry = setTimeout(load, 10000);
      }
    }
    if (!closed) draw();
  }

  function drawAlerts() {
    const items = new Map();
    for (const a of state.changes.values()) if (a.subjectId === id && a.subjectType === kind.toUpperCase()) items.set(a.alertId, a);
    for (const a of state.active.values()) if (a.subjectId === id && a.subjectType === kind.toUpperCase()) items.set(a.alertId, a);
    const list = [...items.values()].sort(byNewestChange);
    patch(main.querySelector('#rv-alerts'), list.length ? list.map((a) => timelineItem(a)).join('') : `<li class="empty">No alert on this ${esc(kind)}.</li>`);
  }

  function draw() {
    drawAlerts();
    main.querySelector('[data-testid]').dataset.status = status.startsWith('error') ? 'error' : status;
    if (status === 'ok') {
      render(main, data);
      flashChanged(main, kind + ':' + id);
      return;
    }
    main.querySelector('#rv-badge').innerHTML = '';
    const meta = main.querySelector('#rv-meta');
    if (status === 'loading') {
      meta.textContent = 'Loading…';
    } else if (status === 'unavailable') {
      meta.textContent = '';
      patch(
        body,
        `<div class="notice notice-unavailable" data-testid="not-available" role="status">
          <h2>${esc(noun)} view not available yet</h2>
          <p>The monitor answered <code>503 not available yet</code> for <code>${esc(path)}</code>: this view is still being built or its state is being restored.
          This page tries again every 5 seconds and shows the figures as soon as they are served.</p>
        </div>${fallback ? fallback() : ''}`,
      );
    } else if (status === 'missing') {
      meta.textContent = '';
      patch(body, `<p class="notice">No ${esc(kind)} "${esc(id)}" is known to the monitor.</p>`);
    } else if (status === 'auth') {
      meta.textContent = '';
      patch(body, '<p class="notice">Enter the API token above to see this page.</p>');
    } else {
      patch(body, `<p class="notice">Cannot load ${esc(path)}: ${esc(status.slice(6))}. Retrying.</p>`);
    }
  }

  load();
  return {
    update(kinds) {
      if (kinds.has('alerts')) drawAlerts();
      if (status === 'unavailable') draw(); // the fallback is computed from the live feed
      if (status === 'ok' && kinds.has('operators')) {
        clearTimeout(refresh);
        refresh = setTimeout(load, 800); // the view follows the operator feed; re-read it after a change
      }
    },
    destroy() {
      closed = true;
      clearTimeout(retry);
      clearTimeout(refresh);
    },
  };
}

function counterpartyView(main, id) {
  return remoteView(main, {
    kind: 'counterparty',
    id,
    title: 'Counterparties',
    noun: 'Counterparty',
    path: '/counterparties/' + encodeURIComponent(id),
    render: (root, c) => {
      root.querySelector('#rv-badge').innerHTML = c.systemic
        ? badge('CRITICAL', 'Systemic')
        : badge(null, 'Not systemic');
      root.querySelector('#rv-meta').innerHTML = `As of <time datetime="${esc(c.asOf)}">${esc(f.instant(c.asOf))}</time> · systemic when at least ${esc(
        f.pct(c.systemicThreshold, 0),
      )} of the revenue of 2 or more operators`;
      const deps = c.dependents || [];
      patch(
        root.querySelector('#rv-body'),
        `<section class="kpis" aria-label="Key figures">
          ${kpi('systemicOperatorCount', `Operators ≥ ${f.pct(c.systemicThreshold, 0)} reliant`, esc(f.integer(c.systemicOperatorCount)), `of ${deps.filter((d) => (d.revenueShare || 0) > 0).length} earning from it`, c.systemic ? 'CRITICAL' : null)}
          ${kpi('totalWindowRevenue', 'Revenue from it', moneyHtml(c.totalWindowRevenue), 'over the operators\u2019 windows')}
          ${kpi('totalBacklog', 'Backlog', moneyHtml(c.totalBacklog), 'remaining performance obligations')}
          ${kpi('totalOverdue', 'Past due', moneyHtml(c.totalOverdue), c.maxDaysPastDue ? `oldest ${esc(f.integer(c.maxDaysPastDue))} days past due` : 'nothing past due', c.maxDaysPastDue >= 90 ? 'CRITICAL' : c.maxDaysPastDue >= 30 ? 'WARNING' : null)}
        </section>
        <section class="card" aria-labelledby="cp-deps">
          <div class="card-head"><h2 id="cp-deps">Operators that depend on ${esc(c.counterpartyId)}</h2><p class="hint">By share of each operator's revenue</p></div>
          ${deps.length === 0 ? '<p class="empty">No operator earns from it.</p>' : `<table class="grid" data-testid="dependents-table">
            <thead><tr><th scope="col">Operator</th><th scope="col">Revenue share</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Backlog share</th><th scope="col" class="num">Backlog</th><th scope="col" class="num">Overdue</th><th scope="col">Days past due</th></tr></thead>
            <tbody>${deps
              .map(
                (d) => `<tr data-operator-id="${esc(d.operatorId)}"><th scope="row">${link.operator(d.operatorId)}</th>
                  <td class="bar-cell"><span class="hbar${(d.revenueShare ?? 0) >= c.systemicThreshold ? ' hbar-critical' : ''}" style="width:${((d.revenueShare ?? 0) * 100).toFixed(1)}%"></span><span class="v bar-num">${esc(f.pct(d.revenueShare))}</span>${(d.revenueShare ?? 0) >= c.systemicThreshold ? '<span class="sr-only"> (at or above the systemic threshold)</span>' : ''}</td>
                  <td class="num">${moneyHtml(d.windowRevenue)}</td>
                  <td class="num">${esc(f.pct(d.backlogShare))}</td>
                  <td class="num">${moneyHtml(d.backlog)}</td>
                  <td class="num">${moneyHtml(d.overdueAmount)}</td>
                  <td>${d.oldestDaysPastDue ? daysBadge(d.oldestDaysPastDue) : f.DASH}</td></tr>`,
              )
              .join('')}</tbody></table>`}
        </section>
        ${contagionPanel(c)}`,
      );
    },
    fallback: () => {
      // What the operator feed already says about this counterparty (not the counterparty view's figures).
      const rows = [];
      for (const e of state.operators.values()) {
        const rev = e.revenueConcentration?.breakdown?.find((b) => b.counterpartyId === id);
        const back = e.backlogConcentration?.breakdown?.find((b) => b.counterpartyId === id);
        const late = (e.delinquency || []).find((d) => d.counterpartyId === id);
        if (rev || back || late) rows.push({ e, rev, back, late });
      }
      if (rows.length === 0) return '';
      rows.sort((a, b) => (b.rev?.share ?? 0) - (a.rev?.share ?? 0));
      return `<section class="card" aria-labelledby="cp-fallback">
        <div class="card-head"><h2 id="cp-fallback">Meanwhile, from the operator feed</h2><p class="hint">Operators whose revenue, backlog or overdue invoices name ${esc(id)}</p></div>
        <table class="grid"><thead><tr><th scope="col">Operator</th><th scope="col" class="num">Revenue share</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Backlog</th><th scope="col" class="num">Overdue</th><th scope="col">Days past due</th></tr></thead>
        <tbody>${rows
          .map(
            (r) => `<tr><th scope="row">${link.operator(r.e.operatorId)}</th><td class="num">${esc(f.pct(r.rev?.share))}</td><td class="num">${r.rev ? moneyHtml(r.rev.amount) : f.DASH}</td>
            <td class="num">${r.back ? moneyHtml(r.back.amount) : f.DASH}</td><td class="num">${r.late ? moneyHtml(r.late.overdueAmount) : f.DASH}</td><td>${r.late ? daysBadge(r.late.oldestDaysPastDue) : f.DASH}</td></tr>`,
          )
          .join('')}</tbody></table></section>`;
    },
  });
}

function lenderView(main, id) {
  return remoteView(main, {
    kind: 'lender',
    id,
    title: 'Lenders',
    noun: 'Lender',
    path: '/lenders/' + encodeURIComponent(id),
    render: (root, l) => {
      const critical = Number(l.outstandingWithCriticalOperators || 0);
      root.querySelector('#rv-badge').innerHTML = critical > 0 ? badge('CRITICAL', 'Lent to critical operators') : badge(null, 'No critical borrower');
      root.querySelector('#rv-meta').innerHTML = `As of <time datetime="${esc(l.asOf)}">${esc(f.instant(l.asOf))}</time> · direct positions and the counterparties behind them`;
      const positions = l.positions || [];
      const indirect = l.indirect || [];
      const total = Number(l.totalOutstanding) || 1;
      const maxShare = Math.max(...indirect.map((i) => i.share ?? 0), 0.0001);
      patch(
        root.querySelector('#rv-body'),
        `<section class="kpis" aria-label="Key figures">
          ${kpi('totalOutstanding', 'Outstanding', moneyHtml(l.totalOutstanding), `${positions.length} position${positions.length === 1 ? '' : 's'}`)}
          ${kpi('outstandingWithCriticalOperators', 'With critical operators', moneyHtml(l.outstandingWithCriticalOperators), `${esc(f.pct(critical / total))} of outstanding lent to operators with an active critical alert`, critical > 0 ? 'CRITICAL' : null)}
          ${kpi('topIndirect', 'Largest indirect', indirect[0] ? `<span class="kpi-text">${esc(indirect[0].counterpartyId)}</span>` : f.DASH, indirect[0] ? `${moneyHtml(indirect[0].exposure)} · ${esc(f.pct(indirect[0].share))}` : '')}
        </section>
        <div class="cols-2">
          <section class="card" aria-labelledby="ln-chain">
            <div class="card-head"><h2 id="ln-chain">Chain of pain: indirect exposure by counterparty</h2><p class="hint">Outstanding at each operator × the counterparty's share of its revenue</p></div>
            ${indirect.length === 0 ? '<p class="empty">No indirect exposure.</p>' : `<table class="bars-table" data-testid="indirect-bars">
              <thead class="sr-only"><tr><th scope="col">Counterparty</th><th scope="col">Share</th><th scope="col">Exposure</th></tr></thead>
              <tbody>${indirect
                .map(
                  (i) => `<tr data-counterparty-id="${esc(i.counterpartyId)}"><th scope="row">${link.counterparty(i.counterpartyId)}</th>
                  <td class="bar-cell"><span class="hbar${(i.share ?? 0) >= 0.75 ? ' hbar-critical' : (i.share ?? 0) >= 0.5 ? ' hbar-warning' : ''}" style="width:${(((i.share ?? 0) / maxShare) * 100).toFixed(1)}%"></span><span class="v bar-num">${esc(f.pct(i.share))}</span></td>
                  <td class="num">${moneyHtml(i.exposure)}</td></tr>`,
                )
                .join('')}</tbody></table>`}
          </section>
          <section class="card" aria-labelledby="ln-pos">
            <div class="card-head"><h2 id="ln-pos">Direct positions</h2></div>
            ${positions.length === 0 ? '<p class="empty">No position outstanding.</p>' : `<table class="grid" data-testid="positions-table">
              <thead><tr><th scope="col">Operator</th><th scope="col">Instrument</th><th scope="col" class="num">Outstanding</th><th scope="col">Operator alert</th></tr></thead>
              <tbody>${positions
                .map(
                  (p) => `<tr data-operator-id="${esc(p.operatorId)}"><th scope="row">${link.operator(p.operatorId)}</th><td>${esc(f.instrumentLabel(p.instrument))}</td>
                  <td class="num">${moneyHtml(p.outstanding)}</td><td>${badge(worst(operatorAlerts(p.operatorId)))}</td></tr>`,
                )
                .join('')}</tbody></table>`}
          </section>
        </div>`,
      );
    },
    fallback: () => {
      const rows = [];
      for (const e of state.operators.values()) {
        for (const p of e.lenders || []) if (p.lenderId === id) rows.push({ e, p });
      }
      if (rows.length === 0) return '';
      rows.sort((a, b) => Number(b.p.outstanding) - Number(a.p.outstanding));
      return `<section class="card" aria-labelledby="ln-fallback">
        <div class="card-head"><h2 id="ln-fallback">Meanwhile, from the operator feed</h2><p class="hint">Direct positions of ${esc(id)}; the indirect exposure needs the lender view</p></div>
        <table class="grid"><thead><tr><th scope="col">Operator</th><th scope="col">Instrument</th><th scope="col" class="num">Outstanding</th><th scope="col">Operator alert</th></tr></thead>
        <tbody>${rows
          .map((r) => `<tr><th scope="row">${link.operator(r.e.operatorId)}</th><td>${esc(f.instrumentLabel(r.p.instrument))}</td><td class="num">${moneyHtml(r.p.outstanding)}</td><td>${badge(worst(operatorAlerts(r.e.operatorId)))}</td></tr>`)
          .join('')}</tbody></table></section>`;
    },
  });
}

// ------------------------------------------------------------------------------------- chain of pain

const systemicFlags = new Map(); // counterpartyId -> systemic, from GET /counterparties/{id}; kept across visits
const contagionOf = new Map(); // counterpartyId -> {breaching: [operatorId], lenders: [lenderId]} if it stopped paying

const chainMarks = {
  severity: (id) => worst(operatorAlerts(id)),
  systemic: (id) => systemicFlags.get(id),
  href: (kind, id) => `#/${{ lender: 'lenders', operator: 'operators', counterparty: 'counterparties' }[kind]}/${encodeURIComponent(id)}`,
};

function chainView(main) {
  setTitle('Chain of pain');
  main.innerHTML = `<div class="page" data-testid="chain-page">
    <div class="page-head">
      <div>
        <h1 tabindex="-1">Chain of pain</h1>
        <p class="lede">Who lends to which operator, and whose revenue pays it back: a counterparty's late payment reaches the lenders of every operator it pays.
          Point at or tab to a node to trace its paths; select it to open its page.</p>
      </div>
      <p class="asof" id="ch-asof"></p>
    </div>
    <section class="card" aria-labelledby="ch-title" aria-describedby="ch-legend-title">
      <div class="card-head"><h2 id="ch-title">Lenders → operators → counterparties</h2><p class="hint">Band widths in USD, all on one scale</p></div>
      <div id="ch-diagram" data-testid="chain-diagram"></div>
      <p class="chain-focus" id="ch-focus" data-testid="chain-focus"></p>
      <h3 id="ch-legend-title" class="sr-only">How to read it</h3>
      <ul class="chain-legend">
        <li><span class="sw sw-loan" aria-hidden="true"></span>Lender → operator: the lender's outstanding at the operator</li>
        <li><span class="sw sw-rev" aria-hidden="true"></span>Operator → counterparty: indirect exposure, the operator's outstanding × the counterparty's share of its revenue</li>
        <li><span class="sw sw-critical" aria-hidden="true"></span>${icon('CRITICAL')} Operator with an active critical alert</li>
        <li><span class="sw sw-systemic" aria-hidden="true"></span>Systemic counterparty (a large share of the revenue of two or more operators)</li>
        <li><span class="sw sw-late-warning" aria-hidden="true"></span><span class="sw sw-late-critical" aria-hidden="true"></span>Paid late: 30+ and 90+ days past due</li>
      </ul>
    </section>
    <section class="card" aria-labelledby="ch-reach-title">
      <div class="card-head"><h2 id="ch-reach-title">Which counterparty reaches which lender</h2><p class="hint">Indirect exposure summed over the operators between them, as on each lender's page</p></div>
      <div class="table-wrap" id="ch-reach"></div>
    </section>
    <section class="card" aria-labelledby="ch-loans-title">
      <div class="card-head"><h2 id="ch-loans-title">Lender → operator</h2><p class="hint">Outstanding, over the lender's instruments</p></div>
      <div class="table-wrap" id="ch-loans"></div>
    </section>
    <section class="card" aria-labelledby="ch-rev-title">
      <div class="card-head"><h2 id="ch-rev-title">Operator → counterparty</h2><p class="hint">Indirect exposure = the operator's outstanding × the counterparty's share of its revenue</p></div>
      <div class="table-wrap" id="ch-rev"></div>
    </section>
  </div>`;
  const box = main.querySelector('#ch-diagram');
  let model = chain.chainModel([]);
  let focused = null; // key of the node under the pointer or keyboard focus
  let closed = false;
  let drawTimer = null;
  let drawnAt = 0;
  let flagsTimer = null;
  let flagsAgain = false; // a change arrived while the flags were being read
  const asked = new Set(); // counterparties whose flag was asked for at least once on this page

  // Pointer and keyboard both trace a node's paths; leaving the diagram falls back to the focused node.
  const keyOf = (el) => el?.closest?.('[data-node]')?.dataset.node ?? null;
  const setFocus = (key) => {
    if (key === focused) return;
    focused = key;
    chain.focus(box.querySelector('svg'), model, key, (id) => contagionOf.get(id));
    caption();
  };
  box.addEventListener('mouseover', (ev) => keyOf(ev.target) && setFocus(keyOf(ev.target)));
  box.addEventListener('mouseleave', () => setFocus(keyOf(document.activeElement)));
  box.addEventListener('focusin', (ev) => setFocus(keyOf(ev.target)));
  box.addEventListener('focusout', (ev) => keyOf(ev.relatedTarget) || setFocus(null));

  function caption() {
    main.querySelector('#ch-focus').textContent = focused
      ? chain.describe(model, focused)
      : 'Point at or tab to a lender, operator or counterparty to trace its paths.';
  }

  function draw() {
    const list = [...state.operators.values()];
    model = chain.chainModel(list);
    if (model.links.length === 0) {
      const text = !state.loaded.operators ? 'Loading…' : list.length ? 'No debt outstanding yet: nothing flows.' : 'No operators yet: no event has been processed.';
      patch(box, `<p class="empty">${text}</p>`);
      ['#ch-reach', '#ch-loans', '#ch-rev'].forEach((s) => patch(main.querySelector(s), ''));
      return;
    }
    if (focused && !model.nodes.some((n) => n.key === focused)) focused = null;
    patch(box, chain.chainSvg(model, { marks: chainMarks, labelledBy: 'ch-title' }));
    chain.focus(box.querySelector('svg'), model, focused, (id) => contagionOf.get(id));
    caption();
    renderChainTables(main, model);
    const newest = list.map((e) => e.asOf).sort().pop();
    main.querySelector('#ch-asof').innerHTML = `Latest event <time datetime="${esc(newest)}">${esc(f.instant(newest))}</time>`;
    if (model.nodes.some((n) => n.kind === 'counterparty' && !asked.has(n.id))) loadFlagsSoon(0); // a new one
  }

  // Live changes come in bursts: draw at most every 400 ms.
  function drawSoon() {
    if (drawTimer || closed) return;
    drawTimer = setTimeout(() => {
      drawTimer = null;
      drawnAt = Date.now();
      draw();
    }, Math.max(0, drawnAt + 400 - Date.now()));
  }

  // The systemic flags come from the counterparty view, which follows the operator feed: re-read them
  // shortly after a change; a 503 (view restoring) leaves the flag unknown and asks again.
  function loadFlagsSoon(delay) {
    if (closed) return;
    if (flagsTimer) {
      flagsAgain = true;
      return;
    }
    flagsTimer = setTimeout(async () => {
      flagsAgain = false;
      const ids = model.nodes.filter((n) => n.kind === 'counterparty').map((n) => n.id);
      ids.forEach((id) => asked.add(id));
      let again = false;
      await Promise.all(
        ids.map(async (id) => {
          try {
            const view = await api.getJson('/counterparties/' + encodeURIComponent(id));
            systemicFlags.set(id, !!view.systemic);
            contagionOf.set(id, { breaching: view.breachingWithout || [], lenders: (view.lendersAtRisk || []).map((l) => l.lenderId) });
          } catch (e) {
            if (e.status === 404) systemicFlags.set(id, false);
            else again = !(e instanceof api.AuthRequired);
          }
        }),
      );
      flagsTimer = null;
      if (closed) return;
      drawSoon();
      if (again || flagsAgain) loadFlagsSoon(again ? 5000 : 1000);
    }, delay);
  }

  draw();
  return {
    update(kinds) {
      drawSoon();
      if (kinds.has('operators')) loadFlagsSoon(1000);
    },
    destroy() {
      closed = true;
      clearTimeout(drawTimer);
      clearTimeout(flagsTimer);
    },
  };
}

function systemicTag(id) {
  return systemicFlags.get(id) ? ' <span class="tag tag-systemic">Systemic</span>' : '';
}

/** The diagram's links as tables: for screen readers, for checking figures, and for copying them. */
function renderChainTables(main, model) {
  const attrs = (from, to, value) => `data-from="${esc(from.key)}" data-to="${esc(to.key)}" data-value="${value.toFixed(2)}"`;
  const money = (v) => `<span class="v">${moneyHtml(v.toFixed(2))}</span>`;
  const byValue = (a, b) => b.value - a.value || a.key.localeCompare(b.key);
  const loans = model.links.filter((l) => l.source.kind === 'lender').sort(byValue);
  const revs = model.links.filter((l) => l.source.kind === 'operator').sort(byValue);
  patch(
    main.querySelector('#ch-reach'),
    `<table class="grid" data-testid="chain-reach">
      <thead><tr><th scope="col">Counterparty</th><th scope="col">Lender</th><th scope="col" class="num">Indirect exposure</th><th scope="col">Through</th></tr></thead>
      <tbody>${chain
        .reach(model)
        .map((r) => {
          const days = chain.daysLate(r.counterparty);
          return `<tr ${attrs(r.lender, r.counterparty, r.value)}><th scope="row">${link.counterparty(r.counterparty.id)}${systemicTag(r.counterparty.id)}${days ? ' ' + daysBadge(days) : ''}</th>
            <td>${link.lender(r.lender.id)}</td><td class="num">${money(r.value)}</td><td>${r.via.map(link.operator).join(', ')}</td></tr>`;
        })
        .join('')}</tbody></table>`,
  );
  patch(
    main.querySelector('#ch-loans'),
    `<table class="grid" data-testid="chain-loans">
      <thead><tr><th scope="col">Lender</th><th scope="col">Operator</th><th scope="col" class="num">Outstanding</th><th scope="col">Operator alert</th></tr></thead>
      <tbody>${loans
        .map((l) => `<tr ${attrs(l.source, l.target, l.value)}><th scope="row">${link.lender(l.source.id)}</th><td>${link.operator(l.target.id)}</td>
          <td class="num">${money(l.value)}</td><td>${badge(worst(operatorAlerts(l.target.id)))}</td></tr>`)
        .join('')}</tbody></table>`,
  );
  patch(
    main.querySelector('#ch-rev'),
    `<table class="grid" data-testid="chain-revenue">
      <thead><tr><th scope="col">Operator</th><th scope="col">Counterparty</th><th scope="col" class="num">Revenue share</th><th scope="col" class="num">Indirect exposure</th><th scope="col">Paid late · systemic</th></tr></thead>
      <tbody>${revs
        .map((l) => `<tr ${attrs(l.source, l.target, l.value)}><th scope="row">${link.operator(l.source.id)}</th><td>${link.counterparty(l.target.id)}</td>
          <td class="num">${esc(f.pct(l.share))}</td><td class="num">${money(l.value)}</td><td>${l.late ? daysBadge(l.late.oldestDaysPastDue) : ''}${systemicTag(l.target.id)}</td></tr>`)
        .join('')}</tbody></table>`,
  );
}

// -------------------------------------------------------------------------------------------- alerts

function alertsView(main, params) {
  setTitle('Alerts');
  const filter = {
    severity: ['CRITICAL', 'WARNING'].includes(params.get('severity')) ? params.get('severity') : '',
    rule: params.get('rule') && /^[A-Z_]{1,64}$/.test(params.get('rule')) ? params.get('rule') : '',
    q: (params.get('q') || '').slice(0, 64),
  };
  main.innerHTML = `<div class="page" data-testid="alerts-page">
    <div class="page-head"><div><h1 tabindex="-1">Active alerts</h1>
      <p class="lede">Every alert currently raised, most severe first. New alerts appear here as they are committed.</p></div></div>
    <form class="filters" id="al-filters" role="search" aria-label="Filter alerts">
      <label>Severity
        <select name="severity" data-focus="f-severity">
          <option value="">All</option><option value="CRITICAL">Critical</option><option value="WARNING">Warning</option>
        </select></label>
      <label>Rule <select name="rule" data-focus="f-rule"><option value="">All rules</option>${Object.keys(f.RULE_LABELS)
        .map((r) => `<option value="${r}">${esc(f.ruleLabel(r))}</option>`)
        .join('')}</select></label>
      <label>Subject <input name="q" type="search" placeholder="operator, counterparty, lender" autocomplete="off" data-focus="f-q"></label>
      <button type="reset" class="button-quiet">Clear filters</button>
      <p class="filter-count" id="al-count" role="status"></p>
    </form>
    <section class="card" aria-labelledby="al-table-title">
      <h2 id="al-table-title" class="sr-only">Alerts</h2>
      <div class="table-wrap">
      <table class="grid alerts" data-testid="alerts-table">
        <thead><tr><th scope="col">Severity</th><th scope="col">Subject</th><th scope="col">Alert</th><th scope="col" class="num">Figure</th><th scope="col" class="num">Threshold</th><th scope="col">Raised</th><th scope="col">Last change</th></tr></thead>
        <tbody id="al-rows"></tbody>
      </table>
      </div>
    </section>
    <section class="card" aria-labelledby="al-live-title">
      <div class="card-head"><h2 id="al-live-title">Live changes</h2><p class="hint">Alert changes received since this page was opened, including resolutions</p></div>
      <ol class="timeline compact" id="al-live"></ol>
    </section>
  </div>`;
  const form = main.querySelector('#al-filters');
  form.severity.value = filter.severity;
  form.rule.value = filter.rule;
  form.q.value = filter.q;
  const sync = () => {
    filter.severity = form.severity.value;
    filter.rule = form.rule.value;
    filter.q = form.q.value.trim();
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) qs.set(k, v);
    const hash = '#/alerts' + (qs.toString() ? '?' + qs : '');
    if (location.hash !== hash) history.replaceState(null, '', hash);
    update();
  };
  form.addEventListener('input', sync);
  form.addEventListener('change', sync);
  form.addEventListener('reset', () => setTimeout(sync, 0));
  form.addEventListener('submit', (ev) => ev.preventDefault());

  function matches(a) {
    if (filter.severity && a.severity !== filter.severity) return false;
    if (filter.rule && a.rule !== filter.rule) return false;
    if (filter.q && !a.subjectId.toLowerCase().includes(filter.q.toLowerCase())) return false;
    return true;
  }

  function row(a) {
    const fresh = state.fresh.get(a.alertId);
    return `<tr data-alert-id="${esc(a.alertId)}" data-severity="${esc(a.severity)}" data-rule="${esc(a.rule)}" data-subject="${esc(a.subjectId)}" class="row-${sevClass(a.severity)}${fresh ? ' is-fresh' : ''}">
      <td>${badge(a.severity)}</td>
      <td class="nowrap">${link.subject(a)}<div class="muted small">${esc(a.subjectType.toLowerCase())}</div></td>
      <td class="alert-cell"><strong>${esc(f.ruleLabel(a.rule))}</strong>${fresh ? ` <span class="tag tag-new">New · ${esc(f.clock(fresh))}</span>` : ''}<p class="tl-expl">${esc(a.explanation)}</p></td>
      <td class="num">${esc(f.alertFigure(a.rule, a.figure))}</td>
      <td class="num"><span class="muted">${f.firesBelow(a.rule) ? '&lt;' : '≥'}</span> ${esc(f.alertFigure(a.rule, a.threshold))}</td>
      <td class="nowrap"><time datetime="${esc(a.firstRaisedTime)}">${esc(f.day(a.firstRaisedTime))}</time></td>
      <td class="nowrap">${esc(f.transitionLabel(a.transition))}<div class="muted small"><time datetime="${esc(a.causeEventTime)}">${esc(f.instant(a.causeEventTime))}</time></div></td>
    </tr>`;
  }

  function update() {
    const all = activeAlerts().sort(
      (a, b) => RANK[b.severity] - RANK[a.severity] || (state.fresh.has(b.alertId) ? 1 : 0) - (state.fresh.has(a.alertId) ? 1 : 0) || byNewestChange(a, b),
    );
    const shown = all.filter(matches);
    const tbody = main.querySelector('#al-rows');
    if (!state.loaded.active) patch(tbody, '<tr><td colspan="7" class="empty">Loading…</td></tr>');
    else if (shown.length === 0) patch(tbody, `<tr><td colspan="7" class="empty">${all.length ? 'No active alert matches the filters.' : 'No active alert.'}</td></tr>`);
    else patch(tbody, shown.map(row).join(''));
    main.querySelector('#al-count').textContent = state.loaded.active ? `Showing ${shown.length} of ${all.length} active alerts` : '';
    const live = state.liveLog.slice(0, 30);
    patch(
      main.querySelector('#al-live'),
      live.length ? live.map((x) => timelineItem(x.alert, { subject: true })).join('') : `<li class="empty">Nothing yet. Listening since ${esc(f.clock(new Date(state.openedAt)))}.</li>`,
    );
  }

  update();
  return { update };
}

// -------------------------------------------------------------------------------------------- router

let view = null;
let firstRoute = true;

function route() {
  const main = document.getElementById('main');
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  if (view && view.destroy) view.destroy();
  view = null;
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  let nav = '';
  if (parts.length === 0) {
    view = overviewView(main);
    nav = 'overview';
  } else if (parts.length === 1 && parts[0] === 'alerts') {
    view = alertsView(main, params);
    nav = 'alerts';
  } else if (parts.length === 1 && parts[0] === 'chain') {
    view = chainView(main);
    nav = 'chain';
  } else if (parts.length === 2 && ['operators', 'counterparties', 'lenders'].includes(parts[0])) {
    if (!ID.test(parts[1])) {
      notFound(main, `"${parts[1]}" is not a valid id (letters, digits, dot, dash and underscore, at most 64).`);
    } else if (parts[0] === 'operators') view = operatorView(main, parts[1]);
    else if (parts[0] === 'counterparties') view = counterpartyView(main, parts[1]);
    else view = lenderView(main, parts[1]);
  } else {
    notFound(main, `No page at ${hash}.`);
  }
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (!firstRoute) {
    const h1 = main.querySelector('h1');
    (h1 || main).focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  firstRoute = false;
}

// ---------------------------------------------------------------------------------------------- auth

function showAuthForm() {
  const el = document.getElementById('auth');
  if (!el.hidden) return;
  el.hidden = false;
  el.innerHTML = `<form class="auth" id="auth-form">
    <h2>API token required</h2>
    <p>This monitor was started with <code>--api-token</code>: enter the token to read its figures. It is sent as
      <code>Authorization: Bearer …</code> and kept only in this tab's session storage. Live updates are read with
      <code>fetch</code> streaming because the browser's EventSource cannot send that header.</p>
    <label for="auth-token">Token</label>
    <input id="auth-token" name="token" type="password" autocomplete="current-password" required spellcheck="false">
    <button type="submit">Use token</button>
    <p class="auth-error" role="alert"></p>
  </form>`;
  const form = el.querySelector('form');
  const errorLine = form.querySelector('.auth-error');
  if (api.token()) errorLine.textContent = 'The token was not accepted.';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    api.setToken(form.token.value.trim());
    el.hidden = true;
    el.innerHTML = '';
    streams.feed.restart();
    streams.alerts.restart();
    loadOperators();
    loadActive();
    loadRecent();
    route();
  });
  form.querySelector('input').focus();
}

// ---------------------------------------------------------------------------------------------- start

api.onAuthRequired(showAuthForm);
window.addEventListener('hashchange', route);
route();
loadOperators();
loadActive();
loadRecent();
startStreams();
renderChrome();

// For tests and the curious: a read-only look at what the page holds.
window.exposureDashboard = {
  get operators() {
    return [...state.operators.keys()];
  },
  historyLength: (id) => (state.history.get(id) || []).length,
  historyLoaded: (id) => state.historyLoaded.has(id),
  streams: () => ({ ...state.streams }),
};
