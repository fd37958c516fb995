#!/usr/bin/env bash
# The explorer with the core's code split off into a chunk of its own (web
# feature `split`, see web/src/core_api.rs and docs/size.md, "Code splitting").
#
#   tools/split-dist.sh <trunk-dist> <out-dir>   builds, and assembles a site
#                                                from a Trunk build's dist
#   tools/split-dist.sh --trunk-hook             as Trunk's post_build hook:
#       rewrites Trunk's staged site when it was built with `--features split`
#       (its wasm then imports the split point's placeholders), else does nothing
#
# The steps, in the order they must run: cargo (the link keeps its relocations,
# `--emit-relocs`, which the splitter reads; web/build.rs), wasm-split-cli (main
# module and chunk, from cargo's own output: Trunk's wasm-bindgen drops the
# relocations), wasm-bindgen on the main module only (keeping the linker's
# exports the chunk's loader takes: memory, table, stack pointer), wasm-opt on
# each module with index.html's flags. WASM_SPLIT_CLI names the splitter
# (crates.io `wasm_split_cli_support`, feature `build-binary`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
split_cli=${WASM_SPLIT_CLI:-wasm-split-cli}
wasm_opt=${WASM_OPT:-$root/node_modules/.bin/wasm-opt}
raw=${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/release/eksnet-web.wasm
cd "$root"

# split NAME OUT: the main module as OUT/NAME.js and OUT/NAME_bg.wasm, the
# chunks and their loader beside them, named by content
# (split_<chunk>-<hash>.wasm, one per split point; chunk_<n>-<hash>.wasm, the
# code two split points share, fetched with either; __wasm_split-<hash>.js).
split() {
  local name=$1 out=$2 work params chunk
  work=$(mktemp -d)
  "$split_cli" --target web --out-name "$name" "$raw" "$work/split"
  guard "$work/split/$name.wasm"
  wasm-bindgen --target web --keep-lld-exports --no-demangle --out-name "$name" \
    --out-dir "$work/bg" "$work/split/$name.wasm"
  params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
  # shellcheck disable=SC2086
  "$wasm_opt" -Oz $params -o "$out/${name}_bg.wasm" "$work/bg/${name}_bg.wasm"
  for chunk in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
    [ -e "$chunk" ] || continue
    # shellcheck disable=SC2086
    "$wasm_opt" -Oz $params -o "$out/$(basename "$chunk")" "$chunk"
  done
  cp "$work/bg/$name.js" "$work/split/__wasm_split.js" "$out/"
  # Every chunk and the loader named by their content, as Trunk names the
  # rest: a cached chunk is never paired with a newer main module.
  local loader=__wasm_split.js file hashed
  for chunk in "$out"/split_*.wasm "$out"/chunk_*.wasm; do
    [ -e "$chunk" ] || continue
    file=$(basename "$chunk" .wasm)
    hashed="$file-$(content_hash "$chunk").wasm"
    mv "$chunk" "$out/$hashed"
    sed -i "s|\"./$file.wasm\"|\"./$hashed\"|" "$out/$loader"
    grep -q "\"./$hashed\"" "$out/$loader" || { echo "split: the loader does not name $file.wasm" >&2; exit 1; }
  done
  hashed="__wasm_split-$(content_hash "$out/$loader").js"
  mv "$out/$loader" "$out/$hashed"
  # The import statement only: the wasm's own import module keeps its name.
  sed -i "s|from \"./$loader\"|from \"./$hashed\"|" "$out/$name.js"
  grep -q "from \"./$hashed\"" "$out/$name.js" || { echo "split: $name.js does not import the loader" >&2; exit 1; }
  # NAME.js imports the chunks' loader: fetched beside it, not after it.
  sed -i "s|<link rel=\"modulepreload\" href=\"./$name.js\" crossorigin=\"anonymous\">|&<link rel=\"modulepreload\" href=\"./$hashed\" crossorigin=\"anonymous\">|" \
    "$out/index.html"
  grep -q "href=\"./$hashed\"" "$out/index.html" || { echo "split: index.html has no modulepreload for $name.js" >&2; exit 1; }
  rm -rf "$work"
}

# guard MAIN: the main module (still named, before wasm-bindgen) holds none of
# the core's heavy code and none of the page's later parts. Every call into
# them goes through web/src/core_api.rs's table or web/src/later.rs's; a call
# made around one keeps what it reaches in the first load, and fails the build
# here. The paths are the modules the tables reach (the scene kinds' titles
# and captions and the icons stay with the tabs, the toolbar's quick controls,
# the undo bar's signal and the tab keys with the first task's views).
# Bodies under 200 bytes are left out: the linker folds identical small
# functions into one, named after any of them.
HEAVY='^eksnet::(analysis|check|import|kubectl|model::build|scenario::read|share::(from|to)_query|lb::derive|cni::(max_pods|report|node)|svg::(drawing|render)|trace::(data|control|dispatch)|scene::[a-z_]+::)'
LATER='^eksnet_web::(panels|controls|max_pods|share_bar|orientation|embed|embedded|import::__component_import_panel)(::|$)'
FIRST='^eksnet::scene::(caption|icons)::|^eksnet_web::(controls::(quick|undo)|panels::tablist_keys)(::|$)'
guard() {
  local names leaked
  names=$(node "$root/tools/wasm-size-profile.mjs" "$1" 0 --index | awk '$2 >= 200' | cut -d' ' -f3-)
  # Without its names (a release profile that strips them) the guard sees
  # nothing: it says so rather than passing.
  grep -q '^eksnet_web::' <<<"$names" || {
    echo "split: the main module has no function names to check (is the release profile stripping them?)" >&2
    exit 1
  }
  leaked=$(grep -E "$HEAVY|$LATER" <<<"$names" | grep -vE "$FIRST" || true)
  [ -z "$leaked" ] || {
    echo "split: the main module holds code its tables reach (call it through web/src/core_api.rs or web/src/later.rs):" >&2
    echo "$leaked" | head -n 20 >&2
    exit 1
  }
}

# The first 16 hex digits of FILE's SHA-256.
content_hash() {
  sha256sum "$1" | cut -c1-16
}

if [ "${1:-}" = --trunk-hook ]; then
  stage=${TRUNK_STAGING_DIR:?run by Trunk}
  # Another page built with this Trunk.toml (web/reference) has no explorer.
  staged=$(find "$stage" -maxdepth 1 -name 'eksnet-web*_bg.wasm' | head -n 1)
  [ -n "$staged" ] || exit 0
  grep -q __wasm_split_placeholder__ "$staged" || exit 0
  [ "${TRUNK_PROFILE:-}" = release ] || { echo "split: release builds only" >&2; exit 1; }
  name=$(basename "$staged" _bg.wasm)
  split "$name" "$stage"
  exit 0
fi

base=${1:?trunk dist}
out=${2:?out dir}
cargo build --release --target wasm32-unknown-unknown -p eksnet-web --bin eksnet-web --features split
rm -rf "$out"
mkdir -p "$out"
for f in "$base"/*; do
  case "$f" in
    *.wasm | */eksnet-web-*.js | */__wasm_split-*.js) ;;
    *) cp "$f" "$out/" ;;
  esac
done
# Trunk's index.html names the hashed files; this build's are plain. A dist
# Trunk already split (its hook) preloads its own loader: this build adds its.
sed -i -E -e 's/eksnet-web-[0-9a-f]+/eksnet-web/g' \
  -e 's|<link rel="modulepreload" href="\./__wasm_split-[0-9a-f]+\.js" crossorigin="anonymous">||g' "$out/index.html"
split eksnet-web "$out"
ls -l "$out"
