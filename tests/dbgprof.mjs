import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from './serve.mjs';
import { writeFile } from 'node:fs/promises';
const b = await chromium.launch(CHROMIUM);
const site = await serve(process.argv[2]);
const ctx = await b.newContext({ viewport: { width: 1280, height: 800 } });
const p = await ctx.newPage();
const cdp = await ctx.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await p.goto(site.url + (process.argv[3] || ''), { waitUntil: 'load' });
await p.waitForSelector('svg.eksnet-scene [data-id^="node:"]', {timeout: 60000, state: 'attached'});
await p.waitForTimeout(200);
const { profile } = await cdp.send('Profiler.stop');
// self time per function
const self = new Map(); const byId = new Map(profile.nodes.map(n => [n.id, n]));
const dt = profile.timeDeltas; let i = 0;
for (const s of profile.samples) { const n = byId.get(s); const k = n.callFrame.functionName || '(anon ' + n.callFrame.url.split('/').pop() + ')'; self.set(k, (self.get(k) || 0) + (dt[i++] || 0) / 1000); }
// inclusive time per function
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map(); i = 0;
for (const s of profile.samples) { const seen = new Set(); let id = s; while (id) { const k = byId.get(id).callFrame.functionName; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + (dt[i] || 0) / 1000); } id = parent.get(id); } i++; }
console.log('SELF'); [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(1), k.slice(0, 140)));
console.log('INCL'); [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60).forEach(([k, v]) => console.log(v.toFixed(1), k.slice(0, 140)));
await site.close(); await b.close();
