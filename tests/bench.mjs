// Browser benchmarks (bash scripts/dev bench): first diagram of the built site
// against a bare Leptos app built with the same profile, and the latency from an
// input to the updated DOM for the explorer's interactions. Medians of several
// runs; writes JSON to the path given as the first argument.
import { chromium } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import { serve, CHROMIUM } from './serve.mjs';
import { interactions, INTERACTIONS } from './interactions.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const out = process.argv[2] ?? 'target/bench/browser.json';
const refDir = process.argv[3] ?? 'target/bench/ref-dist';
const largeQuery = process.argv[4] ?? '';
const hugeQuery = process.argv[5] ?? '';
// BENCH_ONLY=first: only the first diagram, time to interactive and the reference's
// first paint (the size work's quick check); the interactions and 100,000 nodes skipped.
const ONLY_FIRST = process.env.BENCH_ONLY === 'first';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Records when the first diagram node appears, relative to navigation start
// (index.html's prerendered diagram counts: it is what the visitor sees); when
// the explorer is interactive: it marks its `.app` `data-live` once its
// controls are on the page with their handlers (web/src/adopt.rs), and a
// diagram is shown in its frame (on a default load, the prerendered one it
// adopted); and, as a second figure, when the explorer's own diagram is
// painted (its `<svg>` without `data-adopted`: the analysis and scene done).
// Stricter still, `__free`: when a task queued at interactive runs, i.e. once
// the task that made the page interactive (and whatever the browser ran
// before the next task, such as the style, layout and paint of the page) is
// over and input can be handled.
const LIVE = '.app[data-live] svg.eksnet-scene [data-id^="node:"]';
const OWN = '.app svg.eksnet-scene:not([data-adopted]) g.drawing [data-id^="node:"]';
const FIRST_DIAGRAM = ({ live, own }) => {
  const done = () => {
    if (window.__firstDiagram === undefined && document.querySelector('svg.eksnet-scene [data-id^="node:"]')) {
      window.__firstDiagram = performance.now();
    }
    if (window.__interactive === undefined && document.querySelector(live)) {
      window.__interactive = performance.now();
      performance.mark('eksnet-interactive');
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (window.__free = performance.now());
      ch.port2.postMessage(0);
    }
    if (window.__own === undefined && document.querySelector(own)) {
      window.__own = performance.now();
      performance.mark('eksnet-own-diagram');
    }
    return window.__firstDiagram !== undefined && window.__interactive !== undefined && window.__own !== undefined;
  };
  new MutationObserver((_, obs) => {
    if (done()) obs.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-live', 'data-adopted'] });
};

/**
 * One page load of `url` in a fresh context: [first diagram, interactive, main
 * thread free after it, longest task in the second after interactive] in ms.
 */
async function loadOnce(browser, url, interactive) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(FIRST_DIAGRAM, { live: LIVE, own: OWN });
  if (interactive) {
    await page.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
  }
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstDiagram !== undefined, null, { timeout: 30000 });
  const first = await page.evaluate(() => window.__firstDiagram);
  let ready, free, after, own;
  if (interactive) {
    await page.waitForFunction(() => window.__free !== undefined && window.__own !== undefined, null, { timeout: 30000 });
    await page.waitForTimeout(1000);
    [ready, free, after, own] = await page.evaluate(() => [
      window.__interactive,
      window.__free,
      // Work deferred past the first diagram must not hold the page either.
      Math.max(0, ...window.__tasks.filter(([t]) => t >= window.__interactive && t < window.__interactive + 1000).map(([, d]) => d)),
      window.__own,
    ]);
  }
  await ctx.close();
  return [first, ready, free, after, own];
}

/**
 * First diagram of the site and first paint of the reference, loaded in turn (one
 * warm-up load of each is dropped) so that neither gains from running second.
 */
async function firstPaints(browser, siteUrl, refUrl) {
  const site = { times: [], ready: [], free: [], after: [], own: [] };
  const ref = { times: [] };
  for (let i = -1; i < RUNS; i++) {
    const [a, r, f, l, o] = await loadOnce(browser, siteUrl, true);
    const [b] = await loadOnce(browser, refUrl, false);
    if (i < 0) continue;
    site.times.push(a);
    site.ready.push(r);
    site.free.push(f);
    site.after.push(l);
    site.own.push(o);
    ref.times.push(b);
  }
  return [
    {
      median_ms: median(site.times),
      runs_ms: site.times,
      interactive_median_ms: median(site.ready),
      interactive_runs_ms: site.ready,
      free_median_ms: median(site.free),
      free_runs_ms: site.free,
      longest_task_after_interactive_median_ms: median(site.after),
      longest_task_after_interactive_runs_ms: site.after,
      own_diagram_median_ms: median(site.own),
      own_diagram_runs_ms: site.own,
    },
    { median_ms: median(ref.times), runs_ms: ref.times },
  ];
}

/**
 * What the explorer's first load compiles before it is interactive: V8 compiles
 * each WebAssembly function when it is first called, on the main thread (the
 * `v8.wasm` trace category's `wasm.CompileLazy` events), so the functions
 * compiled before the explorer's diagram is there are the code its first task
 * runs. A count, not a time: it holds on any machine. Medians of `n` loads.
 */
