#!/usr/bin/env node
// Browser test of the analyst dashboard, against a running monitor:
//
//   node dashboard.mjs <base-url> <output-dir> [--expect-alert=SUBJECT:RULE] [--operator=ID]
//                      [--new-alert-timeout-ms=60000] [--token=TOKEN]
//
// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core. Opens the overview and checks every
// operator's figures against GET /operators and the contagion ranking against GET /contagion, opens the
// contagion panel of its first counterparty (against GET /counterparties/{id}), opens an operator page and
// checks it against GET /operators/{id}, opens a counterparty and a lender page (rendered, or "not
// available yet" on 503),
// then the chain of pain (every lender, operator and counterparty drawn, systemic counterparties and
// CRITICAL operators marked, every link's weight against GET /lenders/{id} and /operators, hover and
// keyboard tracing) and keeps it open in a second tab; then the alerts page; prints PAGE_READY and waits
// until an alert that was not there appears live (whoever runs this publishes the event that raises it
// after PAGE_READY), and the open chain of pain must mark its operator CRITICAL without a reload. Saves
// screenshots under <output-dir> and prints one JSON line as its last line: {"ok": true|false, ...}.
// Exits 1 on failure.

import { chromium } from 'playwright-core';
import fs from 'node:fs/promises';
import path from 'node:path';

