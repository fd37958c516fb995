//! Bring your own cluster, in the browser: a fixture folder's files dropped on the
//! page are imported, drawn and reported; the share bar asks before imported data
//! leaves the page; a link too long to travel is not copied.
//! Run with `cargo test -p eksnet-web --target wasm32-unknown-unknown --test import`.
#![cfg(target_arch = "wasm32")]

use eksnet::import::{anonymise::anonymise, import};
use eksnet::{Lang, Scenario};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! fixture {
    ($dir:literal: $($f:literal),* $(,)?) => {
        vec![$(($f.to_string(), include_str!(concat!(
            "../../crates/eksnet/tests/fixtures/import/", $dir, "/", $f)).to_string())),*]
    };
}

/// The `public-nat` snapshot, as `eksnet collect` saves it (and a stray note).
fn public_nat() -> Vec<(String, String)> {
    fixture!("public-nat": "cluster.json", "dns-hostnames.json", "dns-support.json",
        "instances.json", "internet-gateways.json", "nat-gateways.json",
        "nodegroup-ng-private.json", "nodes.json", "notes.txt", "pods.json",
        "route-tables.json", "security-groups.json", "services.json", "subnets.json",
        "vpcs.json")
}

#[path = "../../tests/dom.rs"]
mod dom;
use dom::*;

fn text(root: &Element, sel: &str) -> String {
    q(root, sel).text_content().unwrap_or_default()
}

/// Waits (up to 10 s) until `sel` matches under `root`.
async fn wait_for(root: &Element, sel: &str) {
    for _ in 0..200 {
        if !qa(root, sel).is_empty() {
            settle().await;
            return;
        }
        sleep(50).await;
    }
    panic!("{sel} never appeared");
}

/// Drops `files` on `target` as a person dragging them from a file manager would:
/// a `drop` event whose `DataTransfer` holds one `File` per document.
fn drop_files(target: &Element, files: &[(String, String)]) {
    let dt = web_sys::DataTransfer::new().unwrap();
    for (name, body) in files {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
        let f = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
        dt.items().add_with_file(&f).unwrap();
    }
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&dt));
    let ev = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

fn node_sel(name: &str) -> String {
    format!("svg.eksnet-scene [data-id='node:{name}']")
}

const EXAMPLE_NODE: &str = "ip-192-168-46-6.ap-northeast-2.compute.internal";

