// Display formatting. Money arrives as JSON strings with exact digits; it is shown compact ($8.2B) with the
// exact amount in a tooltip. Ratios are shown as percentages (12.2%), cover ratios with an "x" (0.43x).
// Negative numbers use the typographic minus sign (U+2212). Missing figures show an em dash.

export const DASH = '\u2014';
export const MINUS = '\u2212';

const UNITS = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function signed(text, negative) {
  return negative ? MINUS + text : text;
}

function isMissing(v) {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));
}

/** "8180000000.03" -> "$8.2B"; "-189500000" -> "−$189.5M"; under $1K: whole dollars. */
export function money(value) {
  if (isMissing(value)) return DASH;
  const n = Number(value);
  if (!Number.isFinite(n)) return DASH;
  const abs = Math.abs(n);
  for (const [size, unit] of UNITS) {
    if (abs >= size) {
      const scaled = (abs / size).toFixed(1);
      // 999.96M rounds to 1000.0M: promote to the next unit
      if (scaled === '1000.0' && unit !== 'T') {
        const bigger = UNITS[UNITS.findIndex((u) => u[1] === unit) - 1];
        return signed('$' + (abs / bigger[0]).toFixed(1) + bigger[1], n < 0);
      }
      return signed('$' + scaled + unit, n < 0);
    }
  }
  return signed('$' + abs.toFixed(0), n < 0 && abs >= 0.5);
}

/** Exact digits with thousands separators: "8180000000.03" -> "$8,180,000,000.03". */
export function moneyExact(value) {
  if (isMissing(value)) return DASH;
  let s = String(value).trim();
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  const [whole, frac] = s.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return signed('$' + grouped + (frac !== undefined ? '.' + frac : ''), negative);
}

/** 0.12206 -> "12.2%". */
export function pct(ratio, digits = 1) {
  if (isMissing(ratio)) return DASH;
  const text = (Math.abs(ratio) * 100).toFixed(digits);
  const zero = Number(text) === 0;
  return signed(text + '%', ratio < 0 && !zero);
}

/** Cover ratio: 0.4318 -> "0.43x". */
export function times(ratio, digits = 2) {
  if (isMissing(ratio)) return DASH;
  const text = Math.abs(ratio).toFixed(digits);
  return signed(text + 'x', ratio < 0 && Number(text) !== 0);
}

/** Herfindahl-Hirschman index, 0..10,000: 6931.7 -> "6,932". */
export function hhi(value) {
  if (isMissing(value)) return DASH;
  return Math.round(value).toLocaleString('en-US');
}

/** Megawatts from a decimal string: "100.000" -> "100", "52.500" -> "52.5". */
export function mw(value) {
  if (isMissing(value)) return DASH;
  const n = Number(value);
  if (!Number.isFinite(n)) return DASH;
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export function integer(value) {
  if (isMissing(value)) return DASH;
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export function years(value) {
  if (isMissing(value)) return DASH;
  return value.toFixed(1) + ' yrs';
}

/** ISO instant -> "2026-10-28 12:00 UTC". */
export function instant(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** ISO instant -> "2026-10-28". */
export function day(iso) {
  if (!iso) return DASH;
  return String(iso).slice(0, 10);
}

/** Local wall-clock time of a Date, for "received at" stamps. */
export function clock(date) {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

export const RULE_LABELS = {
  DSCR_LOW: 'DSCR low',
  NET_MARGIN_NEGATIVE: 'Net margin negative',
  CONCENTRATION: 'Revenue concentration',
  PAYMENT_DELINQUENT: 'Payment delinquent',
  REVENUE_AT_RISK: 'Revenue at risk',
  STRESS_BREACH: 'Stress breach',
  RUN_RATE_GAP: 'Run-rate gap',
  IDLE_CAPACITY: 'Idle capacity',
  SYSTEMIC_COUNTERPARTY: 'Systemic counterparty',
  COUNTERPARTY_CONTAGION: 'Counterparty contagion',
  LENDER_INDIRECT_CONCENTRATION: 'Lender indirect concentration',
};

export function ruleLabel(rule) {
  return RULE_LABELS[rule] ?? String(rule).toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const SCENARIO_LABELS = {
  SPEND_DOWN_25: 'Spend down 25%',
  TOP_CUSTOMER_PAUSE_2Q: 'Top customer pauses 2Q',
  RATES_UP_200: 'Rates +200 bp',
  UTILIZATION_DOWN_20: 'Utilization down 20%',
};

export function scenarioLabel(s) {
  return SCENARIO_LABELS[s] ?? String(s);
}

export const INSTRUMENT_LABELS = {
  BOND: 'Bond',
  TERM_LOAN: 'Term loan',
  REVOLVER: 'Revolver',
  GPU_BACKED_LOAN: 'GPU-backed loan',
  FINANCE_LEASE: 'Finance lease',
  OPERATING_LEASE: 'Operating lease',
  VENDOR_FINANCING: 'Vendor financing',
};

export function instrumentLabel(i) {
  return INSTRUMENT_LABELS[i] ?? String(i);
}

/** An alert's figure in the unit of its rule. */
export function alertFigure(rule, value) {
  if (isMissing(value)) return DASH;
  switch (rule) {
    case 'DSCR_LOW':
    case 'RUN_RATE_GAP':
      return times(value);
    case 'PAYMENT_DELINQUENT':
      return integer(value) + ' days';
    case 'STRESS_BREACH':
      return integer(value) + (Number(value) === 1 ? ' scenario' : ' scenarios');
    case 'SYSTEMIC_COUNTERPARTY':
      return integer(value);
    case 'COUNTERPARTY_CONTAGION':
      return integer(value) + (Number(value) === 1 ? ' operator' : ' operators');
    case 'NET_MARGIN_NEGATIVE':
    case 'CONCENTRATION':
    case 'REVENUE_AT_RISK':
    case 'IDLE_CAPACITY':
    case 'LENDER_INDIRECT_CONCENTRATION':
      return pct(value);
    default:
      return String(Math.round(value * 1000) / 1000);
  }
}

/** Whether a rule fires below its threshold (else at or above). */
export function firesBelow(rule) {
  return rule === 'DSCR_LOW' || rule === 'NET_MARGIN_NEGATIVE';
}

export function transitionLabel(t) {
  return { RAISED: 'Raised', ESCALATED: 'Escalated', DEESCALATED: 'De-escalated', RESOLVED: 'Resolved' }[t] ?? t;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for templates. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
