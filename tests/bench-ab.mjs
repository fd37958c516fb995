// Same-run A/B of site builds against the bare Leptos reference: each build's
// dist/ and the reference are loaded in turn (one warm-up round dropped), so
// that load on the machine falls on all of them alike. Per build: the median
// time to interactive (and the main thread free after it, and the explorer's
// own diagram), its ratio to the reference's first paint, the longest
// main-thread task in the second after interactive, and (from traces) the wasm
// functions compiled before interactive and the main thread's tasks in the
// second after it.
//
//   node tests/bench-ab.mjs <ref-dist> <label>=<dist> [<label>=<dist> ...]
//
// BENCH_RUNS (default 9) rounds; BENCH_TRACES (default 3) traced loads each;
// BENCH_INTERACTIONS (default 0) pages of each build in turn for the frame
// budgets' interactions at the default scenario (tests/interactions.mjs, as
// tests/bench.mjs measures them): the median of their per-page medians.
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from './serve.mjs';
import { interactions, INTERACTIONS } from './interactions.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TRACES = Number(process.env.BENCH_TRACES ?? 3);
const INTERACTION_PAGES = Number(process.env.BENCH_INTERACTIONS ?? 0);
const [refDir, ...builds] = process.argv.slice(2);
if (!refDir || builds.length === 0) {
  console.error('usage: node tests/bench-ab.mjs <ref-dist> <label>=<dist> ...');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

// As tests/bench.mjs: interactive is the explorer's controls live
// (`data-live` on its `.app`) with a diagram in its frame, or, for a build
// that does not mark it (before the adopted first diagram), its own diagram;
// the explorer's own diagram (an `<svg>` without `data-adopted`) separately;
// the first diagram (prerendered counts); long tasks.
const WATCH = () => {
  const LIVE = '.app[data-live] svg.eksnet-scene [data-id^="node:"]';
  const OWN = '.app svg.eksnet-scene:not([data-adopted]) g.drawing [data-id^="node:"]';
  window.__tasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    if (window.__firstDiagram === undefined && document.querySelector('svg.eksnet-scene [data-id^="node:"]')) {
      window.__firstDiagram = performance.now();
    }
    if (window.__interactive === undefined && (document.querySelector(LIVE) || document.querySelector(OWN))) {
      window.__interactive = performance.now();
      performance.mark('eksnet-interactive');
      // As tests/bench.mjs' `__free`: when a task queued now runs.
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (window.__free = performance.now());
      ch.port2.postMessage(0);
    }
    if (window.__own === undefined && document.querySelector(OWN)) {
      window.__own = performance.now();
      performance.mark('eksnet-own-diagram');
    }
    if (window.__interactive !== undefined && window.__own !== undefined) obs.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-live', 'data-adopted'] });
};

async function load(browser, url, site) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(WATCH);
  await page.goto(url, { waitUntil: 'load' });
  let out;
  if (site) {
    await page.waitForFunction(() => window.__interactive !== undefined && window.__own !== undefined, null, { timeout: 30000 });
    await page.waitForTimeout(1000);
    out = await page.evaluate(() => [
      window.__interactive,
      Math.max(0, ...window.__tasks.filter(([t]) => t >= window.__interactive && t < window.__interactive + 1000).map(([, d]) => d)),
      window.__own,
      window.__free,
    ]);
  } else {
    await page.waitForFunction(() => window.__firstDiagram !== undefined, null, { timeout: 30000 });
    out = [await page.evaluate(() => window.__firstDiagram)];
  }
  await ctx.close();
  return out;
}

