#!/usr/bin/env bash
# Builds the explorer with the core's code split off into a chunk of its own
# (web feature `split`, see web/src/core_api.rs and docs/size.md, "Code
# splitting") and assembles a site from a Trunk build's dist.
#
#   tools/split-dist.sh <trunk-dist> <out-dir>
#
# The steps, in the order they must run: cargo (the link keeps its relocations,
# `--emit-relocs`, which the splitter reads; web/build.rs), wasm-split-cli (main module and
# chunk), wasm-bindgen on the main module only (keeping the linker's exports
# the chunk's loader takes: memory, table, stack pointer), wasm-opt on each
# module with index.html's flags. WASM_SPLIT_CLI names the splitter
# (crates.io `wasm_split_cli_support`, feature `build-binary`).
set -euo pipefail
base=${1:?trunk dist}
out=${2:?out dir}
root=$(cd "$(dirname "$0")/.." && pwd)
split_cli=${WASM_SPLIT_CLI:-wasm-split-cli}
wasm_opt=${WASM_OPT:-$root/node_modules/.bin/wasm-opt}
cd "$root"
# web/build.rs links with `--emit-relocs` under the feature `split`.
cargo build --release --target wasm32-unknown-unknown -p eksnet-web --bin eksnet-web --features split
raw=target/wasm32-unknown-unknown/release/eksnet-web.wasm
work=$(mktemp -d)
"$split_cli" --target web --out-name eksnet-web "$raw" "$work/split"
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-name eksnet-web \
  --out-dir "$work/bg" "$work/split/eksnet-web.wasm"
params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
rm -rf "$out"
mkdir -p "$out"
# shellcheck disable=SC2086
"$wasm_opt" -Oz $params -o "$out/eksnet-web_bg.wasm" "$work/bg/eksnet-web_bg.wasm"
for chunk in "$work"/split/split_*.wasm; do
  # shellcheck disable=SC2086
  "$wasm_opt" -Oz $params -o "$out/$(basename "$chunk")" "$chunk"
done
cp "$work/bg/eksnet-web.js" "$work/split/__wasm_split.js" "$out/"
for f in "$base"/*; do
  case "$f" in
    *.wasm | */eksnet-web-*.js) ;;
    *) cp "$f" "$out/" ;;
  esac
done
# Trunk's index.html names the hashed files; the split build's are plain.
sed -i -E 's/eksnet-web-[0-9a-f]{16}/eksnet-web/g' "$out/index.html"
# eksnet-web.js imports the chunk's loader: fetched beside it, not after it.
sed -i 's|<link rel="modulepreload" href="./eksnet-web.js" crossorigin="anonymous">|&<link rel="modulepreload" href="./__wasm_split.js" crossorigin="anonymous">|' "$out/index.html"
rm -rf "$work"
ls -l "$out"
