// Site smoke test: loads the built dist/ over http on 127.0.0.1 in headless
// Chromium, the way a browser would, and checks that the diagram rendered with
// the default scenario and that the console stayed clean.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, CHROMIUM, harness, assert } from './serve.mjs';

const DEFAULT_NODES = [
  'node:ip-192-168-46-6.ap-northeast-2.compute.internal',
  'node:ip-192-168-48-175.ap-northeast-2.compute.internal',
  'node:ip-192-168-75-136.ap-northeast-2.compute.internal',
  'node:ip-192-168-90-3.ap-northeast-2.compute.internal',
];

const { check, finish } = harness();

/** Opens `url`, returns { page, errors } once the diagram has nodes. */
async function open(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    // A clean console: no warning about the preload links' `integrity` either.
    if (m.type() === 'warning' && /integrity/i.test(m.text())) errors.push(`console warning: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(url, { waitUntil: 'load' });
  // The explorer's own diagram (index.html's prerendered one is gone by then).
  await page.waitForSelector('.app svg.eksnet-scene [data-id^="node:"]', { timeout: 20000 });
  assert(!(await page.$('#eksnet-prerender')), 'the prerendered diagram is still there');
  return { page, errors };
}

/** The CLI's SVG for `scenarioJson` and the given render arguments. */
async function cliSvg(scenarioJson, args) {
  const dir = await mkdtemp(join(tmpdir(), 'eksnet-'));
  const file = join(dir, 'scenario.json');
  const out = join(dir, 'cli.svg');
  await writeFile(file, scenarioJson);
  execFileSync('cargo', ['run', '--quiet', '-p', 'eksnet-cli', '--', 'render', file, ...args, '-o', out], { stdio: 'inherit' });
  return readFile(out, 'utf8');
}

async function downloadText(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFile(await dl.path(), 'utf8');
}

/** The content-named file of dist/ whose name is `prefix-<16 hex>.ext`. */
async function distFile(prefix, ext) {
  const files = await readdir('dist');
  const re = new RegExp(`^${prefix}-[0-9a-f]{16}\\.${ext}$`);
  const file = files.find((f) => re.test(f));
  assert(file, `no content-named ${prefix}.${ext} in dist/: ${files.join(', ')}`);
  return file;
}

/** A new page and the errors it reports (page errors, console errors). */
async function watchedPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return { page, errors };
}

/**
 * Holds the requests for dist's `file` back until the returned function is
 * called (at once when `hold` is false); `asked()` says whether it was asked for.
 */
async function holdBack(page, file, hold = true) {
  let release;
  const held = new Promise((ok) => (release = ok));
  let asked = false;
  await page.route(`**/${file}`, async (r) => {
    asked = true;
    if (hold) await held;
    await r.continue();
  });
  return { release, asked: () => asked };
}

/** Drops a file (an empty JSON document) on the explorer. */
async function dropFile(page) {
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{}'], 'cluster.json', { type: 'application/json' }));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

const EMBED_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
<link rel="icon" href="data:,"></head><body><h1>EKS private endpoint</h1>
<iframe id="ek" src="/docs/eksnet/?embed&scene=endpoint&access=private&flow=kubelet:ip-192-168-46-6"
  title="eksnet" width="900" height="520" style="border:0"></iframe></body></html>`;

const browser = await chromium.launch(CHROMIUM);
try {
  for (const base of ['/', '/docs/eksnet/']) {
    const site = await serve('dist', { base, extra: { '/docs/page.html': EMBED_PAGE } });
    try {
      await check(`default scenario renders its four nodes (served at ${base})`, async () => {
        const { page, errors } = await open(browser, site.url);
        const ids = await page.$$eval('svg.eksnet-scene [data-id]', (els) => els.map((e) => e.dataset.id));
        for (const id of DEFAULT_NODES) assert(ids.includes(id), `missing ${id}; saw ${ids.slice(0, 20).join(', ')}`);
        assert(ids.includes('vpc'), 'missing the VPC');
        assert(ids.includes('subnet:subnet-a') && ids.includes('subnet:subnet-c'), 'missing a subnet');
        const ip = await page.$eval('svg.eksnet-scene [data-id="node:ip-192-168-46-6.ap-northeast-2.compute.internal"]', (e) => e.dataset.ip);
        assert(ip === '192.168.46.6', `node 192.168.46.6 carries data-ip=${ip}`);
        // Console 1's pod on that node, with the address the source shows.
        const pod = await page.$('svg.eksnet-scene [data-ip="192.168.36.89"]');
        assert(pod, 'pod my-nginx-5dc4865748-g2xzk (192.168.36.89) is not drawn');
        const text = await page.textContent('svg.eksnet-scene');
        assert(text.includes('192.168.36.89'), 'pod IP 192.168.36.89 not shown');
        const title = await page.$eval('svg.eksnet-scene title', (t) => t.textContent);
        assert(title.length > 0, 'the SVG has no title');
        await page.waitForTimeout(300);
        assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
        await page.close();
      });
      await check(`the first diagram shows before the WebAssembly runs (served at ${base})`, async () => {
        // Without JavaScript only index.html's prerendered diagram is there.
        const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
        const page = await ctx.newPage();
        await page.goto(site.url, { waitUntil: 'load' });
        const ids = await page.$$eval('#eksnet-prerender svg.eksnet-scene [data-id]', (els) => els.map((e) => e.dataset.id));
        for (const id of DEFAULT_NODES) assert(ids.includes(id), `prerender misses ${id}`);
        const box = await page.$eval('#eksnet-prerender svg', (e) => e.getBoundingClientRect().height);
        assert(box > 300, `the prerendered diagram is ${box}px high`);
        await ctx.close();
        // A link with a query shows another view: the prerender goes at once.
        const page2 = await browser.newPage();
        await page2.route('**/*.wasm', (r) => r.abort());
        await page2.goto(`${site.url}?scene=endpoint`, { waitUntil: 'load' });
        assert(!(await page2.$('#eksnet-prerender')), 'a link with a query still shows the prerendered default');
        await page2.close();
      });
      await check(`a default load adopts the prerendered diagram until the explorer's own replaces it (served at ${base})`, async () => {
        // What the page showed, in order: recorded on every change of the DOM.
        const watch = () => {
          window.__seen = [];
          const note = (what) => { if (!window.__seen.includes(what)) window.__seen.push(what); };
          new MutationObserver(() => {
            if (document.querySelector('.app[data-live] svg.eksnet-scene[data-adopted] svg.adopted [data-id^="node:"]')) note('adopted, live');
            if (document.querySelector('.app svg.eksnet-scene:not([data-adopted]) g.drawing > g[data-id^="node:"]')) note('own');
          }).observe(document, { childList: true, subtree: true, attributes: true });
          // Where a node is drawn and how high the diagram's frame is, in
          // every frame painted.
          window.__boxes = [];
          const frame = () => {
            const svg = document.querySelector('.app svg.eksnet-scene');
            const rect = svg?.querySelector('[data-id="node:ip-192-168-46-6.ap-northeast-2.compute.internal"] > rect');
            if (rect) {
              const r = rect.getBoundingClientRect();
              const h = document.querySelector('.app .diagram').getBoundingClientRect().height;
              window.__boxes.push({ adopted: svg.hasAttribute('data-adopted'), box: [r.x, r.y, r.width, r.height], h });
            }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        };
        // The node stays where it was first drawn and the frame keeps its
        // height: the explorer's own drawing replaces the adopted one in its
        // place, and the share bar and console come into room kept for them.
        const still = async (page, what) => {
          await page.waitForSelector('.app .side');
          await page.waitForTimeout(300);
          const boxes = await page.evaluate(() => window.__boxes);
          assert(boxes.length > 0, `${what}: no node drawn`);
          const [first] = boxes;
          for (const b of boxes) {
            const moved = b.box.map((v, i) => Math.abs(v - first.box[i]));
            assert(Math.max(...moved) <= 2, `${what}: the node moved from ${JSON.stringify(first)} to ${JSON.stringify(b)}`);
            assert(Math.abs(b.h - first.h) <= 1, `${what}: the diagram's frame went from ${first.h} to ${b.h} px high`);
          }
          return boxes;
        };
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.addInitScript(watch);
        await page.goto(site.url);
        await page.waitForFunction(() => window.__seen.includes('own'));
        let seen = await page.evaluate(() => window.__seen);
        assert(seen.join(' → ') === 'adopted, live → own', `a default load showed ${seen.join(' → ')}`);
        const boxes = await still(page, 'a default load');
        assert(boxes.some((b) => b.adopted) && boxes.some((b) => !b.adopted), 'the adopted and own drawings were not both painted');
        assert(!(await page.$('svg.adopted, #eksnet-prerender')), 'the prerendered diagram stayed');
        assert((await page.$$('#scene-title')).length === 1, 'two scene titles');
        await page.close();
        // A link with a query: the explorer's own diagram from the start.
        const page2 = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page2.addInitScript(watch);
        await page2.goto(`${site.url}?scene=pod-network`);
        await page2.waitForFunction(() => window.__seen.includes('own'));
        seen = await page2.evaluate(() => window.__seen);
        assert(seen.join(' → ') === 'own', `a link showed ${seen.join(' → ')}`);
        assert(await page2.$('.app[data-live]'), 'the controls are not marked live');
        await still(page2, 'a link');
        await page2.close();
      });
    } finally {
      await site.close();
    }
  }

  await check("the core's code and the page's later parts come in chunks of their own, and input made before they arrive is kept", async () => {
    // The site is built split (index.html's feature `split`, Trunk's hook):
    // the main module, the core's chunk, the later parts' (web/src/later.rs)
    // and their loader, named by content.
    const chunk = await distFile('split_core', 'wasm');
    const laterChunk = await distFile('split_later', 'wasm');
    await distFile('__wasm_split', 'js');
    const site = await serve('dist');
    try {
      // The same input on a page whose chunk is held back until the input is
      // made, and on one that has it: the same scene, pods and URL after.
      const run = async (hold) => {
        const { page, errors } = await watchedPage(browser);
        const core = await holdBack(page, chunk, hold);
        const later = await holdBack(page, laterChunk, hold);
        await page.goto(site.url);
        await page.waitForSelector('.app[data-live] svg.eksnet-scene[data-adopted]');
        if (!hold) await page.waitForSelector('.app .side');
        // The Max pods panel asked for: shown once its code is there.
        await page.click('[data-control="max-pods"]');
        // Two edits: analysed once the core is there, as one.
        await page.click('[data-control="replicas-up"]');
        await page.click('[data-control="replicas-up"]');
        await page.click('.scene-tabs [role="tab"][data-scene="pod-network"]');
        // A file dropped on the page: imported by the importers' chunk, its
        // outcome analysed once the core is there.
        await dropFile(page);
        if (hold) {
          await page.waitForTimeout(300);
          assert(core.asked(), 'the page did not ask for the core chunk while its first diagram was up');
          assert(await page.$('.app svg.eksnet-scene[data-adopted]'), 'the explorer drew its own diagram without the core');
          assert(!(await page.$('.app .side')), 'the side panel was built without its code');
          assert(errors.length === 0, `before the core arrived: ${errors.join('; ')}`);
          // The core first: the explorer's own diagram, the later parts
          // still waiting for their code.
          core.release();
          await page.waitForSelector('.app svg.eksnet-scene:not([data-adopted]) g.drawing [data-id^="node:"]', { timeout: 20000 });
          await page.waitForTimeout(300);
          assert(!(await page.$('.app .side, .app .share-bar:not(.later-room *)')), 'a later part was built without its code');
          assert(errors.length === 0, `before the later parts arrived: ${errors.join('; ')}`);
          later.release();
        }
        await page.waitForSelector('.app [data-control="import-report"]', { timeout: 20000 });
        await page.waitForSelector('.app svg.eksnet-scene:not([data-adopted]) g.drawing [data-id^="node:"]', { timeout: 20000 });
        await page.waitForSelector('.app .side');
        await page.waitForTimeout(300);
        const state = await page.evaluate(() => ({
          tab: document.querySelector('.scene-tabs [aria-selected="true"]')?.dataset.scene,
          pods: document.querySelectorAll('.app svg.eksnet-scene g.drawing [data-id^="pod:"]').length,
          url: location.search,
          maxPods: !!document.querySelector('[data-control="max-pods-panel"]:not([hidden]) .mp-result'),
        }));
        assert(errors.length === 0, errors.join('; '));
        await page.close();
        return state;
      };
      const early = await run(true);
      const late = await run(false);
      assert(early.pods > 0, `no pods drawn: ${JSON.stringify(early)}`);
      assert(early.maxPods, `the Max pods panel asked for is not shown: ${JSON.stringify(early)}`);
      assert(JSON.stringify(early) === JSON.stringify(late), `input before the core arrived gave ${JSON.stringify(early)}, after it ${JSON.stringify(late)}`);
    } finally {
      await site.close();
    }
  });

  await check("the importers' code is fetched when a visitor first imports, not before", async () => {
    const importChunk = await distFile('split_import', 'wasm');
    const site = await serve('dist');
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const asked = [];
      page.on('request', (r) => asked.push(r.url().split('/').pop()));
      await page.goto(site.url);
      await page.waitForSelector('.app .side [data-control="endpoint-mode"]', { timeout: 20000 });
      await page.waitForTimeout(500);
      assert(!asked.includes(importChunk), `the importers' chunk was fetched without an import: ${asked.join(', ')}`);
      await dropFile(page);
      await page.waitForSelector('.app [data-control="import-report"]', { timeout: 20000 });
      assert(asked.includes(importChunk), `an import did not fetch the importers' chunk: ${asked.join(', ')}`);
      await page.close();
    } finally {
      await site.close();
    }
  });

  await check('a chunk of the code that does not load stops the explorer with a notice, in its language, and its Reload comes back to the view', async () => {
    const laterChunk = await distFile('split_later', 'wasm');
    const site = await serve('dist');
    try {
      for (const [query, want, reload] of [
        ['', 'eksnet stopped after an error', 'Reload'],
        ['?scene=architecture&lang=ko', 'eksnet이 오류로 멈췄다', '새로 고침'],
      ]) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const what = query || 'a default load';
        await page.route(`**/${laterChunk}`, (r) => r.fulfill({ status: 404, body: 'gone' }));
        await page.goto(site.url + query);
        const notice = await page.waitForSelector('p.stopped[role="alert"]', { timeout: 20000 });
        const text = await notice.textContent();
        assert(text.includes(want), `${what}: the notice says ${JSON.stringify(text)}`);
        const box = await notice.boundingBox();
        assert(box && box.y === 0 && box.width >= 1200, `${what}: the notice is not across the top: ${JSON.stringify(box)}`);
        const button = await notice.$('button');
        assert(button && (await button.textContent()) === reload, `${what}: no ${reload} button in the notice`);
        assert(await button.evaluate((b) => b === document.activeElement), `${what}: the ${reload} button does not have the focus`);
        // The network is back: Reload brings the explorer back, at the same view.
        await page.unroute(`**/${laterChunk}`);
        await button.click();
        await page.waitForSelector('.app [data-control="endpoint-mode"]', { timeout: 20000 });
        assert(!(await page.$('p.stopped')), `${what}: the notice stayed after the reload`);
        const scene = await page.getAttribute('.app svg.eksnet-scene', 'data-scene');
        const lang = await page.getAttribute('html', 'lang');
        const [wantScene, wantLang] = query ? ['architecture', 'ko'] : ['pod-network', 'en'];
        assert(scene === wantScene && lang === wantLang, `${what}: after the reload, ${scene} in ${lang}`);
        await page.close();
      }
    } finally {
      await site.close();
    }
  });

  await check("a link's diagram does not wait for the page's later parts; an embed does", async () => {
    const laterChunk = await distFile('split_later', 'wasm');
    const site = await serve('dist');
    try {
      for (const [query, embed] of [['?scene=endpoint&flow=kubelet:ip-192-168-46-6&lang=ko', false], ['?embed&scene=endpoint', true]]) {
        const { page, errors } = await watchedPage(browser);
        const later = await holdBack(page, laterChunk);
        await page.goto(site.url + query);
        const drawn = 'svg.eksnet-scene[data-scene="endpoint"] g.drawing [data-id^="node:"]';
        if (embed) {
          await page.waitForTimeout(1500);
          assert(!(await page.$('.app')), `${query}: the embed mounted without its view's code`);
        } else {
          await page.waitForSelector(`.app[data-live] ${drawn}`, { timeout: 20000 });
          assert(await page.$('.app svg.eksnet-scene[data-flow="kubelet:ip-192-168-46-6"]'), `${query}: the link's flow is not drawn`);
          await page.waitForTimeout(300);
          assert(!(await page.$('.app .side')), `${query}: the side panel was built without its code`);
        }
        assert(errors.length === 0, `${query}, the later parts held: ${errors.join('; ')}`);
        later.release();
        await page.waitForSelector(embed ? `.app.embed ${drawn}` : '.app .side [data-control="endpoint-mode"]', { timeout: 20000 });
        assert(errors.length === 0, `${query}: ${errors.join('; ')}`);
        await page.close();
      }
    } finally {
      await site.close();
    }
  });

  const site = await serve('dist', { base: '/docs/eksnet/', extra: { '/docs/page.html': EMBED_PAGE } });
  try {
    const VIEW = 'scene=endpoint&access=private&flow=kubelet:ip-192-168-46-6&lang=ko';
    await check('a URL restores the exact view (scene, endpoint mode, flow, language)', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${site.url}?${VIEW}`);
      await page.waitForSelector('svg.eksnet-scene[data-scene="endpoint"] [data-on-path]');
      // The side panel follows the diagram once the first analysis's checks
      // have run (a few tasks later: see web/src/pacing.rs).
      await page.waitForSelector('[data-control="endpoint-mode"]', { timeout: 5000 });
      const state = await page.$eval('[data-control="endpoint-mode"]', (e) => e.dataset.state);
      assert(state === 'private', `endpoint mode is ${state}`);
      const flow = await page.$eval('svg.eksnet-scene', (e) => e.dataset.flow);
      assert(flow === 'kubelet:ip-192-168-46-6', `flow is ${flow}`);
      const lang = await page.$eval('html', (e) => e.lang);
      assert(lang === 'ko', `language is ${lang}`);
      // The private path: through the EKS-owned ENIs, never the NLB.
      const lit = await page.$$eval('svg.eksnet-scene [data-on-path][data-id]', (els) => els.map((e) => e.dataset.id));
      assert(lit.some((id) => id.startsWith('eks-eni:')), `no EKS ENI on the path: ${lit.join(', ')}`);
      assert(!lit.includes('cp:nlb'), 'the private path goes through the public NLB');
      await page.close();
    });

    await check('back and forward move between views', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(site.url);
      await page.waitForSelector('svg.eksnet-scene[data-scene="pod-network"]');
      await page.click('[role="tab"][data-scene="architecture"]');
      await page.waitForSelector('svg.eksnet-scene[data-scene="architecture"]');
      // The address follows once the browser has painted the change (web/src/share.rs).
      await page.waitForURL(/scene=architecture/, { timeout: 2000 }).catch(() => {
        throw new Error(`URL did not follow: ${page.url()}`);
      });
      await page.click('[role="tab"][data-scene="components"]');
      await page.waitForSelector('svg.eksnet-scene[data-scene="components"]');
      await page.goBack();
      await page.waitForSelector('svg.eksnet-scene[data-scene="architecture"]', { timeout: 5000 });
      await page.goBack();
      await page.waitForSelector('svg.eksnet-scene[data-scene="pod-network"]', { timeout: 5000 });
      await page.goForward();
      await page.waitForSelector('svg.eksnet-scene[data-scene="architecture"]', { timeout: 5000 });
      await page.close();
    });

    await check('an invalid link shows its message and the default scenario', async () => {
      const page = await browser.newPage();
      await page.goto(`${site.url}?scene=endpoint&s=1.not-a-scenario`);
      await page.waitForSelector('[data-control="link-notice"]', { timeout: 10000 });
      const msg = await page.textContent('[data-control="link-notice"]');
      assert(/damaged/.test(msg), `message: ${msg}`);
      await page.waitForSelector('svg.eksnet-scene[data-scene="endpoint"] [data-id^="node:ip-192-168-46-6"]');
      const future = await browser.newPage();
      await future.goto(`${site.url}?s=99.abc`);
      await future.waitForSelector('[data-control="link-notice"]', { timeout: 10000 });
      assert(/newer eksnet/.test(await future.textContent('[data-control="link-notice"]')), 'no newer-version message');
      await page.close();
      await future.close();
    });

    await check('a documentation page embeds a view in an iframe (site under a sub-path)', async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      const errors = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${site.origin}/docs/page.html`);
      const frame = await (await page.waitForSelector('#ek')).contentFrame();
      await frame.waitForSelector('svg.eksnet-scene[data-scene="endpoint"] [data-on-path]', { timeout: 20000 });
      assert(await frame.$('.app.embed'), 'not in embed mode');
      assert(!(await frame.$('.app-header')), 'embed mode shows the page header');
      assert(await frame.$('[data-control="flow"]'), 'embed mode lacks the flow control');
      assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
      await page.close();
    });

    await check('the exported SVG is byte for byte the CLI\'s SVG of the same view', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${site.url}?${VIEW}`);
      await page.waitForSelector('svg.eksnet-scene[data-scene="endpoint"] [data-on-path]');
      await page.click('[data-control="share"] > summary');
      const exported = await downloadText(page, '[data-control="export-svg"]');
      assert(exported.startsWith('<svg'), 'the export is not SVG');
      const json = await downloadText(page, '[data-control="export-json"]');
      const cli = await cliSvg(json, ['--scene', 'endpoint', '--flow', 'kubelet:ip-192-168-46-6', '--lang', 'ko']);
      if (exported !== cli) {
        await writeFile('target/smoke-exported.svg', exported);
        await writeFile('target/smoke-cli.svg', cli);
      }
      assert(exported === cli, `see target/smoke-{exported,cli}.svg: exported SVG (${exported.length} bytes) differs from the CLI's (${cli.length} bytes)`);
      await page.close();
    });

    await check('a JSON export re-imports to the same scenario', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${site.url}?${VIEW}`);
      await page.waitForSelector('svg.eksnet-scene [data-id]');
      await page.click('[data-control="replicas-up"]');
      await page.waitForFunction(() => location.search.includes('s=2.'));
      const before = new URL(page.url()).searchParams.get('s');
      await page.click('[data-control="share"] > summary');
      const json = await downloadText(page, '[data-control="export-json"]');
      assert(JSON.parse(json).version === 2, 'the export is not of the current version (2)');
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await fresh.goto(`${site.url}?${VIEW}`);
      await fresh.waitForSelector('svg.eksnet-scene [data-id]');
      await fresh.click('[data-control="share"] > summary');
      await fresh.setInputFiles('[data-control="import-json"]', { name: 's.json', mimeType: 'application/json', buffer: Buffer.from(json) });
      await fresh.waitForFunction(() => location.search.includes('s=2.'));
      const after = new URL(fresh.url()).searchParams.get('s');
      assert(after === before, 'the re-imported scenario differs from the exported one');
      await page.close();
      await fresh.close();
    });
  } finally {
    await site.close();
  }
} finally {
  await browser.close();
}
finish('smoke');