#[wasm_bindgen_test]
async fn a_dropped_snapshot_is_drawn_and_reported_and_undone() {
    let root = mount(Initial::default());
    settle().await;
    assert_eq!(qa(&root, &node_sel(EXAMPLE_NODE)).len(), 1);
    let files = public_nat();
    let core = import(&files);
    let scenario = core.scenario.clone().expect("the fixture imports");

    drop_files(&q(&root, "#diagram-panel"), &files);
    wait_for(&root, "[data-control='import-report']").await;

    // The cluster is drawn: every node of `kubectl get nodes`, not the example's.
    let nodes: serde_json::Value =
        serde_json::from_str(&files.iter().find(|f| f.0 == "nodes.json").unwrap().1).unwrap();
    let names: Vec<&str> = nodes["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["metadata"]["name"].as_str())
        .collect();
    assert_eq!(names.len(), 2);
    let pinned: usize = scenario.node_groups.iter().map(|g| g.nodes.len()).sum();
    assert_eq!(pinned, 2);
    for n in names {
        assert_eq!(qa(&root, &node_sel(n)).len(), 1, "{n} drawn");
    }
    assert!(qa(&root, &node_sel(EXAMPLE_NODE)).is_empty());

    // The report: every file with what it was recognised as, in input order.
    let items = qa(&root, "li.import-file");
    assert_eq!(items.len(), files.len());
    for (li, f) in items.iter().zip(&core.report.files) {
        assert_eq!(
            li.get_attribute("data-file").as_deref(),
            Some(f.file.as_str())
        );
        let t = li.text_content().unwrap_or_default();
        match f.kind {
            Some(k) => assert!(t.contains(k.command()), "{}: {t}", f.file),
            None => assert!(t.contains("not recognised"), "{}: {t}", f.file),
        }
        for c in &f.contributed {
            assert!(t.contains(&c.en), "{}: {t} lacks {}", f.file, c.en);
        }
    }
    let cluster = q(&root, "li.import-file[data-file='cluster.json']");
    assert_eq!(
        cluster.get_attribute("data-kind").as_deref(),
        Some("eks-cluster")
    );
    let notes = q(&root, "li.import-file[data-file='notes.txt']");
    assert!(notes.class_list().contains("skipped"));
    assert_eq!(
        qa(&root, ".import-assumed > li").len(),
        core.report.assumed.len()
    );
    assert_eq!(
        qa(&root, ".import-dropped > li").len(),
        core.report.dropped.len()
    );
    assert!(text(&root, ".import-summary").contains("15 files: 14 recognised, 1 skipped."));
    // Imported data is named as such, with the offer to anonymise.
    assert_eq!(qa(&root, "[data-control='import-anonymise']").len(), 1);

    // In Korean, the same report in the core's Korean.
    click(&root, "button[data-lang='ko']");
    settle().await;
    assert!(text(&root, ".import-report h3").contains("가져오기 보고서"));
    let subnets = q(&root, "li.import-file[data-file='subnets.json']")
        .text_content()
        .unwrap_or_default();
    let f = core
        .report
        .files
        .iter()
        .find(|f| f.file == "subnets.json")
        .unwrap();
    assert!(subnets.contains(&f.contributed[0].ko), "{subnets}");
    click(&root, "button[data-lang='en']");
    settle().await;

    // One undo brings the scenario before the import back.
    click(&root, "#import-panel [data-control='undo']");
    wait_for(&root, &node_sel(EXAMPLE_NODE)).await;
    assert!(qa(&root, &node_sel("ip-10-0-20-11.us-west-2.compute.internal")).is_empty());
}

/// The scenario a copied link carries (from the share bar's output).
fn linked_scenario(root: &Element) -> Scenario {
    let out: web_sys::HtmlTextAreaElement =
        q(root, "[data-control='share-output']").unchecked_into();
    let url = out.value();
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    eksnet::share::from_query(query).link.scenario
}

#[wasm_bindgen_test]
async fn a_link_of_imported_data_asks_first_and_anonymises_consistently() {
    let root = mount(Initial::default());
    settle().await;
    let files = public_nat();
    let imported = import(&files).scenario.unwrap();
    drop_files(&q(&root, "#diagram-panel"), &files);
    wait_for(&root, "[data-control='import-report']").await;

    // Nothing leaves without the question.
    click(&root, "[data-control='copy-link']");
    wait_for(&root, "[data-control='share-gate']").await;
    assert!(qa(&root, "[data-control='share-output']").is_empty());
    click(&root, "[data-control='share-cancel']");
    settle().await;
    assert!(qa(&root, "[data-control='share-gate']").is_empty());

    // "Share as it is": the link carries the snapshot as imported.
    click(&root, "[data-control='copy-link']");
    settle().await;
    click(&root, "[data-control='share-as-is']");
    wait_for(&root, "[data-control='share-output']").await;
    assert_eq!(linked_scenario(&root), imported);

    // "Anonymise, then share": the page and the link hold the anonymised copy;
    // the nodes are drawn the same, and no more question is asked.
    click(&root, "[data-control='copy-link']");
    wait_for(&root, "[data-control='share-gate']").await;
    click(&root, "[data-control='share-anonymise']");
    settle().await;
    let anon = linked_scenario(&root);
    assert_eq!(anon, anonymise(&imported));
    assert!(!anon.to_json().contains("\"demo\""));
    assert_eq!(
        qa(&root, &node_sel("ip-10-0-20-11.us-west-2.compute.internal")).len(),
        1
    );
    click(&root, "[data-control='copy-link']");
    settle().await;
    assert!(qa(&root, "[data-control='share-gate']").is_empty());
}

#[wasm_bindgen_test]
async fn pasted_documents_import_and_yaml_is_explained() {
    let root = mount(Initial::default());
    settle().await;
    click(&root, "[data-control='import']");
    settle().await;
    let paste = |t: &str| {
        let ta: web_sys::HtmlTextAreaElement =
            q(&root, "[data-control='import-paste']").unchecked_into();
        ta.set_value(t);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    };
    // YAML: reported with the way round it, the page unchanged.
    paste(include_str!(
        "../../crates/eksnet/tests/fixtures/import/eksctl/cluster.yaml"
    ));
    click(&root, "[data-control='import-paste-go']");
    wait_for(&root, "[data-control='import-report'][data-drawn='false']").await;
    assert!(text(&root, "[data-control='import-yaml']").contains("eksnet import"));
    assert_eq!(qa(&root, &node_sel(EXAMPLE_NODE)).len(), 1);

    // The same config as JSON is drawn with eksctl's defaults, which are listed.
    let json = include_str!("../../crates/eksnet/tests/fixtures/import/eksctl/cluster.json");
    let core = import(&[("pasted.json".to_string(), json.to_string())]);
    paste(json);
    click(&root, "[data-control='import-paste-go']");
    wait_for(&root, "[data-control='import-report'][data-drawn='true']").await;
    assert!(qa(&root, &node_sel(EXAMPLE_NODE)).is_empty());
    assert!(!core.report.assumed.is_empty());
    let assumed = text(&root, ".import-assumed");
    for n in &core.report.assumed {
        assert!(
            assumed.contains(&n.text.en),
            "{assumed} lacks {}",
            n.text.en
        );
    }
}

#[wasm_bindgen_test]
async fn a_link_too_long_to_travel_offers_the_json_file() {
    // The smallest generated snapshot whose link passes the limit.
    let (n, big) = [60, 120, 240, 480]
        .into_iter()
        .filter_map(|n| {
            Some((
                n,
                import(&eksnet::import::synthetic::snapshot(n, 4)).scenario?,
            ))
        })
        .find(|(_, s)| eksnet::share::encode_scenario(s).len() > 9000)
        .expect("a snapshot too big for a link");
    let small = import(&public_nat()).scenario.unwrap();
    console_log!(
        "links: public-nat {} chars; {n} nodes x 4 pods {} chars",
        eksnet::share::encode_scenario(&small).len(),
        eksnet::share::encode_scenario(&big).len()
    );
    let root = mount(Initial {
        scenario: big,
        lang: Lang::En,
        ..Initial::default()
    });
    settle().await;
    click(&root, "[data-control='copy-link']");
    wait_for(&root, "[data-control='share-too-long']").await;
    let msg = text(&root, "[data-control='share-too-long']");
    assert!(msg.contains("more than 8000"), "{msg}");
    assert_eq!(qa(&root, "[data-control='share-json-instead']").len(), 1);
    // A short link is copied without a word.
    let root = mount(Initial::default());
    settle().await;
    click(&root, "[data-control='copy-link']");
    settle().await;
    assert!(qa(&root, "[data-control='share-too-long']").is_empty());
}

// A dropped folder, walked with its sub-folders.
#[path = "import/folder.rs"]
mod folder;
