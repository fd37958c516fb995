// The page header on a 390×844 phone, in both languages: one line (no wrap), every
// button inside the screen, and no horizontal scroll on the page.
// Usage: node tests/header.mjs (after `trunk build --release`).
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from './serve.mjs';

const site = await serve('dist');
const browser = await chromium.launch(CHROMIUM);
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const lang of ['en', 'ko']) {
    await page.goto(`${site.url}?lang=${lang}`, { waitUntil: 'load' });
    await page.waitForSelector('.app-header .lang-btn', { timeout: 20000 });
    await page.waitForTimeout(200);
    const m = await page.evaluate(() => {
      const h = document.querySelector('.app-header');
      const kids = [...h.children].filter((k) => getComputedStyle(k).display !== 'none');
      const tops = kids.map((k) => Math.round(k.getBoundingClientRect().top));
      const rights = kids.map((k) => k.getBoundingClientRect().right);
      return {
        height: h.getBoundingClientRect().height,
        rows: new Set(tops.map((t) => Math.round(t / 8))).size,
        tops,
        right: Math.max(...rights),
        scrollW: document.documentElement.scrollWidth,
        clientW: document.documentElement.clientWidth,
      };
    });
    console.log(lang, JSON.stringify(m));
    // One line: every item starts within a few px of the others, and the bar is
    // no taller than one button row and its padding.
    if (Math.max(...m.tops) - Math.min(...m.tops) > 8) failures.push(`${lang}: the header wraps (item tops ${m.tops})`);
    if (m.height > 44) failures.push(`${lang}: the header is ${m.height} px high (one line is at most 44)`);
    if (m.right > m.clientW) failures.push(`${lang}: a header item ends at ${m.right} px, past the ${m.clientW} px screen`);
    if (m.scrollW > m.clientW) failures.push(`${lang}: the page scrolls sideways (${m.scrollW} > ${m.clientW})`);
  }
} finally {
  await browser.close();
  await site.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('header: one line on a 390 px phone in en and ko, no sideways scroll');
