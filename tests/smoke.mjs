// Site smoke test: loads the built dist/ over http on 127.0.0.1 in headless
// Chromium, the way a browser would, and checks that the diagram rendered with
// the default scenario and that the console stayed clean.
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from './serve.mjs';

const DEFAULT_NODES = [
  'node:ip-192-168-46-6.ap-northeast-2.compute.internal',
  'node:ip-192-168-48-175.ap-northeast-2.compute.internal',
  'node:ip-192-168-75-136.ap-northeast-2.compute.internal',
  'node:ip-192-168-90-3.ap-northeast-2.compute.internal',
];

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${e.message.split('\n').join('\n     ')}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Opens `url`, returns { page, errors } once the diagram has nodes. */
async function open(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('svg.eksnet-scene [data-id^="node:"]', { timeout: 20000 });
  return { page, errors };
}

const browser = await chromium.launch(CHROMIUM);
try {
  for (const base of ['/', '/docs/eksnet/']) {
    const site = await serve('dist', { base });
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
        const pod = await page.$('svg.eksnet-scene [data-pod="default/my-nginx-5dc4865748-g2xzk"][data-ip="192.168.36.89"]')
          ?? await page.$('svg.eksnet-scene [data-ip="192.168.36.89"]');
        assert(pod, 'pod my-nginx-5dc4865748-g2xzk (192.168.36.89) is not drawn');
        const text = await page.textContent('svg.eksnet-scene');
        assert(text.includes('192.168.36.89'), 'pod IP 192.168.36.89 not shown');
        const title = await page.$eval('svg.eksnet-scene title', (t) => t.textContent);
        assert(title.length > 0, 'the SVG has no title');
        await page.waitForTimeout(300);
        assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
        await page.close();
      });
    } finally {
      await site.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