const started = Date.now();
const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
if (positional.length < 2) {
  console.error('usage: node dashboard.mjs <base-url> <output-dir> [--expect-alert=SUBJECT:RULE] [--operator=ID]');
  process.exit(2);
}
const BASE = positional[0].replace(/\/+$/, '');
const OUT = path.resolve(positional[1]);
const EXPECT = option('expect-alert', '');
const OPERATOR = option('operator', '');
const TOKEN = option('token', process.env.EM_API_TOKEN || '');
const NEW_ALERT_TIMEOUT = Number(option('new-alert-timeout-ms', '60000'));
const OVERALL_TIMEOUT = Number(option('timeout-ms', '110000'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const screenshots = [];
const checks = [];
let step = 'start';
let browser = null;
let page = null;

function log(text) {
  console.log(`# ${((Date.now() - started) / 1000).toFixed(1)}s ${text}`);
}

function check(name, actual, expected) {
  if (actual !== expected) {
    throw new Error(`${name}: page shows ${JSON.stringify(actual)}, API gives ${JSON.stringify(expected)}`);
  }
  checks.push(name);
}

// ---------------------------------------------------------------- the formats the page promises
// Written independently of the page's code: DSCR 0.43x, percentages 12.2%, HHI 6,932, money $8.2B,
// negatives with U+2212, missing figures as an em dash.
const MINUS = '\u2212';
const DASH = '\u2014';
const missing = (v) => v === null || v === undefined;
const sign = (neg, text) => (neg ? MINUS + text : text);
const fmt = {
  times: (x) => (missing(x) ? DASH : sign(x < 0 && Math.abs(x).toFixed(2) !== '0.00', Math.abs(x).toFixed(2) + 'x')),
  pct: (x) => (missing(x) ? DASH : sign(x < 0 && (Math.abs(x) * 100).toFixed(1) !== '0.0', (Math.abs(x) * 100).toFixed(1) + '%')),
  hhi: (x) => (missing(x) ? DASH : Math.round(x).toLocaleString('en-US')),
  mw: (s) => (missing(s) ? DASH : Number(s).toLocaleString('en-US', { maximumFractionDigits: 1 })),
  money: (s) => {
    if (missing(s)) return DASH;
    const n = Number(s);
    const a = Math.abs(n);
    const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
    for (let i = 0; i < units.length; i++) {
      const [size, unit] = units[i];
      if (a >= size) {
        let text = (a / size).toFixed(1);
        if (text === '1000.0' && i > 0) return sign(n < 0, '$' + (a / units[i - 1][0]).toFixed(1) + units[i - 1][1]);
        return sign(n < 0, '$' + text + unit);
      }
    }
    return sign(n < 0 && a >= 0.5, '$' + a.toFixed(0));
  },
  severity: (s) => ({ CRITICAL: 'Critical', WARNING: 'Warning' })[s] ?? 'No alert',
};
const RANK = { CRITICAL: 2, WARNING: 1 };

// ---------------------------------------------------------------- API access
async function api(pathname) {
  const res = await fetch(BASE + pathname, { headers: TOKEN ? { Authorization: 'Bearer ' + TOKEN } : {} });
  const body = await res.text();
  let json = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

async function apiJson(pathname) {
  const r = await api(pathname);
  if (r.status !== 200) throw new Error(`GET ${pathname} answered ${r.status}`);
  return r.json;
}

function worstOf(alerts, operatorId) {
  let w = null;
  for (const a of alerts) if ((a.operatorId ?? a.subjectId) === operatorId && (!w || RANK[a.severity] > RANK[w])) w = a.severity;
  return w;
}

/** Retries fn until it stops throwing (figures may move while the page and the API catch up). */
async function eventually(what, fn, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > until) throw new Error(`${what}: ${e.message}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

async function text(selector) {
  const el = await page.$(selector);
  if (!el) throw new Error(`nothing on the page matches ${selector}`);
  return (await el.textContent()).trim();
}

async function shot(name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  screenshots.push(file);
  log(`screenshot ${file}`);
}

// ---------------------------------------------------------------- the chain of pain, from the API
// lender → operator: the lender's outstanding at the operator (GET /lenders/{id} positions, summed per
// operator); operator → counterparty: outstanding × the counterparty's revenue share (GET /operators);
// lender → counterparty: GET /lenders/{id} indirect. Values are compared to the cent (data-value) and as shown.
function checkNear(name, shown, expected) {
  if (!(Math.abs(Number(shown) - Number(expected)) <= 0.011)) {
    throw new Error(`${name}: page shows ${shown}, API gives ${Number(expected).toFixed(2)}`);
  }
  checks.push(name);
}

/** The worst active alert of an operator (not of a counterparty or lender that has the same id). */
function operatorSeverity(active, operatorId) {
  return worstOf(active.filter((a) => (a.operatorId ?? (a.subjectType === 'OPERATOR' ? a.subjectId : null)) === operatorId), operatorId);
}

async function checkChain(p) {
  checks.length = 0;
  const [ops, active] = [await apiJson('/operators'), await apiJson('/alerts?state=active')];
  const lenders = new Set();
  const cps = new Set();
  for (const e of ops) {
    e.lenders.forEach((l) => lenders.add(l.lenderId));
    e.revenueConcentration.breakdown.forEach((b) => cps.add(b.counterpartyId));
    e.backlogConcentration.breakdown.forEach((b) => cps.add(b.counterpartyId));
    e.delinquency.forEach((d) => cps.add(d.counterpartyId));
  }
  const want = [...[...lenders].map((id) => 'lender:' + id), ...ops.map((e) => 'operator:' + e.operatorId), ...[...cps].map((id) => 'counterparty:' + id)];
  const nodes = await p.$$eval('[data-testid="chain-diagram"] a[data-node]', (els) =>
    els.map((a) => ({ key: a.dataset.node, href: a.getAttribute('href'), critical: a.dataset.critical, systemic: a.dataset.systemic, text: a.textContent })),
  );
  const shown = new Map(nodes.map((n) => [n.key, n]));
  check('nodes: every lender, operator and counterparty', [...shown.keys()].sort().join(' '), want.sort().join(' '));
  const PAGES = { lender: 'lenders', operator: 'operators', counterparty: 'counterparties' };
  for (const n of nodes) {
    const [kind, id] = n.key.split(/:(.*)/);
    check(`${n.key} links to its page`, n.href, `#/${PAGES[kind]}/${id}`);
  }

  const criticalOperators = ops.map((e) => e.operatorId).filter((id) => operatorSeverity(active, id) === 'CRITICAL').sort();
  if (criticalOperators.length === 0) throw new Error('no operator has an active CRITICAL alert: nothing to see marked');
  for (const e of ops) {
    const n = shown.get('operator:' + e.operatorId);
    const critical = criticalOperators.includes(e.operatorId);
    check(`${e.operatorId} marked critical`, n.critical, String(critical));
    check(`${e.operatorId} says "Critical alert"`, n.text.includes('Critical alert'), critical);
  }
  const systemic = [];
  for (const id of cps) {
    const c = await apiJson('/counterparties/' + id);
    if (c.systemic) systemic.push(id);
    check(`${id} marked systemic`, shown.get('counterparty:' + id).systemic, String(c.systemic));
    check(`${id} says "Systemic"`, shown.get('counterparty:' + id).text.includes('Systemic'), c.systemic);
  }
  if (systemic.length === 0) throw new Error('no counterparty is systemic: nothing to see marked');

  const row = async (table, from, to) => {
    const sel = `[data-testid="${table}"] tr[data-from="${from}"][data-to="${to}"]`;
    const el = await p.$(sel);
    if (!el) throw new Error(`no row ${sel}`);
    return { value: await el.getAttribute('data-value'), text: (await (await el.$('.v')).textContent()).trim() };
  };
  const counts = { 'chain-loans': 0, 'chain-revenue': 0, 'chain-reach': 0 };
  const lendersOf = {};
  const reached = {};
  for (const lenderId of lenders) {
    const l = await apiJson('/lenders/' + lenderId);
    const byOperator = new Map();
    for (const pos of l.positions) byOperator.set(pos.operatorId, (byOperator.get(pos.operatorId) || 0) + Number(pos.outstanding));
    for (const [operatorId, outstanding] of byOperator) {
      const r = await row('chain-loans', 'lender:' + lenderId, 'operator:' + operatorId);
      checkNear(`${lenderId} → ${operatorId} = /lenders/${lenderId} outstanding`, r.value, outstanding);
      check(`${lenderId} → ${operatorId} as shown`, r.text, fmt.money(outstanding));
      (lendersOf[operatorId] ||= []).push(lenderId);
      counts['chain-loans']++;
    }
    for (const i of l.indirect.filter((x) => Number(x.exposure) > 0)) {
      const r = await row('chain-reach', 'lender:' + lenderId, 'counterparty:' + i.counterpartyId);
      checkNear(`${i.counterpartyId} reaches ${lenderId} = /lenders/${lenderId} indirect`, r.value, i.exposure);
      check(`${i.counterpartyId} reaches ${lenderId} as shown`, r.text, fmt.money(i.exposure));
      (reached[i.counterpartyId] ||= []).push(lenderId);
      counts['chain-reach']++;
    }
  }
  for (const e of ops) {
    const debt = e.lenders.reduce((s, l) => s + Number(l.outstanding), 0);
    const shares = new Map(e.revenueConcentration.breakdown.map((b) => [b.counterpartyId, b.share ?? 0]));
    const ids = new Set([...shares.keys(), ...e.backlogConcentration.breakdown.map((b) => b.counterpartyId), ...e.delinquency.map((d) => d.counterpartyId)]);
    for (const id of ids) {
      const r = await row('chain-revenue', 'operator:' + e.operatorId, 'counterparty:' + id);
      const indirect = debt * (shares.get(id) ?? 0);
      checkNear(`${e.operatorId} → ${id} = outstanding × revenue share`, r.value, indirect);
      check(`${e.operatorId} → ${id} as shown`, r.text, fmt.money(indirect));
      counts['chain-revenue']++;
    }
  }
  for (const [table, n] of Object.entries(counts)) {
    check(`${table} rows`, (await p.$$(`[data-testid="${table}"] tbody tr`)).length, n);
  }
  // The bands are drawn to one scale: width / value is the same for every band wide enough to measure.
  const bands = await p.$$eval('[data-testid="chain-diagram"] path.link', (els) => els.map((el) => ({ key: el.dataset.link, width: Number(el.getAttribute('stroke-width')) })));
  const values = new Map(
    await p.$$eval('[data-testid^="chain-"] tr[data-from]', (rows) => rows.map((r) => [`${r.dataset.from}>${r.dataset.to}`, Number(r.dataset.value)])),
  );
  const wide = bands.filter((b) => b.width >= 4);
  const scale = Math.max(...wide.map((b) => b.width / values.get(b.key)));
  for (const b of wide) check(`band ${b.key} to scale`, Math.abs(b.width / values.get(b.key) / scale - 1) < 0.05, true);
  check('one band per link', bands.length, counts['chain-loans'] + counts['chain-revenue']);

  Object.values(lendersOf).forEach((l) => l.sort());
  const traced = systemic.map((id) => ({ id, lenders: (reached[id] || []).sort() })).sort((a, b) => b.lenders.length - a.lenders.length)[0];
  return {
    lenders: lenders.size,
    operators: ops.length,
    counterparties: cps.size,
    systemic: systemic.sort(),
    criticalOperators,
    links: counts['chain-loans'] + counts['chain-revenue'],
    lendersOf,
    traced,
  };
}

async function litLenders(p) {
  return p.$$eval('[data-testid="chain-diagram"] svg.has-focus [data-node^="lender:"].on', (els) => els.map((a) => a.dataset.node.slice(7)).sort());
}

// ---------------------------------------------------------------- the test
async function run() {
  await fs.mkdir(OUT, { recursive: true });
  step = 'launch chromium';
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  if (TOKEN) {
    await context.addInitScript((t) => sessionStorage.setItem('exposure-monitor.api-token', t), TOKEN);
  }
  page = await context.newPage();
  page.setDefaultTimeout(20000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // ------------------------------------------------------------ overview
  step = 'open the overview';
  await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#live-status[data-state="live"]');
  log('both live streams connected');
  const operators = await apiJson('/operators');
  if (operators.length === 0) throw new Error('GET /operators is empty: nothing to check');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="overview-table"] tbody tr[data-operator-id]').length === n,
    operators.length,
  );

  step = 'overview figures match GET /operators';
  await eventually(step, async () => {
    checks.length = 0;
    const ops = await apiJson('/operators');
    const active = await apiJson('/alerts?state=active');
    for (const e of ops) {
      const row = `[data-testid="overview-table"] tr[data-operator-id="${e.operatorId}"]`;
      check(`${e.operatorId} DSCR`, await text(`${row} [data-col="dscr"] .v`), fmt.times(e.dscr));
      check(`${e.operatorId} net margin`, await text(`${row} [data-col="netMargin"] .v`), fmt.pct(e.netMargin));
      check(`${e.operatorId} top-1 share`, await text(`${row} [data-col="top1Share"] .v`), fmt.pct(e.revenueConcentration.top1Share));
      check(`${e.operatorId} HHI`, await text(`${row} [data-col="hhi"] .v`), fmt.hhi(e.revenueConcentration.hhi));
      check(`${e.operatorId} idle MW`, await text(`${row} [data-col="idleMw"] .v`), fmt.mw(e.idleMw));
      check(`${e.operatorId} revenue`, await text(`${row} [data-col="revenue"] .v`), fmt.money(e.revenue));
      check(`${e.operatorId} worst alert`, await text(`${row} [data-col="severity"] .v`), fmt.severity(worstOf(active, e.operatorId)));
    }
  });
  log(`overview: ${checks.length} figures of ${operators.length} operators match the API`);

  // ------------------------------------------------------------ contagion: the ranking, then the panel
  step = 'overview contagion ranking matches GET /contagion';
  const RANKING = '[data-testid="contagion-table-overview"]';
  const ranking = await eventually(step, async () => {
    const list = (await apiJson('/contagion')).filter((c) => (c.breachingWithout || []).length > 0);
    if (list.length === 0) throw new Error('no counterparty\'s default would put an operator below 1.00x: nothing ranked');
    const shown = await page.$$eval(`${RANKING} tbody tr`, (rows) => rows.map((r) => r.dataset.counterpartyId));
    check('contagion ranking, largest debt at risk first', shown.join(' '), list.map((c) => c.counterpartyId).join(' '));
    for (const c of list) {
      check(`${c.counterpartyId} debt at risk`, await text(`${RANKING} tr[data-counterparty-id="${c.counterpartyId}"] [data-col="debtAtRisk"]`), fmt.money(c.debtAtRisk));
    }
    return list;
  });
  log(`contagion ranking: ${ranking.length} counterparties whose default would breach an operator, in GET /contagion's order`);

  step = 'contagion panel of the top-ranked counterparty';
  const worstCp = ranking[0];
  await page.click(`${RANKING} tr[data-counterparty-id="${worstCp.counterpartyId}"] th a`);
  const PANEL = `[data-testid="counterparty-page"][data-id="${worstCp.counterpartyId}"][data-status="ok"] [data-testid="contagion-panel"]`;
  await page.waitForSelector(PANEL);
  await eventually(step, async () => {
    const c = await apiJson('/counterparties/' + worstCp.counterpartyId);
    check('newly breaching', await page.getAttribute(PANEL, 'data-newly'), String(c.newlyBreaching.length));
    check('breaching without', await page.getAttribute(PANEL, 'data-breaching'), String(c.breachingWithout.length));
    check('debt at risk', await text(`${PANEL} [data-kpi="debtAtRisk"] .v`), fmt.money(c.debtAtRisk));
    const paid = c.dependents.filter((d) => d.outstanding !== null && d.outstanding !== undefined);
    check('contagion rows', (await page.$$(`${PANEL} [data-testid="contagion-table"] tbody tr`)).length, paid.length);
    for (const d of paid) {
      const row = `${PANEL} [data-testid="contagion-table"] tr[data-operator-id="${d.operatorId}"]`;
      check(`${d.operatorId} DSCR today`, await text(`${row} [data-col="dscr"] .v`), fmt.times(d.dscr));
      check(`${d.operatorId} DSCR without`, await text(`${row} [data-col="dscrWithout"] .v`), fmt.times(d.dscrWithout));
      check(`${d.operatorId} outcome`, (await text(`${row} [data-col="outcome"]`)).includes('Would breach'), c.newlyBreaching.includes(d.operatorId));
    }
    check('lenders reached', (await page.$$(`${PANEL} [data-testid="contagion-lenders"] tbody tr`)).length, c.lendersAtRisk.length);
  });
  log(`contagion panel of ${worstCp.counterpartyId} matches GET /counterparties/${worstCp.counterpartyId}`);
  await shot('contagion.png');
  await page.goBack();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="overview-table"] tbody tr[data-operator-id]').length === n,
    operators.length,
  );

  step = 'overview sorts by DSCR with mouse and keyboard';
  await page.click('button[data-sort="dscr"]');
  const dscrOrder = async () =>
    page.$$eval('[data-testid="overview-table"] tbody tr[data-operator-id]', (rows) => rows.map((r) => r.dataset.operatorId));
  const byDscr = [...operators].filter((e) => e.dscr !== null).sort((a, b) => a.dscr - b.dscr).map((e) => e.operatorId);
  const ascending = (await dscrOrder()).slice(0, byDscr.length);
  check('sorted by DSCR, ascending', ascending.join(','), byDscr.join(','));
  check('aria-sort', await page.getAttribute('th[data-col="dscr"]', 'aria-sort'), 'ascending');
  await page.focus('button[data-sort="dscr"]');
  await page.keyboard.press('Enter');
  check('aria-sort after Enter', await page.getAttribute('th[data-col="dscr"]', 'aria-sort'), 'descending');
  await page.click('button[data-sort="severity"]'); // back to most severe first
  await eventually('overview by severity, the weakest cover first within a severity', async () => {
    const [ops, activeNow] = [await apiJson('/operators'), await apiJson('/alerts?state=active')];
    const rank = (id) => RANK[worstOf(activeNow, id)] ?? 0;
    const want = [...ops]
      .sort((a, b) => rank(b.operatorId) - rank(a.operatorId) || (a.dscr ?? Infinity) - (b.dscr ?? Infinity) || a.operatorId.localeCompare(b.operatorId))
      .map((e) => e.operatorId);
    check('severity order, weakest cover first, no DSCR last', (await dscrOrder()).join(','), want.join(','));
  });
  await shot('overview.png');

  // ------------------------------------------------------------ operator page
  step = 'operator page';
  const active0 = await apiJson('/alerts?state=active');
  const target =
    OPERATOR ||
    [...operators].sort(
      (a, b) =>
        active0.filter((x) => x.operatorId === b.operatorId).length - active0.filter((x) => x.operatorId === a.operatorId).length ||
        (b.delinquency?.length ?? 0) - (a.delinquency?.length ?? 0),
    )[0].operatorId;
  await page.click(`[data-testid="overview-table"] tr[data-operator-id="${target}"] th a`);
  await page.waitForSelector(`[data-testid="operator-page"][data-operator-id="${target}"] [data-kpi="dscr"] .v`);
  step = `operator page figures match GET /operators/${target}`;
  await eventually(step, async () => {
    checks.length = 0;
    const e = await apiJson('/operators/' + target);
    const kpi = (k) => text(`[data-kpi="${k}"] .v`);
    check('DSCR', await kpi('dscr'), fmt.times(e.dscr));
    check('net margin', await kpi('netMargin'), fmt.pct(e.netMargin));
    check('EBITDA margin', await kpi('ebitdaMargin'), fmt.pct(e.ebitdaMargin));
    check('revenue', await kpi('revenue'), fmt.money(e.revenue));
    check('debt service', await kpi('debtService'), fmt.money(e.debtService) + '/yr');
    check('revenue at risk', await kpi('revenueAtRisk'), fmt.pct(e.revenueAtRisk));
    check('run-rate gap', await kpi('runRateGap'), fmt.times(e.runRateGap));
    check('idle MW', await kpi('idleMw'), fmt.mw(e.idleMw) + ' MW');
    for (const s of e.stress) {
      check(`stress ${s.scenario} DSCR`, await text(`[data-scenario="${s.scenario}"] [data-col="dscr"] .v`), fmt.times(s.dscr));
      check(`stress ${s.scenario} net margin`, await text(`[data-scenario="${s.scenario}"] [data-col="netMargin"] .v`), fmt.pct(s.netMargin));
    }
    for (const b of e.revenueConcentration.breakdown) {
      check(`revenue share of ${b.counterpartyId}`, await text(`[data-testid="revenue-bars"] tr[data-counterparty-id="${b.counterpartyId}"] .v`), fmt.pct(b.share));
    }
    check('revenue bars', (await page.$$('[data-testid="revenue-bars"] tbody tr')).length, e.revenueConcentration.breakdown.length);
    for (const d of e.delinquency) {
      const row = `[data-testid="overdue-table"] tr[data-counterparty-id="${d.counterpartyId}"]`;
      check(`overdue of ${d.counterpartyId}`, await text(`${row} [data-col="overdueAmount"] .v`), fmt.money(d.overdueAmount));
      check(`days past due of ${d.counterpartyId}`, await text(`${row} [data-col="days"] .v`), `${d.oldestDaysPastDue} days`);
      check(`link to ${d.counterpartyId}`, await page.getAttribute(`${row} th a`, 'href'), `#/counterparties/${d.counterpartyId}`);
    }
    const activeNow = (await apiJson('/alerts?state=active')).filter((a) => a.operatorId === target);
    for (const a of activeNow) {
      if (!(await page.$(`#op-timeline li[data-alert-id="${a.alertId}"].is-active`))) throw new Error(`alert ${a.alertId} missing from the timeline`);
    }
    checks.push(`${activeNow.length} active alerts in the timeline`);
    if (!(await page.$('#op-dscr svg[role="img"]')) || !(await page.$('#op-margins svg[role="img"]'))) throw new Error('no history charts');
    if (!(await page.$('#op-stress svg[role="img"]'))) throw new Error('no stress chart');
    for (const c of e.depreciationSensitivity) {
      const row = `[data-testid="depreciation-table"] tr[data-life="${c.usefulLifeYears}"]`;
      check(`net margin at ${c.usefulLifeYears} years`, await text(`${row} [data-col="netMargin"] .v`), fmt.pct(c.netMargin));
      check(`gross margin at ${c.usefulLifeYears} years`, await text(`${row} [data-col="grossMargin"] .v`), fmt.pct(c.grossMargin));
    }
    check('depreciation rows', (await page.$$('[data-testid="depreciation-table"] tbody tr')).length, 1 + e.depreciationSensitivity.length);
  });
  log(`operator ${target}: ${checks.length} checks match the API`);
  await shot('operator.png');

  // ------------------------------------------------------------ counterparty and lender pages
  const e = await apiJson('/operators/' + target);
  const views = {};
  for (const [kind, id, selector] of [
    ['counterparty', e.revenueConcentration.breakdown[0]?.counterpartyId, '[data-testid="revenue-bars"] tbody tr th a'],
    ['lender', e.lenders[0]?.lenderId, '[data-testid="lenders-table"] tbody tr th a'],
  ]) {
    if (!id) continue;
    step = `${kind} page of ${id}`;
    await page.click(selector); // the first link: the largest counterparty, the largest lender
    await page.waitForSelector(`[data-testid="${kind}-page"][data-id="${id}"][data-status]:not([data-status="loading"])`);
    const endpoint = (kind === 'lender' ? '/lenders/' : '/counterparties/') + id;
    const answer = await api(endpoint);
    const shown = await page.getAttribute(`[data-testid="${kind}-page"]`, 'data-status');
    if (answer.status === 503) {
      check(`${kind} page on 503`, shown, 'unavailable');
      check(`${kind} "not available yet" message`, (await text('[data-testid="not-available"] h2')).endsWith('not available yet'), true);
    } else if (answer.status === 200) {
      await page.waitForSelector(`[data-testid="${kind}-page"][data-status="ok"]`);
      if (kind === 'counterparty') {
        check('dependents', (await page.$$('[data-testid="dependents-table"] tbody tr')).length, answer.json.dependents.length);
      } else {
        check('positions', (await page.$$('[data-testid="positions-table"] tbody tr')).length, answer.json.positions.length);
        check('indirect exposure bars', (await page.$$('[data-testid="indirect-bars"] tbody tr')).length, answer.json.indirect.length);
      }
    } else {
      throw new Error(`GET ${endpoint} answered ${answer.status}`);
    }
    views[kind] = { id, status: answer.status };
    await shot(`${kind}.png`);
    await page.goBack();
    await page.waitForSelector(`[data-testid="operator-page"][data-operator-id="${target}"] [data-kpi="dscr"] .v`);
  }

  // ------------------------------------------------------------ chain of pain
  step = 'chain of pain page';
  await page.click('a[data-nav="chain"]');
  await page.waitForSelector('[data-testid="chain-diagram"] svg a[data-node]');
  const chain = await eventually('chain of pain matches GET /operators, /lenders/{id} and /counterparties/{id}', () => checkChain(page));
  log(`chain of pain: ${checks.length} checks match the API`);

  step = 'chain of pain: pointing at a systemic counterparty traces the lenders it reaches';
  const cp = chain.traced;
  await page.hover(`[data-node="counterparty:${cp.id}"] .bar`);
  check(`lenders lit for ${cp.id}`, (await litLenders(page)).join(' '), cp.lenders.join(' '));
  for (const l of cp.lenders) {
    if (!(await text('[data-testid="chain-focus"]')).includes(l)) throw new Error(`the caption does not name ${l}`);
  }
  // Contagion: the operators that would breach without it, and the lenders with money at them, are marked.
  const cpView = await apiJson('/counterparties/' + cp.id);
  const marked = async (cls) => (await page.$$eval(`[data-testid="chain-diagram"] .node.${cls}`, (els) => els.map((e) => e.dataset.node.split(':')[1]))).sort().join(' ');
  await eventually(`contagion of ${cp.id} marked`, async () => {
    await page.mouse.move(5, 5);
    await page.hover(`[data-node="counterparty:${cp.id}"] .bar`);
    check(`would breach without ${cp.id}`, await marked('would-breach'), [...cpView.breachingWithout].sort().join(' '));
    check(`lenders hit by ${cp.id}`, await marked('hit'), cpView.lendersAtRisk.map((l) => l.lenderId).sort().join(' '));
  });
  await page.mouse.move(5, 5);
  check('nothing lit once the pointer leaves', await page.$eval('[data-testid="chain-diagram"] svg', (s) => s.classList.contains('has-focus')), false);

  step = 'chain of pain: keyboard focus traces an operator, Tab moves on, Enter opens the page';
  const op = chain.criticalOperators[0];
  await page.focus(`[data-node="operator:${op}"]`);
  check(`lenders lit for ${op}`, (await litLenders(page)).join(' '), chain.lendersOf[op].join(' '));
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.dataset?.node ?? null);
  if (!next || next === `operator:${op}`) throw new Error(`Tab from ${op} did not reach another node (${next})`);
  await page.focus(`[data-node="operator:${op}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-testid="operator-page"][data-operator-id="${op}"]`);
  await page.goBack();
  await page.waitForSelector('[data-testid="chain-diagram"] svg a[data-node]');
  await page.mouse.move(5, 5);
  await shot('chain-of-pain.png');

  // A second tab keeps the page open while the new alert arrives: it must mark the operator without a reload.
  step = 'chain of pain page open in a second tab';
  const chainTab = await context.newPage();
  chainTab.on('pageerror', (e) => pageErrors.push(e.message));
  await chainTab.goto(BASE + '/#/chain', { waitUntil: 'domcontentloaded' });
  await chainTab.waitForSelector('[data-testid="chain-diagram"] svg a[data-node]');
  await chainTab.evaluate(() => (window.openedOnce = true));

  // ------------------------------------------------------------ alerts page, then a new alert arrives live
  step = 'alerts page';
  await page.click('a[data-nav="alerts"]');
  await page.waitForSelector('[data-testid="alerts-page"]');
  const before = await eventually('alerts page lists GET /alerts?state=active', async () => {
    const active = await apiJson('/alerts?state=active');
    const ids = await page.$$eval('[data-testid="alerts-table"] tbody tr[data-alert-id]', (rows) => rows.map((r) => r.dataset.alertId));
    check('active alerts listed', [...ids].sort().join(' '), active.map((a) => a.alertId).sort().join(' '));
    return active;
  });
  await page.selectOption('select[name="severity"]', 'CRITICAL');
  await eventually('severity filter', async () => {
    const sev = await page.$$eval('[data-testid="alerts-table"] tbody tr[data-alert-id]', (rows) => rows.map((r) => r.dataset.severity));
    check('critical rows', sev.length, before.filter((a) => a.severity === 'CRITICAL').length);
    check('only critical rows', sev.every((s) => s === 'CRITICAL'), true);
  });
  const someRule = before[0]?.rule;
  if (someRule) {
    await page.selectOption('select[name="severity"]', '');
    await page.selectOption('select[name="rule"]', someRule);
    await eventually('rule filter', async () => {
      const rules = await page.$$eval('[data-testid="alerts-table"] tbody tr[data-alert-id]', (rows) => rows.map((r) => r.dataset.rule));
      check(`${someRule} rows`, rules.length, before.filter((a) => a.rule === someRule).length);
    });
  }
  await page.click('button[type="reset"]');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="alerts-table"] tbody tr[data-alert-id]').length === n,
    before.length,
  );
  const known = await page.$$eval('[data-testid="alerts-table"] tbody tr[data-alert-id]', (rows) => rows.map((r) => r.dataset.alertId));

  step = 'a new alert appears live';
  const [expectSubject, expectRule] = EXPECT ? EXPECT.split(':') : ['', ''];
  console.log('PAGE_READY');
  const handle = await page.waitForFunction(
    ({ known, subject, rule }) => {
      const rows = [...document.querySelectorAll('[data-testid="alerts-table"] tbody tr[data-alert-id]')];
      const hit = rows.find(
        (r) => !known.includes(r.dataset.alertId) && (!subject || r.dataset.subject === subject) && (!rule || r.dataset.rule === rule),
      );
      return hit ? { alertId: hit.dataset.alertId, severity: hit.dataset.severity, rule: hit.dataset.rule, subject: hit.dataset.subject, fresh: hit.classList.contains('is-fresh'), text: hit.innerText } : null;
    },
    { known, subject: expectSubject, rule: expectRule },
    { timeout: NEW_ALERT_TIMEOUT, polling: 100 },
  );
  const fresh = await handle.jsonValue();
  log(`new alert on the page: ${fresh.alertId} (${fresh.severity})`);
  check('new alert marked as new', fresh.fresh, true);
  const liveLog = await page.$(`#al-live li[data-alert-id="${fresh.alertId}"]`);
  if (!liveLog) throw new Error('the new alert is not in the live changes list');
  const served = await eventually('the new alert is served by GET /alerts?state=active', async () => {
    const a = (await apiJson('/alerts?state=active')).find((x) => x.alertId === fresh.alertId);
    if (!a) throw new Error(`${fresh.alertId} not active in the API`);
    return a;
  });
  check('new alert severity', fresh.severity, served.severity);
  await page.waitForTimeout(400); // let any other change of the same event arrive before the picture
  await shot('alerts.png');

  step = 'the open chain of pain page marks the operator live';
  let liveCritical = null;
  if (served.operatorId && served.severity === 'CRITICAL') {
    const node = `[data-testid="chain-diagram"] [data-node="operator:${served.operatorId}"]`;
    await chainTab.waitForSelector(`${node}[data-critical="true"]`, { timeout: 15000 });
    check('chain tab not reloaded', await chainTab.evaluate(() => window.openedOnce === true), true);
    liveCritical = served.operatorId;
    await chainTab.mouse.move(5, 5);
    await chainTab.screenshot({ path: path.join(OUT, 'chain-of-pain-live.png'), fullPage: true, animations: 'disabled' });
    screenshots.push(path.join(OUT, 'chain-of-pain-live.png'));
  }
  await chainTab.close();

  step = 'overview reflects the new alert';
  await page.click('a[data-nav="overview"]');
  await page.waitForSelector('[data-testid="overview-table"] tbody tr[data-operator-id]');
  if (served.operatorId) {
    await eventually(step, async () => {
      const active = await apiJson('/alerts?state=active');
      check(
        `${served.operatorId} worst alert`,
        await text(`[data-testid="overview-table"] tr[data-operator-id="${served.operatorId}"] [data-col="severity"] .v`),
        fmt.severity(worstOf(active, served.operatorId)),
      );
    });
  }
  // ------------------------------------------------------------ history and "as of", in a freshly opened tab
  const historyOf = served.operatorId || target;
  step = `operator ${historyOf} opened fresh shows its published history`;
  const fresh2 = await context.newPage();
  fresh2.on('pageerror', (e) => pageErrors.push(e.message));
  const published = (await apiJson(`/operators/${historyOf}/history?fields=dscr`)).points;
  if (published.length < 2) throw new Error(`${historyOf} has ${published.length} published exposures; the test needs two`);
  await fresh2.goto(BASE + '/#/operators/' + historyOf, { waitUntil: 'domcontentloaded' });
  await fresh2.waitForFunction((id) => window.exposureDashboard.historyLoaded(id), historyOf, { timeout: 15000 });
  const history = await fresh2.evaluate((id) => window.exposureDashboard.historyLength(id), historyOf);
  check('points right after opening', history >= published.length, true);
  for (const chart of ['#op-margins', '#op-dscr']) {
    const note = await fresh2.textContent(`${chart} .chart-note`);
    check(`${chart} shows more than one point`, Number(note.split(' ')[0]) > 1, true);
    check(`${chart} is a chart`, !!(await fresh2.$(`${chart} svg[role="img"]`)), true);
  }
  await fresh2.screenshot({ path: path.join(OUT, 'operator-history.png'), fullPage: true, animations: 'disabled' });
  screenshots.push(path.join(OUT, 'operator-history.png'));

  step = 'the as-of picker shows the exposure of a past day';
  const day = published[0].asOf.slice(0, 10);
  const then = await apiJson(`/operators/${historyOf}?asOf=${day}T23:59:59.999Z`);
  await fresh2.fill('[data-testid="asof-picker"]', day);
  await fresh2.dispatchEvent('[data-testid="asof-picker"]', 'change');
  await fresh2.waitForSelector(`[data-testid="operator-page"][data-as-of="${then.asOf}"]`, { timeout: 15000 });
  check('DSCR as of ' + day, await fresh2.textContent('[data-kpi="dscr"] .v'), fmt.times(then.dscr));
  check('as-of note', (await fresh2.textContent('#op-asof-note')).includes(day), true);
  await fresh2.screenshot({ path: path.join(OUT, 'operator-as-of.png'), fullPage: true, animations: 'disabled' });
  screenshots.push(path.join(OUT, 'operator-as-of.png'));
  await fresh2.click('#op-asof-live');
  await fresh2.waitForSelector('[data-testid="operator-page"][data-as-of="live"]');
  await fresh2.close();

  if (pageErrors.length) throw new Error('JavaScript errors on the page: ' + pageErrors.join(' | '));
  return {
    history: { operator: historyOf, published: published.length, shown: history, asOfDay: day },
    operators: operators.length,
    operator: target,
    views,
    chain: { lenders: chain.lenders, operators: chain.operators, counterparties: chain.counterparties, systemic: chain.systemic, critical: chain.criticalOperators, links: chain.links, liveCritical },
    newAlert: { alertId: fresh.alertId, severity: fresh.severity, rule: fresh.rule, subject: fresh.subject },
  };
}

const overall = setTimeout(() => finish({ ok: false, step, error: `did not finish within ${OVERALL_TIMEOUT} ms` }, 1), OVERALL_TIMEOUT);

async function finish(result, code) {
  clearTimeout(overall);
  if (code !== 0 && page) {
    try {
      const file = path.join(OUT, 'failure.png');
      await page.screenshot({ path: file, fullPage: true });
      result.failureScreenshot = file;
    } catch {
      // the page is gone
    }
  }
  try {
    if (browser) await browser.close();
  } catch {
    // already closed
  }
  result.screenshots = screenshots;
  result.seconds = Number(((Date.now() - started) / 1000).toFixed(1));
  console.log(JSON.stringify(result));
  process.exit(code);
}

try {
  const result = await run();
  await finish({ ok: true, ...result }, 0);
} catch (e) {
  await finish({ ok: false, step, error: e && e.message ? e.message.split('\n')[0] : String(e) }, 1);
}