async function compiledBeforeInteractive(browser, url, n) {
  const counts = [];
  const own = [];
  for (let i = 0; i < n; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.addInitScript(FIRST_DIAGRAM, { live: LIVE, own: OWN });
    const cdp = await ctx.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { categories: 'v8.wasm,blink.user_timing', transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__interactive !== undefined && window.__own !== undefined, null, { timeout: 30000 });
    await cdp.send('Tracing.end');
    await complete;
    await ctx.close();
    const compiledBefore = (name) => {
      const mark = events.find((e) => e.name === name);
      return mark && new Set(events.filter((e) => e.name === 'wasm.CompileLazy' && e.pid === mark.pid && e.ts < mark.ts)
        .map((e) => e.args?.func_index ?? e.args?.data?.func_index ?? e.ts)).size;
    };
    const [c, o] = [compiledBefore('eksnet-interactive'), compiledBefore('eksnet-own-diagram')];
    if (c === undefined || o === undefined) continue;
    counts.push(c);
    own.push(o);
  }
  // Also before the explorer's own diagram (the analysis and scene's code).
  return { median: median(counts), runs: counts, before_own_diagram_median: median(own), before_own_diagram_runs: own };
}

/**
 * A 100,000-node cluster: the time until its analysis is painted, the longest
 * task that kept the main thread busy meanwhile (the page cannot paint or take
 * input during a task; a PerformanceObserver for 'longtask'), the longest time
 * the progress bar went without an update, and the size of the WebAssembly
 * memory afterwards (its heap: it never shrinks, so this is its peak), on
 * opening the link and on removing one replica.
 */
async function huge(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    // Trunk's loader announces the module's exports (`memory` among them).
    addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail?.wasm));
    // Every change the progress bar shows, while it shows.
    window.__progress = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-control="analysis-progress"]');
      const key = p ? `${p.dataset.stage}:${p.dataset.done}` : '';
      if (key !== window.__progressKey) {
        window.__progressKey = key;
        window.__progress.push(performance.now());
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  const gap = () => page.evaluate(() => {
    const t = window.__progress;
    let g = 0;
    for (let i = 1; i < t.length; i++) g = Math.max(g, t[i] - t[i - 1]);
    return g;
  });
  const heap = () => page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  const busy = () => document.querySelector('[data-control="analysis-progress"]');
  const done = () => !document.querySelector('[data-control="analysis-progress"]')
    && document.querySelectorAll('.app svg.eksnet-scene [data-id^="node:"]').length > 10;
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(done, null, { timeout: 120000 });
  const load = { ready_ms: Date.now() - t0, longest_task_ms: Math.max(0, ...(await page.evaluate(() => window.__long))), progress_gap_ms: await gap(), wasm_heap_bytes: await heap() };
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__long = []; window.__progress = []; });
  const t1 = Date.now();
  await page.click('[data-control="replicas-down"]');
  await page.waitForFunction(busy, null, { timeout: 10000 }).catch(() => {});
  await page.waitForFunction(done, null, { timeout: 120000 });
  const edit = { ready_ms: Date.now() - t1, longest_task_ms: Math.max(0, ...(await page.evaluate(() => window.__long))), progress_gap_ms: await gap(), wasm_heap_bytes: await heap() };
  await page.close();
  return { load, edit };
}

const browser = await chromium.launch(CHROMIUM);
const result = { runs: RUNS };
try {
  const site = await serve('dist');
  const ref = await serve(refDir);
  try {
    [result.first_diagram, result.reference_first_paint] = await firstPaints(browser, site.url, ref.url);
    result.first_paint_ratio = result.first_diagram.median_ms / result.reference_first_paint.median_ms;
    result.interactive_ratio = result.first_diagram.interactive_median_ms / result.reference_first_paint.median_ms;
    result.interactive_free_ratio = result.first_diagram.free_median_ms / result.reference_first_paint.median_ms;
    result.own_diagram_ratio = result.first_diagram.own_diagram_median_ms / result.reference_first_paint.median_ms;
    try {
      result.compiled_before_interactive = await compiledBeforeInteractive(browser, site.url, 3);
    } catch (e) {
      result.compiled_before_interactive = { error: e.message };
    }
    for (const [label, q] of [['default', ''], ['1000 nodes', largeQuery]]) {
      if (ONLY_FIRST || (label !== 'default' && !q)) continue;
      try {
        result[`interactions (${label})`] = await interactions(browser, site.url + (q ? `?${q}` : ''), INTERACTIONS);
      } catch (e) {
        result[`interactions (${label})`] = { error: e.message };
      }
    }
    if (hugeQuery && !ONLY_FIRST) {
      try {
        result['100000 nodes'] = await huge(browser, `${site.url}?${hugeQuery}`);
      } catch (e) {
        result['100000 nodes'] = { error: e.message };
      }
    }
  } finally {
    await site.close();
    await ref.close();
  }
} finally {
  await browser.close();
}
await writeFile(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
