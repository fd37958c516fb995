//! Bring your own cluster: files dropped on the page (or a folder), picked with a
//! file input, or one document pasted, read in the browser and given to the core's
//! [`eksnet::import::import`]. Nothing leaves the page.
//!
//! - Dropping: the `drop` event's `DataTransfer` items are taken while the event
//!   lasts (`webkitGetAsEntry`, so a dropped folder is walked with its
//!   sub-folders; a plain `File` when the browser gives no entry), then read with
//!   `Blob.text()`, the progress shown file by file.
//! - The imported scenario replaces the current one as one undoable change (the
//!   [`Undo`] of the form), and the [`ImportPanel`] shows the core's report
//!   ([`crate::panels::import_report`]).
//! - YAML: the core reads JSON only; the CLI turns YAML into JSON with
//!   `serde_yaml`. The page does not link a YAML parser (its size would be paid
//!   by every visitor for one kind of file that `eksnet import` or `yq -o=json`
//!   converts); a YAML file is named in the report with that advice.
//! - A scenario made from a snapshot holds account ids, names and public
//!   addresses: [`Importer::sensitive`] says so until it is anonymised or undone,
//!   and the share bar asks before a link or export leaves the page.

use std::sync::Arc;

use eksnet::import::Report;
use eksnet::{Lang, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransferItemList, File, FileSystemDirectoryEntry, FileSystemDirectoryReader,
    FileSystemEntry, FileSystemFileEntry,
};

use crate::controls::undo::{Undo, UndoBar};
use crate::i18n::{self, Tr};
use crate::panels::import_report::ImportReport;

/// One document to import: its name (its path inside a dropped folder) and text.
pub type Doc = (String, String);

/// Where an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading files: `done` of `total`.
    Reading {
        /// Files read so far.
        done: usize,
        /// Files found.
        total: usize,
    },
    /// The core is reading `files` documents.
    Importing {
        /// How many.
        files: usize,
    },
}

/// What the last import gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The core's report.
    pub report: Report,
    /// The files that look like YAML (not read in the browser).
    pub yaml: Vec<String>,
    /// Whether a scenario was made (and drawn).
    pub drawn: bool,
}

/// The import's state, shared by the header button, the page's drop handler, the
/// panel and the share bar.
#[derive(Debug, Clone, Copy)]
pub struct Importer {
    /// The page's scenario (replaced by an import).
    pub scenario: RwSignal<Scenario>,
    /// Whether the panel is open.
    pub open: RwSignal<bool>,
    /// The import under way, if any.
    pub stage: RwSignal<Option<Stage>>,
    /// The last import's outcome.
    pub outcome: RwSignal<Option<Arc<Outcome>>>,
    /// Undo of the replacement.
    pub undo: Undo,
    /// Whether the scenario holds imported, not anonymised data.
    pub sensitive: RwSignal<bool>,
    /// (before the import, as imported, anonymised): tell undo and anonymise apart.
    marks: StoredValue<[Option<Scenario>; 3]>,
}

impl Importer {
    /// A fresh importer of `scenario`.
    pub fn new(scenario: RwSignal<Scenario>) -> Self {
        let imp = Importer {
            scenario,
            open: RwSignal::new(false),
            stage: RwSignal::new(None),
            outcome: RwSignal::new(None),
            undo: Undo(RwSignal::new(None)),
            sensitive: RwSignal::new(false),
            marks: StoredValue::new([None, None, None]),
        };
        // Undo back to the scenario before the import, or to the raw import after
        // anonymising, moves the mark with it; other edits keep it.
        Effect::new(move |_| {
            scenario.with(|s| {
                let [before, raw, anon] = imp.marks.get_value();
                if before.as_ref() == Some(s) || anon.as_ref() == Some(s) {
                    imp.sensitive.set(false);
                } else if raw.as_ref() == Some(s) {
                    imp.sensitive.set(true);
                }
            })
        });
        imp
    }

