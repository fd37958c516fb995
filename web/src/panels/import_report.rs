//! The import report, painted: per file what it was recognised as and what it
//! contributed, or why it was skipped; what was assumed; what was dropped or kept
//! aside; errors and conflicts located by file and JSON pointer. The text is the
//! core's ([`eksnet::import::Report`]), in both languages.

use std::sync::Arc;

use eksnet::import::{FileReport, Note};
use eksnet::Lang;
use leptos::prelude::*;

use crate::controls::fields::{sev_slug, severity_icon};
use crate::i18n::Tr;
use crate::import::{Importer, Outcome};

const HEADING: Tr = Tr {
    en: "Import report",
    ko: "가져오기 보고서",
};
const DRAWN: Tr = Tr {
    en:
        "The cluster is drawn: the imported scenario replaced the one before (Undo brings it back).",
    ko: "클러스터를 그렸다: 가져온 시나리오가 전의 것을 바꿨다(되돌리기로 되돌린다).",
};
const NOT_DRAWN: Tr = Tr {
    en: "No scenario was made; the page is unchanged.",
    ko: "시나리오를 만들지 못해서 페이지는 그대로다.",
};
const FILES: Tr = Tr {
    en: "Files",
    ko: "파일",
};
const NOT_RECOGNISED: Tr = Tr {
    en: "not recognised",
    ko: "알 수 없음",
};
const YAML: Tr = Tr {
    en: "YAML is not read in the browser: convert it with `eksnet import FILE -o scenario.json` (the CLI reads YAML) and open that JSON, or paste the document as JSON (`yq -o=json FILE`).",
    ko: "브라우저는 YAML을 읽지 않는다: `eksnet import FILE -o scenario.json`(CLI는 YAML을 읽는다)으로 바꿔 그 JSON을 열거나, 문서를 JSON으로 붙여 넣는다(`yq -o=json FILE`).",
};
const PROBLEMS: Tr = Tr {
    en: "Errors and conflicts",
    ko: "오류와 충돌",
};
const ASSUMED: Tr = Tr {
    en: "Assumed (the snapshot said nothing; the documented default was taken)",
    ko: "가정한 것(스냅숏에 없어서 문서의 기본값을 씀)",
};
const DROPPED: Tr = Tr {
    en: "Dropped or kept aside (not modelled)",
    ko: "버리거나 보관만 한 것(모델에 없음)",
};
const SENSITIVE: Tr = Tr {
    en: "This scenario holds your account's ids, names and public addresses. They stay in this browser; before you share a link or export, you can replace them consistently (the picture and every verdict stay the same).",
    ko: "이 시나리오에는 계정의 ID, 이름, 공인 주소가 들어 있다. 이 브라우저 안에만 있다. 링크를 공유하거나 내보내기 전에 일관되게 바꿀 수 있다(그림과 모든 판정은 그대로).",
};
/// "Anonymise" (shared with the share bar).
pub const ANONYMISE: Tr = Tr {
    en: "Anonymise ids, names and public IPs",
    ko: "ID, 이름, 공인 IP 익명화",
};

fn summary(o: &Outcome, l: Lang) -> String {
    let n = o.report.files.len();
    let known = o.report.files.iter().filter(|f| f.kind.is_some()).count();
    let skipped = n - known;
    match l {
        Lang::En => format!("{n} files: {known} recognised, {skipped} skipped."),
        Lang::Ko => format!("파일 {n}개: {known}개 알아봄, {skipped}개 건너뜀."),
    }
}

fn at(file: &str, pointer: &str) -> String {
    if pointer.is_empty() {
        file.to_string()
    } else {
        format!("{file}#{pointer}")
    }
}

fn file_item(f: &FileReport, yaml: bool, l: Lang) -> AnyView {
    let kind = f.kind.map(|k| k.command());
    let slug = f
        .kind
        .and_then(|k| serde_json::to_value(k).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let what = kind.unwrap_or(NOT_RECOGNISED.get(l)).to_string();
    view! {
        <li class="import-file" class:skipped=kind.is_none() data-file=f.file.clone() data-kind=slug>
            <p><code class="file">{f.file.clone()}</code>": "<span class="kind">{what}</span></p>
            {(!f.contributed.is_empty()).then(|| view! {
                <ul class="contributed">{f.contributed.iter().map(|c| view! { <li>"+ "{c.get(l).to_string()}</li> }).collect_view()}</ul>
            })}
            {f.ignored.as_ref().map(|i| view! { <p class="ignored">"− "{i.get(l).to_string()}</p> })}
            {yaml.then(|| view! { <p class="ignored yaml" data-control="import-yaml">{YAML.get(l)}</p> })}
        </li>
    }
    .into_any()
}

fn notes(title: Tr, list: &[Note], class: &'static str, l: Lang) -> Option<AnyView> {
    (!list.is_empty()).then(|| {
        let items = list
            .iter()
            .map(|n| {
                let where_ = (!n.file.is_empty()).then(|| at(&n.file, &n.pointer));
                view! { <li>{where_.map(|w| view! { <code>{w}</code>": " })}{n.text.get(l).to_string()}</li> }
            })
            .collect_view();
        view! { <h4>{title.get(l)}</h4><ul class=class>{items}</ul> }.into_any()
    })
}

/// The report of the last import.
#[component]
pub fn ImportReport(
    /// The import's outcome.
    outcome: Arc<Outcome>,
    /// The import state (to anonymise).
    imp: Importer,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    move || {
        let l = lang.get();
        let o = &outcome;
        let r = &o.report;
        let problems = (!r.diagnostics.is_empty()).then(|| {
            let items = r
                .diagnostics
                .iter()
                .map(|d| {
                    let g = &d.diagnostic;
                    view! {
                        <li class=format!("diag sev-{}", sev_slug(g.severity)) data-code=g.code.as_str()
                            data-file=d.file.clone() data-path=g.path.clone()>
                            <p>{severity_icon(g.severity, l)}" "<code>{at(&d.file, &g.path)}</code>": "{g.message.get(l).to_string()}</p>
                        </li>
                    }
                })
                .collect_view();
            view! { <h4>{PROBLEMS.get(l)}</h4><ul class="diagnostics">{items}</ul> }.into_any()
        });
        let files = r
            .files
            .iter()
            .map(|f| file_item(f, o.yaml.contains(&f.file), l))
            .collect_view();
        let drawn = if o.drawn { DRAWN } else { NOT_DRAWN };
        view! {
            <div class="import-report" data-control="import-report" data-drawn=o.drawn.to_string()>
                <h3>{HEADING.get(l)}</h3>
                <p class="import-summary">{summary(o, l)}" "{drawn.get(l)}</p>
                <Show when=move || imp.sensitive.get()>
                    <p class="import-sensitive" role="note">{SENSITIVE.get(l)}" "
                        <button type="button" data-control="import-anonymise" on:click=move |_| imp.anonymise()>
                            {ANONYMISE.get(l)}
                        </button>
                    </p>
                </Show>
                {problems}
                <h4>{FILES.get(l)}</h4>
                <ul class="import-files">{files}</ul>
                {notes(ASSUMED, &r.assumed, "import-assumed", l)}
                {notes(DROPPED, &r.dropped, "import-dropped", l)}
            </div>
        }
    }
}
