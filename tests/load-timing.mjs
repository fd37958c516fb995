// Where a first load's time goes: a built site and the bare Leptos reference
// loaded in turn (one warm-up round dropped), medians of resource and
// navigation timing. docs/size.md ("Code splitting") quotes its figures.
//
//   node tests/load-timing.mjs <site-dist> <reference-dist> [rounds] [--gzip] [--throttle MBIT,LATENCY_MS]
//     [--query QUERY] [--own]
//
// --gzip serves every file gzip-compressed (as a real host does); --throttle
// emulates a network in Chromium (download and upload at MBIT Mbit/s, LATENCY_MS
// of latency); --query opens the site at `?QUERY` (a link); --own times the
// explorer's own diagram (its `<svg>` without `data-adopted`) rather than its
// controls going live. Prints, per page, the median and every run of: the
// wasm's request, first and last byte (the main module), the first diagram or
// paint, and (the site) the explorer interactive (`.app[data-live]` with a
// diagram; with --own, its own diagram).
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { CHROMIUM } from './serve.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  const alone = name === '--gzip' || name === '--own';
  return i < 0 ? undefined : args.splice(i, alone ? 1 : 2)[alone ? 0 : 1];
};
const gzip = flag('--gzip') !== undefined;
const own = flag('--own') !== undefined;
const query = flag('--query');
const throttle = flag('--throttle')?.split(',').map(Number);
const [siteDir, refDir, rounds = '9'] = args;
if (!siteDir || !refDir) {
  console.error('usage: node tests/load-timing.mjs <site-dist> <reference-dist> [rounds] [--gzip] [--throttle MBIT,LATENCY_MS]');
  process.exit(2);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
/** Serves `dir` at `/`, gzip-compressed with --gzip. */
function serveDir(dir) {
  const cache = new Map();
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) return res.writeHead(403).end();
    try {
      if (!cache.has(file)) {
        const body = await readFile(file);
        cache.set(file, gzip ? gzipSync(body, { level: 6 }) : body);
      }
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (gzip) headers['content-encoding'] = 'gzip';
      res.writeHead(200, headers).end(cache.get(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${server.address().port}/`, server })));
}

const LIVE = own
  ? '.app svg.eksnet-scene:not([data-adopted]) g.drawing [data-id^="node:"]'
  : '.app[data-live] svg.eksnet-scene [data-id^="node:"]';
const watch = (live) => {
  new MutationObserver((_, obs) => {
    if (window.__paint === undefined && document.querySelector('svg.eksnet-scene [data-id^="node:"]')) window.__paint = performance.now();
    if (window.__live === undefined && document.querySelector(live)) {
      window.__live = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-live'] });
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await chromium.launch(CHROMIUM);
const site = await serveDir(siteDir);
const ref = await serveDir(refDir);
const rows = new Map();
const add = (key, v) => v !== undefined && (rows.get(key) ?? rows.set(key, []).get(key)).push(v);
for (let round = -1; round < Number(rounds); round++) {
  for (const [name, url, interactive] of [['site', site.url + (query ? `?${query}` : ''), true], ['reference', ref.url, false]]) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    if (throttle) {
      const cdp = await ctx.newCDPSession(page);
      const bytes = (throttle[0] * 1e6) / 8;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: throttle[1], downloadThroughput: bytes, uploadThroughput: bytes });
    }
    await page.addInitScript(watch, LIVE);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(interactive ? () => window.__live !== undefined : () => window.__paint !== undefined, null, { timeout: 60000 });
    const t = await page.evaluate(() => {
      // The main module: the first wasm the page asked for.
      const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { wasm_request: w?.requestStart, wasm_first_byte: w?.responseStart, wasm_last_byte: w?.responseEnd, first_paint: window.__paint, interactive: window.__live };
    });
    await ctx.close();
    if (round < 0) continue;
    for (const [k, v] of Object.entries(t)) add(`${name} ${k}`, v);
  }
}
console.log(`load timing: ${rounds} rounds${gzip ? ', gzip served' : ''}${throttle ? `, ${throttle[0]} Mbit/s and ${throttle[1]} ms latency` : ''}${query ? `, ?${query}` : ''}${own ? ', interactive = the own diagram' : ''} (ms)`);
for (const [k, v] of rows) console.log(`${k.padEnd(28)} ${median(v).toFixed(0).padStart(5)}  ${v.map((x) => x.toFixed(0)).join(' ')}`);
const ratio = median(rows.get('site interactive')) / median(rows.get('reference first_paint'));
console.log(`interactive / reference first paint: ${ratio.toFixed(2)}×`);
await browser.close();
site.server.close();
ref.server.close();