// One traced load: functions compiled before interactive, and the main
// thread's tasks (ms, with the functions each compiled) in the second after.
async function traced(browser, url) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(WATCH);
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', {
    categories: 'toplevel,v8.wasm,blink.user_timing,devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__interactive !== undefined && window.__own !== undefined, null, { timeout: 30000 });
  await page.waitForTimeout(1000);
  await cdp.send('Tracing.end');
  await complete;
  await ctx.close();
  const mark = events.find((e) => e.name === 'eksnet-interactive');
  if (!mark) return null;
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const compiles = main.filter((e) => e.name === 'wasm.CompileLazy');
  const fn = (e) => e.args?.func_index ?? e.args?.data?.func_index ?? e.ts;
  const before = new Set(compiles.filter((e) => e.ts < mark.ts).map(fn)).size;
  const ownMark = events.find((e) => e.name === 'eksnet-own-diagram');
  const beforeOwn = ownMark && new Set(compiles.filter((e) => e.ts < ownMark.ts).map(fn)).size;
  const tasks = main
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.ts + e.dur >= mark.ts && e.ts < mark.ts + 1e6 && e.dur > 3000)
    .map((t) => ({
      at_ms: Math.round((t.ts - mark.ts) / 100) / 10,
      ms: Math.round(t.dur / 100) / 10,
      compiled: compiles.filter((c) => c.ts >= t.ts && c.ts < t.ts + t.dur).length,
      compile_ms: Math.round(compiles.filter((c) => c.ts >= t.ts && c.ts < t.ts + t.dur).reduce((s, c) => s + (c.dur ?? 0), 0) / 100) / 10,
    }));
  // Before interactive: the task that first ran the explorer's code (the
  // one holding the first lazy compile: after the module's streaming compile
  // finished, `main` and the first mount), how long it ran, and what it compiled.
  const first = compiles.length ? Math.min(...compiles.map((c) => c.ts)) : mark.ts;
  const holder = main
    .filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint') && e.ts <= first && e.ts + e.dur >= first)
    .sort((a, b) => b.dur - a.dur)[0];
  const inHolder = holder ? compiles.filter((c) => c.ts >= holder.ts && c.ts < holder.ts + holder.dur) : [];
  const tasksBefore = holder && {
    ms: Math.round(holder.dur / 100) / 10,
    ends_before_interactive_ms: Math.round((mark.ts - holder.ts - holder.dur) / 100) / 10,
    compiled: inHolder.length,
    compile_ms: Math.round(inHolder.reduce((a, c) => a + (c.dur ?? 0), 0) / 100) / 10,
  };
  const byName = {};
  for (const e of main) {
    if (e.ph !== 'X' || e.ts >= mark.ts || !e.cat?.includes('wasm')) continue;
    byName[e.name] = Math.round(((byName[e.name] ?? 0) + e.dur / 1000) * 10) / 10;
  }
  return { before, before_own: beforeOwn, tasks, tasks_before: tasksBefore, wasm_before_ms: byName };
}

const browser = await chromium.launch(CHROMIUM);
const servers = [];
try {
  const ref = await serve(refDir);
  servers.push(ref);
  const sites = [];
  for (const b of builds) {
    const [label, dir] = b.split('=');
    const s = await serve(dir);
    servers.push(s);
    sites.push({ label, url: s.url, ready: [], after: [], own: [], free: [] });
  }
  const refTimes = [];
  for (let i = -1; i < RUNS; i++) {
    const round = [];
    for (const s of sites) round.push(await load(browser, s.url, true));
    const [r] = await load(browser, ref.url, false);
    if (i < 0) continue;
    refTimes.push(r);
    sites.forEach((s, k) => {
      s.ready.push(round[k][0]);
      s.after.push(round[k][1]);
      s.own.push(round[k][2]);
      s.free.push(round[k][3]);
    });
  }
  // The interactions, a page of each build in turn.
  const perPage = sites.map(() => ({}));
  for (let i = 0; i < INTERACTION_PAGES; i++) {
    for (const [k, s] of sites.entries()) {
      for (const [name, r] of Object.entries(await interactions(browser, s.url, INTERACTIONS))) {
        (perPage[k][name] ??= []).push(r.median_ms);
      }
    }
  }
  const refMedian = median(refTimes);
  const report = { runs: RUNS, reference_first_paint: { median_ms: refMedian, runs_ms: refTimes.map(Math.round) } };
  for (const [k, s] of sites.entries()) {
    const traces = [];
    for (let i = 0; i < TRACES; i++) traces.push(await traced(browser, s.url));
    report[s.label] = {
      interactive_median_ms: median(s.ready),
      interactive_range_ms: range(s.ready),
      interactive_ratio: Math.round((median(s.ready) / refMedian) * 100) / 100,
      longest_task_after_median_ms: median(s.after),
      longest_task_after_runs_ms: s.after.map(Math.round),
      free_median_ms: median(s.free),
      free_ratio: Math.round((median(s.free) / refMedian) * 100) / 100,
      own_diagram_median_ms: median(s.own),
      own_diagram_range_ms: range(s.own),
      own_diagram_ratio: Math.round((median(s.own) / refMedian) * 100) / 100,
      compiled_before_interactive: traces.filter(Boolean).map((t) => t.before),
      compiled_before_own_diagram: traces.filter(Boolean).map((t) => t.before_own),
      tasks_after_interactive: traces.filter(Boolean).map((t) => t.tasks),
      first_wasm_task: traces.filter(Boolean).map((t) => t.tasks_before),
      wasm_before_interactive_ms: traces.filter(Boolean).map((t) => t.wasm_before_ms),
      interactions_median_ms: Object.fromEntries(
        Object.entries(perPage[k]).map(([name, ms]) => [name, { median: median(ms), pages: ms.map((x) => Math.round(x * 10) / 10) }]),
      ),
    };
  }
  console.log(JSON.stringify(report, null, 1));
} finally {
  for (const s of servers) await s.close();
  await browser.close();
}
