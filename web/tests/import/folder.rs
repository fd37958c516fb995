//! A dropped folder: `DataTransferItem.webkitGetAsEntry()` gives a directory entry
//! whose reader hands out its entries a batch at a time (Chrome: 100 per call,
//! then an empty batch), with a sub-folder inside. A test cannot build real
//! `FileSystemEntry` objects (they only come from a real drag), so the drop's
//! `dataTransfer` is replaced by plain JS objects with the same members
//! (`items[i].kind`, `webkitGetAsEntry()`, `isDirectory`, `isFile`, `fullPath`,
//! `createReader().readEntries(ok, err)`, `file(ok, err)`), which is all the page
//! reads of them.

use super::*;

/// A `DataTransfer` look-alike holding one folder entry `root` with `files`
/// (`(path inside the folder, text)`; a `/` in the path is a sub-folder), whose
/// readers give two entries per batch.
fn fake_folder_drop(root: &str, files: &[(String, String)]) -> wasm_bindgen::JsValue {
    let list = js_sys::Array::new();
    for (path, body) in files {
        list.push(&js_sys::Array::of2(&path.into(), &body.into()));
    }
    let make = js_sys::Function::new_with_args(
        "root, files",
        r#"
        const file = (path, body) => ({
            isFile: true, isDirectory: false, name: path.split('/').pop(),
            fullPath: '/' + root + '/' + path,
            file(ok, err) { ok(new File([body], path.split('/').pop())); },
        });
        const dir = (full, children) => ({
            isFile: false, isDirectory: true, name: full.split('/').pop(), fullPath: full,
            createReader() {
                let at = 0;
                return { readEntries(ok, err) {
                    const batch = children.slice(at, at + 2);
                    at += batch.length;
                    setTimeout(() => ok(batch), 0);
                } };
            },
        });
        const top = [], subs = {};
        for (const [path, body] of files) {
            const parts = path.split('/');
            if (parts.length === 1) { top.push(file(path, body)); continue; }
            (subs[parts[0]] = subs[parts[0]] || []).push(file(path, body));
        }
        for (const [name, kids] of Object.entries(subs)) {
            top.push(dir('/' + root + '/' + name, kids));
        }
        const entry = dir('/' + root, top);
        const item = { kind: 'file', type: '', webkitGetAsEntry: () => entry,
                       getAsFile: () => null };
        const items = { length: 1, 0: item };
        return { items, types: ['Files'], files: { length: 0 } };
        "#,
    );
    make.call2(&wasm_bindgen::JsValue::NULL, &root.into(), &list)
        .expect("fake drop")
}

#[wasm_bindgen_test]
async fn a_dropped_folder_is_walked_and_every_file_in_it_is_read_and_reported() {
    let root = mount(Initial::default());
    settle().await;
    // The observed-enis snapshot, its kubectl output in a sub-folder.
    macro_rules! snap {
        ($($p:literal => $f:literal),* $(,)?) => {
            vec![$(($p.to_string(), include_str!(concat!(
                "../../../crates/eksnet/tests/fixtures/import/observed-enis/", $f)).to_string())),*]
        };
    }
    let files: Vec<(String, String)> = snap!(
        "cluster.json" => "cluster.json", "dhcp-options.json" => "dhcp-options.json",
        "dns-hostnames.json" => "dns-hostnames.json", "dns-support.json" => "dns-support.json",
        "instances.json" => "instances.json", "internet-gateways.json" => "internet-gateways.json",
        "nat-gateways.json" => "nat-gateways.json", "network-acls.json" => "network-acls.json",
        "network-interfaces.json" => "network-interfaces.json",
        "nodegroup-ng-private.json" => "nodegroup-ng-private.json",
        "route-tables.json" => "route-tables.json", "security-groups.json" => "security-groups.json",
        "subnets.json" => "subnets.json", "vpcs.json" => "vpcs.json",
        "kubectl/nodes.json" => "nodes.json", "kubectl/pods.json" => "pods.json",
    );
    let fake = fake_folder_drop("snapshot", &files);
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"value".into(), &fake).unwrap();
    js_sys::Object::define_property(&ev, &"dataTransfer".into(), &desc);
    q(&root, "#diagram-panel").dispatch_event(&ev).unwrap();
    assert!(ev.default_prevented(), "the page takes the drop");
    wait_for(&root, "[data-control='import-report']").await;

    // Every file inside, sub-folder included, read and reported under its path
    // in the folder, in path order, as the core reports the same documents.
    let mut expected: Vec<(String, String)> = files
        .iter()
        .map(|(p, b)| (format!("snapshot/{p}"), b.clone()))
        .collect();
    expected.sort();
    let core = import(&expected);
    let items = qa(&root, "li.import-file");
    let shown: Vec<String> = items
        .iter()
        .filter_map(|li| li.get_attribute("data-file"))
        .collect();
    let names: Vec<&str> = expected.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(shown, names);
    for (li, f) in items.iter().zip(&core.report.files) {
        let t = li.text_content().unwrap_or_default();
        let k = f.kind.expect("every file of the snapshot is recognised");
        assert!(t.contains(k.command()), "{}: {t}", f.file);
    }
    // And the cluster is drawn: the two nodes of kubectl/nodes.json.
    for n in [
        "ip-10-0-20-11.us-west-2.compute.internal",
        "ip-10-0-40-12.us-west-2.compute.internal",
    ] {
        assert_eq!(qa(&root, &node_sel(n)).len(), 1, "{n} drawn");
    }
}
