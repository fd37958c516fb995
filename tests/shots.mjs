// Screenshots of every scene in both languages (bash scripts/dev shots).
// Usage: node tests/shots.mjs [OUT_DIR] [WIDTHxHEIGHT] [QUERY]
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { serve, CHROMIUM } from './serve.mjs';

const SCENES = ['architecture', 'endpoint', 'vpc-layouts', 'node-bootstrap', 'pod-network', 'inside-node', 'load-balancing', 'components'];
const out = process.argv[2] ?? 'docs/screenshots';
const [width, height] = (process.argv[3] ?? '1280x800').split('x').map(Number);
const query = process.argv[4] ?? '';
await mkdir(out, { recursive: true });

const site = await serve('dist');
const browser = await chromium.launch(CHROMIUM);
try {
  for (const lang of ['en', 'ko']) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(site.url + (query ? `?${query}` : ''), { waitUntil: 'load' });
    await page.waitForSelector('.app svg.eksnet-scene [data-id]');
    await page.click(`[data-control="lang"] [data-value="${lang}"]`);
    for (const scene of SCENES) {
      await page.click(`[role="tab"][data-scene="${scene}"]`);
      await page.waitForSelector(`svg.eksnet-scene[data-scene="${scene}"]`, { timeout: 5000 }).catch(() => console.log(`(${scene}: no scene of its own yet)`));
      await page.waitForTimeout(150);
      const file = `${out}/${scene}-${lang}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
