// HTTP access to the monitor's API: JSON queries and Server-Sent Event streams, both with the optional
// bearer token. EventSource cannot send an Authorization header, so streams are read with fetch() and a
// ReadableStream instead, which works the same with or without a token.

const TOKEN_KEY = 'exposure-monitor.api-token';
const authListeners = new Set();

export class HttpError extends Error {
  constructor(status, message, retryAfter) {
    super(message || 'HTTP ' + status);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export class AuthRequired extends HttpError {
  constructor() {
    super(401, 'missing or invalid bearer token');
  }
}

/** The token of this tab (session storage only: it is not kept after the tab closes). */
export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return memoryToken;
  }
}

let memoryToken = '';

export function setToken(value) {
  memoryToken = value || '';
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: keep it in memory
  }
}

/** Called whenever the API answers 401. */
export function onAuthRequired(listener) {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

function headers(accept) {
  const h = { Accept: accept };
  const t = token();
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

function authFailed() {
  authListeners.forEach((l) => l());
}

/** GET a JSON document; throws AuthRequired on 401 and HttpError on any other non-2xx answer. */
export async function getJson(path, { signal } = {}) {
  const res = await fetch(path, { headers: headers('application/json'), cache: 'no-store', signal });
  if (res.status === 401) {
    authFailed();
    throw new AuthRequired();
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('Retry-After'));
    throw new HttpError(res.status, body && body.error ? body.error : res.statusText, Number.isFinite(retry) ? retry : null);
  }
  return body;
}

/**
 * Reads an SSE stream for as long as it is open, reconnecting with backoff (1 s doubling to 15 s).
 * onOpen() runs on every (re)connection, onEvent(name, data, id) per frame (data is parsed JSON),
 * onState('connecting' | 'live' | 'retrying' | 'unauthorized', detail) on every change.
 * Returns {close()}.
 */
export function openStream(path, { onOpen, onEvent, onState }) {
  let closed = false;
  let controller = null;
  let delay = 1000;
  let wake = null;

  const sleep = (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function run() {
    while (!closed) {
      controller = new AbortController();
      onState('connecting');
      try {
        const res = await fetch(path, {
          headers: headers('text/event-stream'),
          cache: 'no-store',
          signal: controller.signal,
        });
        if (res.status === 401) {
          onState('unauthorized');
          authFailed();
          await sleep(60_000); // a new token restarts the streams; until then, stay quiet
          continue;
        }
        if (!res.ok || !res.body) {
          throw new HttpError(res.status, 'stream answered ' + res.status);
        }
        delay = 1000;
        onState('live');
        onOpen && onOpen();
        await readFrames(res.body, onEvent);
        if (!closed) onState('retrying', 'stream ended');
      } catch (e) {
        if (closed) return;
        onState('retrying', e && e.message ? e.message : String(e));
      }
      if (closed) return;
      await sleep(delay);
      delay = Math.min(delay * 2, 15_000);
    }
  }

  run();
  return {
    close() {
      closed = true;
      if (controller) controller.abort();
      if (wake) wake();
    },
    /** Reconnects now (e.g. after a new token was entered). */
    restart() {
      delay = 1000;
      if (controller) controller.abort();
      if (wake) wake();
    },
  };
}

async function readFrames(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let match;
    while ((match = /\r?\n\r?\n/.exec(buffer)) !== null) {
      const raw = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      dispatch(raw, onEvent);
    }
  }
}

function dispatch(raw, onEvent) {
  let event = 'message';
  let id = null;
  const data = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue; // comment: ": connected", ": keep-alive"
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  if (data.length === 0) return;
  let parsed;
  try {
    parsed = JSON.parse(data.join('\n'));
  } catch {
    return;
  }
  onEvent(event, parsed, id);
}