    /// Replaces the scenario by an imported one (undoable).
    pub fn apply(self, s: Scenario) {
        let before = self.scenario.get_untracked();
        self.marks.set_value([Some(before), Some(s.clone()), None]);
        self.undo.replace(self.scenario, s);
        self.sensitive.set(true);
    }

    /// Replaces the scenario by its anonymised copy (undoable).
    pub fn anonymise(self) {
        // Only an import's outcome is sensitive: its code is there.
        let Some(api) = crate::import_api::loaded() else {
            return;
        };
        let anon = self.scenario.with_untracked(api.anonymise);
        self.marks.update_value(|m| m[2] = Some(anon.clone()));
        self.undo.replace(self.scenario, anon);
        self.sensitive.set(false);
    }

    /// Imports `docs`: the core reads them, the scenario is replaced when one was
    /// made, and the panel opens on the report.
    pub async fn run(self, docs: Vec<Doc>) {
        self.stage.set(Some(Stage::Importing { files: docs.len() }));
        // Let the page paint the progress before the core's (synchronous) work.
        next_frame().await;
        let yaml = docs
            .iter()
            .filter(|(n, t)| looks_yaml(n, t))
            .map(|(n, _)| n.clone())
            .collect();
        // The importers' code is fetched for the first import (a split
        // build, see `import_api`).
        let out = (crate::import_api::load().await.import)(&docs);
        let drawn = out.scenario.is_some();
        if let Some(s) = out.scenario {
            self.apply(s);
        }
        self.outcome.set(Some(Arc::new(Outcome {
            report: out.report,
            yaml,
            drawn,
        })));
        self.stage.set(None);
        self.open.set(true);
    }

    /// Reads `files` (with their names) and imports them.
    pub async fn run_files(self, files: Vec<(String, File)>) {
        let total = files.len();
        let mut docs = Vec::with_capacity(total);
        for (i, (name, f)) in files.into_iter().enumerate() {
            self.stage.set(Some(Stage::Reading { done: i, total }));
            docs.push((name, text_of(&f).await));
        }
        self.run(docs).await;
    }
}

/// Whether a document is YAML rather than JSON (by name or by its first lines).
pub fn looks_yaml(name: &str, text: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let t = text.trim_start();
    n.ends_with(".yaml")
        || n.ends_with(".yml")
        || (!t.starts_with('{')
            && !t.starts_with('[')
            && t.lines()
                .take(50)
                .any(|l| l.starts_with("apiVersion:") || l.starts_with("kind:")))
}

async fn next_frame() {
    let p = js_sys::Promise::new(&mut |res, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&res, 0);
        }
    });
    let _ = JsFuture::from(p).await;
}

async fn text_of(file: &web_sys::Blob) -> String {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A picked file's name: its path in the picked folder when there is one.
fn name_of(file: &File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| file.name())
}

/// Calls a callback-style API and waits for its success callback's argument.
async fn callback(
    f: impl FnOnce(&js_sys::Function, &js_sys::Function),
) -> Option<wasm_bindgen::JsValue> {
    let mut f = Some(f);
    let p = js_sys::Promise::new(&mut |res, rej| {
        if let Some(f) = f.take() {
            f(&res, &rej);
        }
    });
    JsFuture::from(p).await.ok()
}

