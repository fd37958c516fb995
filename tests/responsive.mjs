// Responsiveness of the 100,000-node analysis in the browser: opens the
// 100,000-node share link on the built site (dist/) and records every task that
// kept the main thread busy for more than 50 ms (a PerformanceObserver for
// 'longtask'), each attributed to the stage the progress bar showed when it
// began ("after" once the bar is gone, until the page is idle), and the wasm
// heap once the analysis is painted. Then removes one replica and does the
// same for the new analysis.
//
//   node tests/responsive.mjs LINK-FILE [RUNS] [--json OUT]
//
// LINK-FILE holds the query (`cargo bench -p eksnet --bench core -- --quick
// --link-100k FILE` writes it). Prints, per stage, the median over the runs of
// the longest task, and the budget (200 ms) with whether it holds.
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { serve, CHROMIUM } from './serve.mjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const query = (await readFile(args[0], 'utf8')).trim();
const RUNS = Number(args[1] ?? 3);
const BUDGET_MS = 200;
const IDLE_MS = 1500;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const RECORD = () => {
  window.__long = [];
  window.__marks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail?.wasm));
  new MutationObserver(() => {
    const p = document.querySelector('[data-control="analysis-progress"]');
    const key = p ? `${p.dataset.stage}:${p.dataset.done}/${p.dataset.total}` : 'after';
    if (key !== window.__key) {
      window.__key = key;
      window.__marks.push([performance.now(), key]);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
};

/** Longest task per stage label (stage name without its count) for tasks after `t0`. */
const collect = (page, t0) => page.evaluate((t0) => {
  const per = {};
  for (const [start, d] of window.__long) {
    if (start < t0) continue;
    // A progress bar changed by the task itself (observers report at its end)
    // names the work that led there ("to X"); else the bar shown when it began.
    let key = 'before';
    for (const [t, k] of window.__marks) if (t <= start) key = k;
    const inside = window.__marks.find(([t]) => t > start && t <= start + d + 1);
    if (inside) key = 'to ' + inside[1];
    const stage = /PodIps|Scheduling|LoadBalancers/.test(key) ? key.replace(/:.*/, '') : key.replace(/^([^:]*):(\d+)\/\d+$/, '$1[$2]');
    if (!per[stage] || per[stage] < d) per[stage] = d;
  }
  return { per, heap: window.__wasm?.memory?.buffer?.byteLength ?? 0 };
}, t0);

const done = () => !document.querySelector('[data-control="analysis-progress"]')
  && document.querySelectorAll('.app svg.eksnet-scene [data-id^="node:"]').length > 10;

async function idle(page) {
  // Until no long task began in the last IDLE_MS.
  for (;;) {
    await page.waitForTimeout(IDLE_MS / 3);
    const last = await page.evaluate(() => Math.max(0, ...window.__long.map(([s, d]) => s + d)));
    const now = await page.evaluate(() => performance.now());
    if (now - last > IDLE_MS) return;
  }
}

async function once(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(RECORD);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(done, null, { timeout: 180000, polling: 200 });
  const loadMs = Date.now() - t0;
  await idle(page);
  const load = { ready_ms: loadMs, ...(await collect(page, 0)) };
  const t1 = await page.evaluate(() => performance.now());
  const w1 = Date.now();
  await page.click('[data-control="replicas-down"]');
  await page.waitForFunction(() => document.querySelector('[data-control="analysis-progress"]'), null, { timeout: 10000, polling: 'mutation' }).catch(() => {});
  await page.waitForFunction(done, null, { timeout: 180000, polling: 200 });
  const editMs = Date.now() - w1;
  await idle(page);
  const edit = { ready_ms: editMs, ...(await collect(page, t1)) };
  // The console's `get pods` (its three million pods' names), opened after.
  const t2 = await page.evaluate(() => performance.now());
  await page.click('.console-toggle');
  const pods = page.locator('.console-cmds .cmd', { hasText: 'get pods' });
  await pods.click();
  await page.waitForFunction(() => /not shown\)/.test(document.querySelector('pre.console-out')?.textContent ?? ''), null, { timeout: 60000, polling: 100 });
  await idle(page);
  const kubectl = { ready_ms: 0, ...(await collect(page, t2)) };
  await page.close();
  return { load, edit, kubectl };
}

const browser = await chromium.launch(CHROMIUM);
const site = await serve('dist');
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await once(browser, `${site.url}?${query}`);
    runs.push(r);
    console.error(`run ${i + 1}:`, JSON.stringify(r));
  }
} finally {
  await site.close();
  await browser.close();
}
const summary = {};
let worst = 0;
for (const phase of ['load', 'edit', 'kubectl']) {
  const stages = new Set(runs.flatMap((r) => Object.keys(r[phase].per)));
  const rows = {};
  for (const s of stages) {
    const xs = runs.map((r) => r[phase].per[s] ?? 0);
    rows[s] = { median_ms: median(xs), runs_ms: xs };
    worst = Math.max(worst, median(xs));
  }
  summary[phase] = {
    longest_task_by_stage: rows,
    ready_median_ms: median(runs.map((r) => r[phase].ready_ms)),
    wasm_heap_bytes: Math.max(...runs.map((r) => r[phase].heap)),
  };
}
const load = (await import('node:os')).loadavg()[0];
for (const phase of ['load', 'edit', 'kubectl']) {
  console.log(`${phase}: ready in ${summary[phase].ready_median_ms} ms (median), wasm heap ${(summary[phase].wasm_heap_bytes / 2 ** 20).toFixed(0)} MiB`);
  for (const [s, r] of Object.entries(summary[phase].longest_task_by_stage).sort((a, b) => b[1].median_ms - a[1].median_ms)) {
    console.log(`  ${s.padEnd(22)} ${r.median_ms.toFixed(0).padStart(5)} ms  (${r.runs_ms.map((x) => x.toFixed(0)).join(', ')})`);
  }
}
console.log(`longest task (median per stage, worst stage): ${worst.toFixed(0)} ms, budget ${BUDGET_MS} ms: ${worst <= BUDGET_MS ? 'holds' : 'DOES NOT HOLD'} (load average ${load.toFixed(1)})`);
if (jsonOut) await writeFile(jsonOut, JSON.stringify({ runs, summary, worst_ms: worst, budget_ms: BUDGET_MS }, null, 2));
