// Sizes of a built site: every file raw and gzip -9, and the totals.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

async function sizes(dir) {
  const files = [];
  for (const name of (await readdir(dir)).sort()) {
    if (name.startsWith('.')) continue;
    const body = await readFile(join(dir, name)).catch(() => null);
    if (!body) continue;
    files.push({ file: name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return {
    files,
    total_raw: files.reduce((a, f) => a + f.raw, 0),
    total_gzip: files.reduce((a, f) => a + f.gzip, 0),
  };
}

const [site, ref, core] = process.argv.slice(2);
console.log(JSON.stringify({
  site: await sizes(site),
  reference: ref ? await sizes(ref) : null,
  core_alone: core ? await sizes(core) : null,
}, null, 2));
