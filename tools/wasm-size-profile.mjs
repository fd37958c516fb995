// The size profile of a wasm module kept with its names (docs/size.md): the code size of
// every function, largest first, or (--group) summed by crate and kind.
//   wasm-opt -Oz <the site's flags> -g dist-input.wasm -o named.wasm
//   node tools/wasm-size-profile.mjs named.wasm [TOP] [--group | --index]
// (--index: every function as `index size name`, in the module's order: the index is
// the one V8's traces give, e.g. wasm.CompileLazy's func_index.)
import { readFileSync } from 'node:fs';
const [file, topArg, mode] = process.argv.slice(2);
const top = Number(topArg || 40);
const b = readFileSync(file);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
const str = () => { const n = leb(); const s = b.toString('utf8', p, p + n); p += n; return s; };
let imported = 0; const bodies = []; const names = new Map(); const sections = [];
while (p < b.length) {
  const id = b[p++]; const size = leb(); const start = p; const end = p + size;
  let label = String(id);
  if (id === 0) { label = 'custom:' + str(); }
  sections.push([label, size]);
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { str(); str(); const k = b[p++];
      if (k === 0) { leb(); imported++; } else if (k === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (k === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (k === 3) { p += 2; } else if (k === 4) { p++; leb(); } } }
  if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const s = leb(); bodies.push(s + 1); p += s; } }
  if (label === 'custom:name') { while (p < end) { const sid = b[p++]; const ssz = leb(); const se = p + ssz;
      if (sid === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(); names.set(idx, str()); } }
      p = se; } }
  p = end;
}
function demangle(s) {
  if (!s.startsWith('_ZN')) return s.replace(/::h[0-9a-f]{16}$/, '');
  let i = 3; const parts = [];
  while (i < s.length && s[i] !== 'E') { let n = 0; while (/[0-9]/.test(s[i])) n = n * 10 + Number(s[i++]); parts.push(s.slice(i, i + n)); i += n; }
  if (/^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$BP\$/g, '*').replace(/\.\./g, '::').replace(/\$u5b\$/g,'[').replace(/\$u5d\$/g,']').replace(/\$u27\$/g,"'");
}
const fns = bodies.map((s, i) => ({ index: i + imported, size: s, name: demangle(names.get(i + imported) || `func[${i + imported}]`) }));
const codeTotal = fns.reduce((a, f) => a + f.size, 0);
console.log(`file ${file}: ${b.length} bytes; code ${codeTotal} in ${fns.length} functions`);
for (const [l, s] of sections) if (s > 1000) console.log(`  section ${l}: ${s}`);
if (mode === '--group') {
  const groups = new Map();
  const key = (n) => {
    const rules = [[/serde_path_to_error/, 'serde_path_to_error'], [/serde_json/, 'serde_json'], [/serde::|serde_core|_serde::|Deserialize|Serialize|Visitor/, 'serde (derives)'],
      [/sort|merge|heapsort|quicksort|insertion_sort|smallsort|driftsort/, 'slice sort'], [/core::fmt|fmt::|Debug|Display/, 'fmt'],
      [/leptos|reactive_graph|tachys|any_spawner|or_poisoned/, 'leptos'], [/wasm_bindgen|web_sys|js_sys/, 'wasm-bindgen/web-sys'],
      [/eksnet::text/, 'eksnet::text'], [/eksnet::import/, 'eksnet::import'], [/eksnet::cni/, 'eksnet::cni'], [/eksnet::scene/, 'eksnet::scene'], [/eksnet_web/, 'eksnet_web'], [/eksnet/, 'eksnet other'],
      [/miniz|inflate|deflate/, 'miniz'], [/dlmalloc|alloc::/, 'alloc'], [/core::|std::/, 'core/std']];
    for (const [r, k] of rules) if (r.test(n)) return k; return 'other';
  };
  for (const f of fns) { const k = key(f.name); const g = groups.get(k) || { size: 0, n: 0 }; g.size += f.size; g.n++; groups.set(k, g); }
  for (const [k, g] of [...groups].sort((a, b) => b[1].size - a[1].size)) console.log(`${String(g.size).padStart(8)} ${String(g.n).padStart(5)}  ${k}`);
} else if (mode === '--index') {
  for (const f of fns) console.log(`${f.index} ${f.size} ${f.name}`);
} else {
  fns.sort((a, b) => b.size - a.size);
  for (const f of fns.slice(0, top)) console.log(`${String(f.size).padStart(7)}  ${f.name.slice(0, 150)}`);
}
