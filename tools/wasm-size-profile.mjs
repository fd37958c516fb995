// The size profile of a wasm module kept with its names (docs/size.md): the code size of
// every function, largest first, or summed by crate and kind.
//   wasm-opt -Oz <the site's flags> -g dist-input.wasm -o named.wasm
//   node tools/wasm-size-profile.mjs named.wasm [TOP] [--group | --index]
//   node tools/wasm-size-profile.mjs --site DIR
// --group: code bytes by crate and kind, and each group's function bodies gzipped
// together (gzip -9, node's zlib): near enough what the group weighs in the shipped
// file to compare groups; the data section likewise.
// --index: every function as `index size name`, in the module's order: the index is
// the one V8's traces give, e.g. wasm.CompileLazy's func_index.
// --site: every module of a split site built with its names kept (tools/split-dist.sh
// with WASM_OPT naming a `wasm-opt -g` wrapper), the groups summed over the modules,
// beside the modules' own gzip -9 (their names stripped, as the site ships them, is
// smaller: the name section is not counted here).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A module's functions (index, size, start, name), its data section and its sections. */
function read(file) {
const b = readFileSync(file);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
const str = () => { const n = leb(); const s = b.toString('utf8', p, p + n); p += n; return s; };
let imported = 0; const bodies = []; const starts = []; let data = null; const names = new Map(); const sections = [];
while (p < b.length) {
  const id = b[p++]; const size = leb(); const start = p; const end = p + size;
  let label = String(id);
  if (id === 0) { label = 'custom:' + str(); }
  sections.push([label, size]);
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { str(); str(); const k = b[p++];
      if (k === 0) { leb(); imported++; } else if (k === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (k === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (k === 3) { p += 2; } else if (k === 4) { p++; leb(); } } }
  if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const s = leb(); bodies.push(s + 1); starts.push(p); p += s; } }
  if (id === 11) data = b.subarray(start, end);
  if (label === 'custom:name') { while (p < end) { const sid = b[p++]; const ssz = leb(); const se = p + ssz;
      if (sid === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(); names.set(idx, str()); } }
      p = se; } }
  p = end;
}
const fns = bodies.map((s, i) => ({ index: i + imported, size: s, start: starts[i], name: demangle(names.get(i + imported) || `func[${i + imported}]`) }));
return { b, fns, data, sections };
}
function demangle(s) {
  if (!s.startsWith('_ZN')) return s.replace(/::h[0-9a-f]{16}$/, '');
  let i = 3; const parts = [];
  while (i < s.length && s[i] !== 'E') { let n = 0; while (/[0-9]/.test(s[i])) n = n * 10 + Number(s[i++]); parts.push(s.slice(i, i + n)); i += n; }
  if (/^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$BP\$/g, '*').replace(/\.\./g, '::').replace(/\$u5b\$/g,'[').replace(/\$u5d\$/g,']').replace(/\$u27\$/g,"'");
}
const gz = (bufs) => gzipSync(Buffer.concat(bufs), { level: 9 }).length;
const key = (n) => {
    const rules = [[/serde_path_to_error/, 'serde_path_to_error'], [/serde_json/, 'serde_json'], [/serde::|serde_core|_serde::|Deserialize|Serialize|Visitor/, 'serde (derives)'],
      [/sort|merge|heapsort|quicksort|insertion_sort|smallsort|driftsort/, 'slice sort'], [/core::fmt|fmt::|Debug|Display/, 'fmt'],
      [/leptos|reactive_graph|tachys|any_spawner|or_poisoned/, 'leptos'], [/wasm_bindgen|web_sys|js_sys/, 'wasm-bindgen/web-sys'],
      [/eksnet::text/, 'eksnet::text'], [/eksnet::import/, 'eksnet::import'], [/eksnet::cni/, 'eksnet::cni'], [/eksnet::scene/, 'eksnet::scene'], [/eksnet_web/, 'eksnet_web'], [/eksnet/, 'eksnet other'],
      [/miniz|inflate|deflate/, 'miniz'], [/dlmalloc|alloc::/, 'alloc'], [/core::|std::/, 'core/std']];
    for (const [r, k] of rules) if (r.test(n)) return k; return 'other';
};
/** Code bytes, functions and gzip -9 by group (and the data section), into `into`. */
function groups({ b, fns, data }, into = new Map()) {
  const here = new Map();
  for (const f of fns) { const k = key(f.name); const g = here.get(k) || []; g.push(f); here.set(k, g); }
  for (const [k, fs] of here) {
    const g = into.get(k) || { size: 0, n: 0, gzip: 0 };
    g.size += fs.reduce((a, f) => a + f.size, 0); g.n += fs.length;
    g.gzip += gz(fs.map((f) => b.subarray(f.start, f.start + f.size - 1)));
    into.set(k, g);
  }
  if (data) { const g = into.get('(data section)') || { size: 0, n: 0, gzip: 0 }; g.size += data.length; g.gzip += gz([data]); into.set('(data section)', g); }
  return into;
}
function printGroups(all) {
  console.log('    code  fns     gzip  group');
  for (const [k, g] of [...all].sort((a, b) => b[1].gzip - a[1].gzip)) console.log(`${String(g.size).padStart(8)} ${String(g.n || '').padStart(5)} ${String(g.gzip).padStart(8)}  ${k}`);
}

const [first, topArg, mode] = process.argv.slice(2);
if (first === '--site') {
  const dir = topArg;
  const all = new Map(); let shipped = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort()) {
    const m = read(join(dir, f));
    const before = [...all.values()].reduce((a, g) => a + g.gzip, 0);
    groups(m, all);
    const own = gzipSync(m.b, { level: 9 }).length; shipped += own;
    console.log(`${f}: ${m.b.length} bytes (gzip ${own} with its names); groups ${[...all.values()].reduce((a, g) => a + g.gzip, 0) - before} gzip`);
  }
  printGroups(all);
  console.log(`groups ${[...all.values()].reduce((a, g) => a + g.gzip, 0)} gzip in all; the modules' own gzip ${shipped} (with names)`);
  process.exit(0);
}
const file = first;
const top = Number(topArg || 40);
const m = read(file);
const { fns } = m;
const codeTotal = fns.reduce((a, f) => a + f.size, 0);
console.log(`file ${file}: ${m.b.length} bytes; code ${codeTotal} in ${fns.length} functions`);
for (const [l, s] of m.sections) if (s > 1000) console.log(`  section ${l}: ${s}`);
if (mode === '--group') {
  printGroups(groups(m));
} else if (mode === '--index') {
  for (const f of fns) console.log(`${f.index} ${f.size} ${f.name}`);
} else {
  fns.sort((a, b) => b.size - a.size);
  for (const f of fns.slice(0, top)) console.log(`${String(f.size).padStart(7)}  ${f.name.slice(0, 150)}`);
}
