// The explorer's interactions and their latency, shared by tests/bench.mjs (the
// frame budgets) and tests/bench-ab.mjs (the same measured on several builds in
// turn).

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Interactions: each is { name, act: string (JS run in the page that returns a
 * predicate source) }. The latency is from just before the input to the moment
 * the predicate holds on the DOM (checked on every mutation).
 */
export async function interactions(browser, url, list) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('.app svg.eksnet-scene [data-id]', { timeout: 60000 });
  // The side panel (mode and flow) follows the diagram once the first
  // analysis's checks have run (web/src/pacing.rs): the inputs start there.
  await page.waitForSelector('.app [data-control="endpoint-mode"]', { timeout: 60000 });
  const results = {};
  for (const it of list) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await page.evaluate(it.run, i);
      if (typeof t !== 'number') throw new Error(`${it.name}: ${t}`);
      times.push(t);
    }
    results[it.name] = { median_ms: median(times), runs_ms: times };
  }
  await ctx.close();
  return results;
}

// Each `run(i)` performs input i (alternating states) and resolves with the ms
// until the DOM shows the result. They use the explorer's DOM contract
// (data-control attributes, data-id, data-on-path; see README).
const measure = `
  (act, check) => new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (check()) { obs.disconnect(); resolve(performance.now() - t0); }
    });
    obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    act();
    if (check()) { obs.disconnect(); resolve(performance.now() - t0); }
    setTimeout(() => { obs.disconnect(); resolve('timed out'); }, 5000);
  })`;

// Flow i of the flow control chosen (in the scene shown), timed until the
// diagram and the path panel show it.
const chooseFlow = `
      const sel = document.querySelector('select[data-control="flow"]');
      if (!sel) return 'no flow control';
      const opts = [...sel.options].filter((o) => o.value);
      const want = opts[i % opts.length].value;
      if (sel.value === want) { sel.value = ''; sel.dispatchEvent(new Event('change', { bubbles: true })); }
      return m(() => { sel.value = want; sel.dispatchEvent(new Event('change', { bubbles: true })); },
               () => document.querySelector('svg.eksnet-scene').dataset.flow === want
                     && document.querySelector('.trace')?.dataset.flow === want);`;

export const INTERACTIONS = [
  {
    name: 'endpoint mode',
    run: new Function('i', `const m = ${measure};
      const want = i % 2 ? 'public' : 'private';
      const el = document.querySelector('[data-control="endpoint-mode"] [data-value="' + want + '"]');
      if (!el) return 'no endpoint-mode control';
      return m(() => el.click(), () => document.querySelector('[data-control="endpoint-mode"]').dataset.state === want);`),
  },
  {
    name: 'flow',
    run: new Function('i', `const m = ${measure};
      ${chooseFlow}`),
  },
  {
    name: 'step',
    run: new Function('i', `const m = ${measure};
      const next = document.querySelector('[data-control="step-next"]');
      const prev = document.querySelector('[data-control="step-prev"]');
      if (!next) return 'no step control';
      const svg = document.querySelector('svg.eksnet-scene');
      const before = svg.dataset.step;
      // Forward and back in turn; at an end (its button disabled) the other way.
      const btn = next.disabled || (i % 2 === 1 && !prev.disabled) ? prev : next;
      return m(() => btn.click(), () => svg.dataset.step !== before);`),
  },
  {
    name: 'language',
    run: new Function('i', `const m = ${measure};
      const want = i % 2 ? 'en' : 'ko';
      const el = document.querySelector('[data-control="lang"] [data-value="' + want + '"]');
      if (!el) return 'no lang control';
      return m(() => el.click(), () => document.documentElement.lang === want || document.querySelector('.app')?.getAttribute('lang') === want);`),
  },
  {
    name: 'replicas',
    run: new Function('i', `const m = ${measure};
      const btn = document.querySelector(i % 2 ? '[data-control="replicas-down"]' : '[data-control="replicas-up"]');
      if (!btn) return 'no replicas control';
      // The pod network's description states the pod total (a large cluster
      // draws only some pods), so it changes once the new analysis is painted.
      const desc = () => document.querySelector('svg.eksnet-scene desc').textContent;
      const before = desc();
      return m(() => btn.click(), () => desc() !== before);`),
  },
  {
    // A flow lit where its route labels seek the most room (the endpoint
    // scene draws the subnets on the path; crates/eksnet/src/scene/route_label.rs).
    // The scene is chosen once, before the first input, outside the timing.
    name: 'flow (endpoint scene)',
    run: new Function('i', `const m = ${measure};
      return (async () => {
        const svg = () => document.querySelector('svg.eksnet-scene');
        if (svg().dataset.scene !== 'endpoint') {
          const tab = document.querySelector('[role="tab"][data-scene="endpoint"]');
          if (!tab) return 'no endpoint tab';
          tab.click();
          for (let k = 0; k < 250 && svg().dataset.scene !== 'endpoint'; k++) await new Promise((r) => setTimeout(r, 20));
          if (svg().dataset.scene !== 'endpoint') return 'the endpoint scene did not show';
          await new Promise((r) => setTimeout(r, 200));
        }
        ${chooseFlow}
      })();`),
  },
];