/// Every file under the dropped entries (folders walked), sorted by path.
async fn walk(roots: Vec<FileSystemEntry>) -> Vec<(String, File)> {
    let mut stack = roots;
    let mut out = Vec::new();
    while let Some(e) = stack.pop() {
        let path = e.full_path().trim_start_matches('/').to_string();
        if e.is_directory() {
            let reader: FileSystemDirectoryReader = e
                .unchecked_into::<FileSystemDirectoryEntry>()
                .create_reader();
            // `readEntries` gives a batch at a time (100 in Chrome) until empty.
            loop {
                let batch = callback(|ok, err| {
                    let _ = reader.read_entries_with_callback_and_callback(ok, err);
                })
                .await
                .map(|v| js_sys::Array::from(&v))
                .unwrap_or_default();
                if batch.length() == 0 {
                    break;
                }
                stack.extend(batch.iter().map(JsCast::unchecked_into::<FileSystemEntry>));
            }
        } else if e.is_file() {
            let fe: FileSystemFileEntry = e.unchecked_into();
            let file = callback(|ok, err| fe.file_with_callback_and_callback(ok, err)).await;
            if let Some(f) = file.and_then(|f| f.dyn_into::<File>().ok()) {
                out.push((path, f));
            }
        }
    }
    eksnet::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

/// The files of a drop, taken while the event lasts (then read at leisure): a
/// dropped folder as its entry (walked later), a file as its `File`.
pub fn dropped(items: &DataTransferItemList) -> (Vec<FileSystemEntry>, Vec<File>) {
    let (mut folders, mut files) = (Vec::new(), Vec::new());
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry() {
            Ok(Some(e)) if e.is_directory() => folders.push(e),
            _ => files.extend(item.get_as_file().ok().flatten()),
        }
    }
    (folders, files)
}

/// `dragover` on the page: say a drop copies.
pub fn on_dragover(ev: web_sys::DragEvent) {
    if let Some(dt) = ev.data_transfer() {
        if dt.types().includes(&"Files".into(), 0) {
            ev.prevent_default();
            dt.set_drop_effect("copy");
        }
    }
}

/// `drop` on the page: import what was dropped.
pub fn on_drop(ev: web_sys::DragEvent, imp: Importer) {
    let Some(dt) = ev.data_transfer() else { return };
    let (entries, files) = dropped(&dt.items());
    if entries.is_empty() && files.is_empty() {
        return;
    }
    ev.prevent_default();
    imp.stage.set(Some(Stage::Reading { done: 0, total: 0 }));
    imp.open.set(true);
    leptos::task::spawn_local(async move {
        let mut all = walk(entries).await;
        all.extend(files.into_iter().map(|f| (name_of(&f), f)));
        imp.run_files(all).await;
    });
}

/// The files of a file input.
fn picked(ev: &web_sys::Event) -> Vec<(String, File)> {
    let Some(list) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
    else {
        return Vec::new();
    };
    let mut v: Vec<_> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| (name_of(&f), f))
        .collect();
    eksnet::sort::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
    v
}

const OPEN: Tr = Tr {
    en: "Import",
    ko: "가져오기",
};
const TITLE: Tr = Tr {
    en: "Import your cluster",
    ko: "내 클러스터 가져오기",
};
const LEAD: Tr = Tr {
    en: "Drop the files `eksnet collect` gathers (AWS CLI and kubectl JSON, an eksctl config in JSON), or their folder, anywhere on this page; or pick them; or paste one document. They are read in this browser: nothing is sent anywhere.",
    ko: "`eksnet collect`로 모은 파일(AWS CLI·kubectl JSON, JSON으로 된 eksctl 설정)이나 그 폴더를 이 페이지 아무 곳에 끌어다 놓거나, 골라 열거나, 문서 하나를 붙여 넣는다. 이 브라우저에서만 읽고 어디에도 보내지 않는다.",
};
const PICK_FILES: Tr = Tr {
    en: "Pick files…",
    ko: "파일 고르기…",
};
const PICK_FOLDER: Tr = Tr {
    en: "Pick a folder…",
    ko: "폴더 고르기…",
};
const PASTE: Tr = Tr {
    en: "Or paste one document (JSON)",
    ko: "또는 문서 하나(JSON) 붙여 넣기",
};
const PASTE_GO: Tr = Tr {
    en: "Import the pasted document",
    ko: "붙여 넣은 문서 가져오기",
};
const CLOSE: Tr = Tr {
    en: "Close",
    ko: "닫기",
};
/// The name a pasted document has in the report.
pub const PASTED: &str = "pasted.json";

