// Screenshots of every scene in both languages, in the app (1280×800, side panel
// open), in an 800×500 embed and on a 390×844 phone (bash scripts/dev shots).
// Usage: node tests/shots.mjs [OUT_DIR] [WIDTHxHEIGHT] [QUERY]
// Writes OUT_DIR/<scene>-<lang>.png (the app), <scene>-<lang>-embed.png and
// <scene>-<lang>-phone.png.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { serve, CHROMIUM } from './serve.mjs';

const SCENES = ['architecture', 'endpoint', 'vpc-layouts', 'node-bootstrap', 'pod-network', 'inside-node', 'load-balancing', 'components', 'subnet-addresses'];
const out = process.argv[2] ?? 'docs/screenshots';
const [width, height] = (process.argv[3] ?? '1280x800').split('x').map(Number);
const query = process.argv[4] ?? '';
await mkdir(out, { recursive: true });

const site = await serve('dist');
const browser = await chromium.launch(CHROMIUM);
try {
  for (const [suffix, embed, w, h] of [['', false, width, height], ['-embed', true, 800, 500], ['-phone', false, 390, 844]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    for (const lang of ['en', 'ko']) {
      for (const scene of SCENES) {
        const q = [embed ? 'embed' : '', `scene=${scene}`, `lang=${lang}`, query].filter(Boolean).join('&');
        await page.goto(`${site.url}?${q}`, { waitUntil: 'load' });
        await page.waitForSelector(`.app svg.eksnet-scene[data-scene="${scene}"] [data-id]`, { timeout: 20000 });
        await page.waitForTimeout(200);
        const file = `${out}/${scene}-${lang}${suffix}.png`;
        await page.screenshot({ path: file });
        console.log(file);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
