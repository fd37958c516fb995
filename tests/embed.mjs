// Embed API test: documentation pages that embed the built dist/ from a
// sub-path drive the diagram through eksnet-embed.js and raw postMessage, in
// headless Chromium. Every command is sent; the events the page receives and the
// DOM inside the frame are checked against each other; malformed messages must
// be answered with an error naming the field, and messages from a sibling frame
// or a foreign parent origin must be ignored, leaving the view as it was.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { serve, CHROMIUM, harness, assert } from './serve.mjs';

const { check, finish } = harness();
function eq(a, b, what) {
  assert(JSON.stringify(a) === JSON.stringify(b), `${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}

const KUBELET = 'kubelet:ip-192-168-46-6';
const NODE46 = 'node:ip-192-168-46-6.ap-northeast-2.compute.internal';
const NODE48 = 'node:ip-192-168-48-175.ap-northeast-2.compute.internal';

// A documentation page on the site's own origin that uses the helper, with a
// frame from another origin beside the diagram.
const walkthrough = (foreign) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>How a node joins</title><link rel="icon" href="data:,"></head><body>
<h1>How a node joins the cluster</h1><div id="diagram" style="width: 960px"></div>
<iframe id="sibling" src="${foreign}/sibling.html" title="ad" width="200" height="50"></iframe>
<iframe id="neighbour" src="/docs/sibling.html" title="comments" width="200" height="50"></iframe>
<script type="module">
import * as eksnet from '/docs/eksnet/eksnet-embed.js';
window.events = [];
const d = await eksnet.embed(document.getElementById('diagram'),
  { scene: 'endpoint', flow: '${KUBELET}', title: 'EKS endpoint: kubelet to API server' });
for (const t of ['view', 'step', 'selection', 'height', 'error']) d.on(t, (e) => window.events.push(e));
window.d = d;
</script></body></html>`;

// A page of the same origin that talks to a bare iframe (no helper, no origin=).
const RAW = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Raw</title>
<link rel="icon" href="data:,"></head><body>
<iframe id="ek" src="/docs/eksnet/?embed&scene=endpoint&flow=${KUBELET}" title="eksnet" width="900" height="520"></iframe>
<script>
window.got = [];
addEventListener('message', (e) => { if (e.source === document.getElementById('ek').contentWindow) window.got.push(e.data); });
</script></body></html>`;

// A page on a foreign origin that frames eksnet, which was told to admit only
// the documentation site's origin.
const foreignHost = (site) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title>
<link rel="icon" href="data:,"></head><body>
<iframe id="ek" src="${site.url}?embed&scene=endpoint&origin=${encodeURIComponent(site.origin)}" title="eksnet" width="900" height="520"></iframe>
<script>
window.got = [];
addEventListener('message', (e) => window.got.push(e.data));
</script></body></html>`;

const SIBLING = `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script>
// What eksnet would post (the other frame's attacks are not recorded).
const EVENTS = ['ready', 'ok', 'error', 'view', 'step', 'selection', 'height'];
window.got = [];
addEventListener('message', (e) => e.data && EVENTS.includes(e.data.type) && window.got.push(e.data));
// Posts to every other frame of the parent page, as a hostile ad might.
window.attack = (msg) => { for (let i = 0; i < parent.frames.length; i++) if (parent.frames[i] !== window) parent.frames[i].postMessage(msg, '*'); };
</script></body></html>`;

/** Resolves with the next event of `type` that satisfies `pred`, from index `from` of window.events. */
async function nextEvent(page, type, from, pred = 'true', timeout = 10000) {
  const handle = await page.waitForFunction(
    ([type, from, pred]) => {
      const f = new Function('e', `return (${pred});`);
      return window.events.slice(from).find((e) => e.type === type && f(e)) ?? null;
    },
    [type, from, pred],
    { timeout },
  );
  return handle.jsonValue();
}
const count = (page) => page.evaluate(() => window.events.length);

async function frameOf(page, sel) {
  const frame = await (await page.waitForSelector(sel)).contentFrame();
  await frame.waitForSelector('.app.embed svg.eksnet-scene [data-id]', { timeout: 20000 });
  return frame;
}

const ignored = (frame) => frame.$eval('html', (h) => Number(h.getAttribute('data-embed-ignored') ?? 0));

const privateOnly = JSON.parse(await readFile('docs/examples/private-only.json', 'utf8'));

// docs/embedding.md's walkthrough page, as the guide shows it (eksnet served at
// /docs/eksnet/ rather than /tools/eksnet/), with sections tall enough to scroll.
const guide = await readFile('docs/embedding.md', 'utf8');
const at = guide.indexOf('<!-- The embed test (tests/embed.mjs) serves this very page');
assert(at >= 0, 'docs/embedding.md lost its walkthrough page');
const open = guide.indexOf('```html\n', at) + '```html\n'.length;
const GUIDE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Guide</title>
<link rel="icon" href="data:,"><style>section { min-height: 110vh }</style></head><body>
${guide.slice(open, guide.indexOf('\n```', open)).replaceAll('/tools/eksnet/', '/docs/eksnet/')}
</body></html>`;

// Two servers, two origins; each page names the other's origin (the pages are
// looked up per request, so they can be filled in once both are listening).
const pages = { '/docs/raw.html': RAW, '/docs/guide.html': GUIDE_PAGE, '/docs/sibling.html': SIBLING };
const site = await serve('dist', { base: '/docs/eksnet/', extra: pages });
const elsewhere = await serve('dist', {
  base: '/nothing/',
  extra: { '/sibling.html': SIBLING, '/host.html': foreignHost(site) },
});
pages['/docs/walkthrough.html'] = walkthrough(elsewhere.origin);
const browser = await chromium.launch(CHROMIUM);
const errors = [];
function watch(page) {
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
}
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  watch(page);
  await page.goto(`${site.origin}/docs/walkthrough.html`);
  await page.waitForFunction(() => window.d, null, { timeout: 20000 });
  const frame = await frameOf(page, '#diagram iframe');
  const svg = (attr) => frame.$eval('.app svg.eksnet-scene', (e, a) => e.getAttribute(a), attr);

  await check('the helper embeds eksnet from a sub-path and completes the handshake', async () => {
    const { version, protocol, view } = await page.evaluate(() => ({ version: d.version, protocol: d.protocol, view: d.view }));
    assert(/^\d+\.\d+\.\d+/.test(version), `version ${version}`);
    eq(protocol, 1, 'protocol');
    eq([view.scene, view.flow, view.step], ['endpoint', KUBELET, null], 'the view of ready');
    const src = await page.$eval('#diagram iframe', (f) => f.src);
    assert(src.startsWith(`${site.url}?embed`), `frame src ${src}`);
    assert(src.includes(`origin=${encodeURIComponent(site.origin)}`), `the helper did not pin its origin: ${src}`);
    eq(await svg('data-scene'), 'endpoint', 'frame scene');
    eq(await svg('data-flow'), KUBELET, 'frame flow');
  });

  await check('set {step} moves the frame to the step and reports its hop and the verdict', async () => {
    const from = await count(page);
    await page.evaluate(() => d.set({ step: 3 }));
    const e = await nextEvent(page, 'step', from, 'e.step === 3');
    eq(e.flow, KUBELET, 'step event flow');
    assert(e.steps > 4, `only ${e.steps} steps`);
    eq(await svg('data-step'), '3', 'frame data-step');
    const at = await frame.$eval('ol.steps > li[aria-current="step"]', (li) => li.dataset.at);
    eq(e.hop.at, at, 'the hop of the step event is the step the frame shows');
    const lis = await frame.$$eval('ol.steps > li', (l) => l.map((x) => x.getAttribute('aria-current')));
    eq(lis.indexOf('step'), 3, 'the current <li>');
    const verdict = await frame.$eval('.verdict[data-verdict]', (v) => v.dataset.verdict);
    eq(e.verdict.kind, verdict, 'verdict');
    const v = await nextEvent(page, 'view', from, 'e.step === 3');
    eq([v.scene, v.flow, v.access, v.lang], ['endpoint', KUBELET, 'public', 'en'], 'view event');
  });

  await check('next and prev step like the buttons', async () => {
    let from = await count(page);
    await page.evaluate(() => d.next());
    await nextEvent(page, 'step', from, 'e.step === 4');
    eq(await svg('data-step'), '4', 'after next');
    from = await count(page);
    await page.evaluate(async () => { await d.prev(); await d.prev(); });
    await nextEvent(page, 'step', from, 'e.step === 2');
    eq(await svg('data-step'), '2', 'after prev, prev');
  });

  await check('set {access} switches the endpoint mode; the path and the hop follow', async () => {
    const from = await count(page);
    await page.evaluate(() => d.set({ access: 'private', step: null }));
    const v = await nextEvent(page, 'view', from, "e.access === 'private'");
    eq(v.step, null, 'all steps lit');
    eq(await frame.$eval('[data-control="endpoint-mode"]', (e) => e.dataset.state), 'private', 'endpoint mode in the frame');
    await frame.waitForFunction(() => [...document.querySelectorAll('.app svg.eksnet-scene [data-on-path][data-id]')]
      .some((e) => e.dataset.id.startsWith('eks-eni:')), null, { timeout: 5000 });
    const lit = await frame.$$eval('.app svg.eksnet-scene [data-on-path][data-id]', (els) => els.map((e) => e.dataset.id));
    assert(!lit.includes('cp:nlb'), `the private path goes through the public NLB: ${lit.join(', ')}`);
    const s = await nextEvent(page, 'step', from, 'e.step === null');
    assert(s.hop === null && s.verdict && s.steps > 0, `step event with all steps lit: ${JSON.stringify(s).slice(0, 200)}`);
  });

  await check('set {lang} switches the frame to Korean', async () => {
    const from = await count(page);
    await page.evaluate(() => d.set({ lang: 'ko' }));
    await nextEvent(page, 'view', from, "e.lang === 'ko'");
    eq(await frame.$eval('html', (h) => h.lang), 'ko', 'frame <html lang>');
    const title = await frame.$eval('.app svg.eksnet-scene title', (t) => t.textContent);
    assert(/[가-힣]/.test(title), `the diagram's title is not Korean: ${title}`);
    await page.evaluate(() => d.set({ lang: 'en' }));
  });

  await check('set {selection} selects; a reader\'s click is reported back', async () => {
    let from = await count(page);
    await page.evaluate((id) => d.set({ selection: id }), NODE46);
    const e = await nextEvent(page, 'selection', from, `e.selection === '${NODE46}'`);
    eq(e.selection, NODE46, 'selection event');
    const cls = await frame.$eval(`.app svg.eksnet-scene g[data-id="${NODE46}"]`, (g) => g.getAttribute('class'));
    assert(/\bselected\b/.test(cls), `not marked selected: ${cls}`);
    // A reader clicks another drawn shape (a node if the overview draws a second
    // one, else any other shape): the page hears of it.
    const other = await frame.$$eval('.app svg.eksnet-scene g.shape[data-id]', (gs, skip) => {
      const ids = gs.map((g) => g.getAttribute('data-id')).filter((id) => id !== skip);
      return ids.find((id) => id.startsWith('node:')) ?? ids[ids.length - 1];
    }, NODE46);
    assert(other, 'the diagram draws another shape to click');
    from = await count(page);
    await frame.click(`.app svg.eksnet-scene g[data-id="${other}"] > rect`, { force: true });
    await nextEvent(page, 'selection', from, `e.selection === '${other}'`);
    from = await count(page);
    await page.evaluate(() => d.set({ selection: null }));
    await nextEvent(page, 'selection', from, 'e.selection === null');
  });

  await check('set {scene, node} shows a node from the inside', async () => {
    const from = await count(page);
    await page.evaluate(() => d.set({ scene: 'inside-node', node: 'ip-192-168-48-175' }));
    await nextEvent(page, 'view', from, "e.scene === 'inside-node' && e.node === 'ip-192-168-48-175'");
    eq(await svg('data-scene'), 'inside-node', 'frame scene');
    assert(await frame.$(`.app svg.eksnet-scene [data-node="${NODE48.slice(5)}"]`), 'the chosen node is not drawn');
    await page.evaluate((f) => d.set({ scene: 'endpoint', node: null, flow: f }), KUBELET);
  });

  await check('play steps through the flow and pause stops it', async () => {
    let from = await count(page);
    await page.evaluate(() => d.play());
    await nextEvent(page, 'view', from, 'e.playing === true');
    await nextEvent(page, 'step', from, 'e.step === 0');
    await nextEvent(page, 'step', from, 'e.step === 1', 5000);
    eq(await frame.$eval('[data-control="step-play"]', (b) => b.getAttribute('aria-pressed')), 'true', 'play button pressed');
    from = await count(page);
    await page.evaluate(() => d.pause());
    await nextEvent(page, 'view', from, 'e.playing === false');
    const at = await svg('data-step');
    await page.waitForTimeout(1500);
    eq(await svg('data-step'), at, 'the step after pausing');
  });

  await check('a reader stepping in the frame is reported to the page', async () => {
    await page.evaluate(() => d.set({ step: 0 }));
    const from = await count(page);
    await frame.click('[data-control="step-next"]');
    await nextEvent(page, 'step', from, 'e.step === 1');
    await nextEvent(page, 'view', from, 'e.step === 1');
  });

  await check('the frame asks for the height that shows the whole diagram, and gets it', async () => {
    const from = await count(page);
    await page.evaluate(() => d.set({ scene: 'components', flow: null }));
    await nextEvent(page, 'view', from, "e.scene === 'components'");
    await page.waitForTimeout(500);
    const h = await page.evaluate(() => window.events.filter((e) => e.type === 'height').at(-1).height);
    const css = await page.$eval('#diagram iframe', (f) => f.getBoundingClientRect().height);
    assert(Math.abs(css - h) < 1, `the frame is ${css}px high, eksnet asked for ${h}px`);
    // At that height the diagram fills its box: no band above or below it.
    const fit = await frame.$eval('.app svg.eksnet-scene', (s) => {
      const r = s.getBoundingClientRect();
      const [, , w, hh] = s.getAttribute('viewBox').split(' ').map(Number);
      return { box: r.height, want: (r.width * hh) / w };
    });
    assert(Math.abs(fit.box - fit.want) < 3, `diagram box ${fit.box}px high, its aspect wants ${fit.want}px`);
  });

  await check('refused commands say what was wrong and change nothing', async () => {
    const from = await count(page);
    await page.evaluate((f) => d.set({ scene: 'endpoint', flow: f, step: 2 }), KUBELET);
    await nextEvent(page, 'view', from, "e.step === 2 && e.scene === 'endpoint'");
    const before = await page.evaluate(() => d.view);
    const cases = [
      [{ step: 99 }, '/step', /past the last step/],
      [{ scene: 'endpont' }, '/scene', /unknown variant/, 'did you mean `endpoint`?'],
      [{ flow: 'teleport:me' }, '/flow', /not a kind of flow/],
      [{ stpe: 3 }, '/stpe', /unknown field/, 'did you mean `step`?'],
      [{ step: 'three' }, '/step', /invalid type/],
      [{ selection: 'node:nowhere' }, '/selection', /no element/],
      [{ node: 'ip-10-0-0-1' }, '/node', /no node/],
      [{ access: 'sideways' }, '/access', /unknown endpoint access/],
    ];
    for (const [fields, path, re, suggestion] of cases) {
      const err = await page.evaluate((f) => d.set(f).then(() => null, (e) => ({ name: e.name, path: e.path, reason: e.reason, suggestion: e.suggestion })), fields);
      assert(err, `set ${JSON.stringify(fields)} was accepted`);
      eq([err.name, err.path], ['EmbedError', path], `error for ${JSON.stringify(fields)}`);
      assert(re.test(err.reason), `message for ${JSON.stringify(fields)}: ${err.reason}`);
      if (suggestion) eq(err.suggestion, suggestion, `suggestion for ${JSON.stringify(fields)}`);
    }
    const bad = await page.evaluate(() => d.scenario({ vpc: { subnets: [{ cidrBlock: 5 }] } }).catch((e) => e.path));
    eq(bad, '/scenario/vpc/subnets/0/cidrBlock', 'scenario error path');
    const patch = await page.evaluate(() => d.patch({ cluster: { resourcesVpcConfig: { endpointPublicAcess: true } } }).catch((e) => [e.path, e.suggestion]));
    eq(patch, ['/patch/cluster/resourcesVpcConfig/endpointPublicAcess', 'did you mean `endpointPublicAccess`?'], 'patch error');
    const noFlow = await page.evaluate(async () => { await d.set({ flow: null }); return d.next().catch((e) => e.reason); });
    assert(/no flow is shown/.test(noFlow), `next without a flow: ${noFlow}`);
    await page.evaluate(() => d.set({ flow: 'kubelet:ip-192-168-46-6', step: 2 }));
    await page.waitForTimeout(200);
    eq(await page.evaluate(() => d.view), before, 'the view after the refused commands');
    eq(await svg('data-step'), '2', 'frame step after the refused commands');
  });

  for (const sel of ['#sibling', '#neighbour']) {
    await check(`another frame of the page is ignored, from another origin or the same (${sel})`, async () => {
      const sib = await (await page.waitForSelector(sel)).contentFrame();
      const was = await ignored(frame);
      const from = await count(page);
      await sib.evaluate(() => {
        window.attack({ eksnet: 1, type: 'set', id: 66, scene: 'components' });
        window.attack({ eksnet: 1, type: 'hello', id: 67 });
      });
      await frame.waitForFunction((n) => Number(document.documentElement.getAttribute('data-embed-ignored')) >= n + 2, was, { timeout: 5000 });
      await page.waitForTimeout(300);
      eq(await svg('data-scene'), 'endpoint', 'scene after the sibling\'s message');
      eq(await sib.evaluate(() => window.got), [], 'replies the sibling received');
      const after = await page.evaluate((n) => window.events.slice(n).filter((e) => e.type === 'view' || e.type === 'error'), from);
      eq(after, [], 'events the page saw');
    });
  }

  await check('scenario replaces the cluster; patch merges into it', async () => {
    await page.evaluate(() => d.set({ access: 'public' }));
    let from = await count(page);
    await page.evaluate((s) => d.scenario(s), privateOnly);
    await nextEvent(page, 'view', from, "e.access === 'private'");
    from = await count(page);
    await page.evaluate(() => d.set({ flow: 'kubectl:laptop' }));
    const e = await nextEvent(page, 'step', from, "e.flow === 'kubectl:laptop'");
    eq(e.verdict.kind, 'blocked', 'kubectl from the internet to a private-only endpoint');
    eq(await frame.$eval('.verdict[data-verdict]', (v) => v.dataset.verdict), 'blocked', 'frame verdict');
    from = await count(page);
    await page.evaluate(() => d.patch({ cluster: { resourcesVpcConfig: { endpointPublicAccess: true } } }));
    await nextEvent(page, 'view', from, "e.access === 'public-private'");
    eq(await frame.$eval('[data-control="endpoint-mode"]', (e) => e.dataset.state), 'public-private', 'mode after patch');
    await nextEvent(page, 'step', from, "e.verdict && e.verdict.kind === 'reachable'");
  });

  await check('no console errors in the page or the frame', async () => {
    assert(errors.length === 0, errors.join('\n'));
  });

  await check('the guide\'s page walks through the kubelet flow as the reader scrolls', async () => {
    const g = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    watch(g);
    await g.goto(`${site.origin}/docs/guide.html`);
    const gf = await frameOf(g, '#diagram iframe');
    const sections = await g.$$eval('section', (ss) => ss.map((s) => ({ ...s.dataset })));
    assert(sections.length >= 3, `the page has ${sections.length} sections`);
    for (const [i, sec] of sections.entries()) {
      await g.evaluate((i) => document.querySelectorAll('section')[i].scrollIntoView({ block: 'center' }), i);
      if (sec.step !== undefined) {
        await gf.waitForSelector(`.app svg.eksnet-scene[data-step="${sec.step}"]`, { timeout: 5000 });
        const caption = await g.$eval('#caption', (c) => c.textContent);
        assert(caption.startsWith(`${Number(sec.step) + 1}/`), `caption at step ${sec.step}: ${caption}`);
      } else {
        await gf.waitForFunction((a) => document.querySelector('[data-control="endpoint-mode"]').dataset.state === a
          && !document.querySelector('.app svg.eksnet-scene').hasAttribute('data-step'), sec.access, { timeout: 5000 });
      }
    }
    await g.close();
  });

  await check('raw messages: ready to the parent, malformed ones answered with an error', async () => {
    const raw = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    watch(raw);
    await raw.goto(`${site.origin}/docs/raw.html`);
    const rf = await frameOf(raw, '#ek');
    const ready = await (await raw.waitForFunction(() => window.got.find((m) => m.type === 'ready'))).jsonValue();
    eq([ready.eksnet, ready.protocol, ready.view.scene, ready.view.flow], [1, 1, 'endpoint', KUBELET], 'ready');
    const send = async (make) => {
      const n = await raw.evaluate(() => window.got.length);
      await raw.evaluate(`document.getElementById('ek').contentWindow.postMessage((${make})(), '*')`);
      return (await raw.waitForFunction((n) => window.got.slice(n).find((m) => m.type === 'error' || m.type === 'ok'), n)).jsonValue();
    };
    const cases = [
      ["() => 'set scene components'", '', /a message is an object/],
      ["() => ({ type: 'set', scene: 'components' })", '/eksnet', /not an eksnet message/],
      ["() => ({ eksnet: 2, type: 'set', id: 1 })", '/eksnet', /newer than this eksnet/],
      ["() => ({ eksnet: 1, id: 2 })", '/type', /no `type`/],
      ["() => ({ eksnet: 1, type: 'sett', id: 3 })", '/type', /unknown variant `sett`/],
      ["() => ({ eksnet: 1, type: 'next', id: 4, by: 2 })", '/by', /unknown field/],
      ["() => { const o = { eksnet: 1, type: 'set' }; o.self = o; return o; }", '', /nests deeper/],
      ["() => ({ eksnet: 1, type: 'set', scene: new Map([['a', 1]]) })", '/scene', /unknown variant `a`/],
      ["() => ({ eksnet: 1, type: 'set', step: 99n })", '/step', /step 99 is past the last step/],
      ["() => ({ eksnet: 1, type: 'set', step: new Date() })", '/step', /invalid type: map/],
      ["() => ({ eksnet: 1, type: 'scenario', id: 5, scenario: { version: 99 } })", '/scenario/version', /newer/],
      ["() => ({ eksnet: 1, type: 'patch', id: 6, patch: [1] })", '/patch', /invalid type/],
    ];
    for (const [make, path, re] of cases) {
      const r = await send(make);
      eq([r.type, r.path], ['error', path], `reply to ${make}`);
      assert(re.test(r.message), `message for ${make}: ${r.message}`);
    }
    const ok = await send("() => ({ eksnet: 1, type: 'set', id: 'last', step: 1 })");
    eq([ok.type, ok.id], ['ok', 'last'], 'a good message after the bad ones');
    await rf.waitForSelector('.app svg.eksnet-scene[data-step="1"]', { timeout: 5000 });
    eq(await ignored(rf), 0, 'messages ignored');
    await raw.close();
  });

  await check('a parent on another origin than ?origin= is ignored and hears nothing', async () => {
    const p = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    watch(p);
    await p.goto(`${elsewhere.origin}/host.html`);
    const f = await frameOf(p, '#ek');
    await p.evaluate(() => {
      const w = document.getElementById('ek').contentWindow;
      w.postMessage({ eksnet: 1, type: 'hello', id: 1 }, '*');
      w.postMessage({ eksnet: 1, type: 'set', id: 2, scene: 'components' }, '*');
    });
    await f.waitForFunction(() => Number(document.documentElement.getAttribute('data-embed-ignored')) >= 2, null, { timeout: 5000 });
    await p.waitForTimeout(300);
    eq(await f.$eval('.app svg.eksnet-scene', (s) => s.dataset.scene), 'endpoint', 'scene');
    eq(await p.evaluate(() => window.got), [], 'messages the foreign page received (not even ready)');
    await p.close();
  });
} finally {
  await browser.close();
  await site.close();
  await elsewhere.close();
}
finish('embed');