fn stage_text(s: Stage, lang: Lang) -> String {
    match (s, lang) {
        (Stage::Reading { total: 0, .. }, Lang::En) => "Finding files…".into(),
        (Stage::Reading { total: 0, .. }, Lang::Ko) => "파일을 찾는 중…".into(),
        (Stage::Reading { done, total }, Lang::En) => format!("Reading file {done} of {total}…"),
        (Stage::Reading { done, total }, Lang::Ko) => format!("파일 {total}개 중 {done}개 읽음…"),
        (Stage::Importing { files }, Lang::En) => format!("Importing {files} files…"),
        (Stage::Importing { files }, Lang::Ko) => format!("파일 {files}개를 가져오는 중…"),
    }
}

/// The header's button that opens the panel.
#[component]
pub fn ImportButton(
    /// Whether the panel is open.
    open: RwSignal<bool>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    view! {
        <button type="button" class="import-open" data-control="import"
            aria-expanded=move || open.get().to_string() aria-controls="import-panel"
            on:click=move |_| open.update(|o| *o = !*o)>
            {i18n::tr(lang, OPEN)}
        </button>
    }
}

/// The import panel: pick, paste, progress, the report, undo.
#[component]
pub fn ImportPanel(
    /// The import state.
    imp: Importer,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let open = imp.open;
    let pasted = RwSignal::new(String::new());
    let on_pick = move |ev: web_sys::Event| {
        let files = picked(&ev);
        if !files.is_empty() {
            leptos::task::spawn_local(imp.run_files(files));
        }
    };
    let on_paste = move |_| {
        let t = pasted.get_untracked();
        if !t.trim().is_empty() {
            leptos::task::spawn_local(imp.run(vec![(PASTED.to_string(), t)]));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    };
    let scenario = imp.scenario;
    // `webkitdirectory` (pick a folder) is not an attribute the view macro knows.
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = folder.get() {
            let _ = el.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <section class="import-panel" id="import-panel" role="dialog" aria-modal="false"
            aria-labelledby="import-title" data-control="import-panel"
            hidden=move || !open.get() on:keydown=on_key>
            <div class="mp-head">
                <h2 id="import-title">{i18n::tr(lang, TITLE)}</h2>
                <button type="button" class="mp-close" aria-label=i18n::tr(lang, CLOSE)
                    on:click=move |_| open.set(false)>"×"</button>
            </div>
            <p class="mp-lead">{i18n::tr(lang, LEAD)}</p>
            <div class="import-pick">
                <label class="file-button">{i18n::tr(lang, PICK_FILES)}
                    <input type="file" multiple data-control="import-files" on:change=on_pick />
                </label>
                <label class="file-button">{i18n::tr(lang, PICK_FOLDER)}
                    <input type="file" multiple node_ref=folder data-control="import-folder" on:change=on_pick />
                </label>
            </div>
            <label class="import-paste">{i18n::tr(lang, PASTE)}
                <textarea rows="4" spellcheck="false" wrap="off" data-control="import-paste"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </label>
            <button type="button" data-control="import-paste-go" on:click=on_paste>{i18n::tr(lang, PASTE_GO)}</button>
            <p class="import-progress" role="status" data-control="import-progress">
                {move || imp.stage.get().map(|s| stage_text(s, lang.get()))}
            </p>
            <UndoBar scenario lang />
            {move || imp.outcome.get().map(|o| view! { <ImportReport outcome=o imp lang /> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_told_from_json() {
        assert!(looks_yaml("cluster.yaml", "{}"));
        assert!(looks_yaml(
            "x",
            "# c\napiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n"
        ));
        assert!(!looks_yaml(
            "cluster.json",
            "{\"apiVersion\": \"eksctl.io/v1alpha5\"}"
        ));
        assert!(!looks_yaml("notes.txt", "hello"));
    }
}
