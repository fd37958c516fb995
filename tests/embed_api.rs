//! Browser tests of the embed API's messages: JavaScript objects read into
//! commands through a JSON value, refused with located errors, the origin
//! gate, and commands carried out on the explorer's state. (Included by
//! `browser.rs`; the postMessage wiring is tested end to end by
//! `tests/embed.mjs`.)

use std::sync::Arc;

use eksnet::EndpointAccess;
use eksnet::{analyze, layout, Flow, Lang, Scenario, SceneKind, View};
use eksnet_web::embed::protocol::{decode, Command, Event, Refusal};
use eksnet_web::embed::{Admission, Gate, Host};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// A JavaScript value from JSON text.
fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// The refusal of a message that must be refused.
fn refused(json: &str) -> Refusal {
    match decode(&js(json)) {
        Ok(m) => panic!("{json} was accepted as {m:?}"),
        Err(r) => r,
    }
}

#[wasm_bindgen_test]
fn every_command_is_read_from_a_plain_object() {
    let m = decode(&js(
        r#"{"eksnet": 1, "type": "set", "id": 7, "scene": "endpoint",
        "flow": "kubelet:ip-192-168-46-6", "step": 3, "access": "private", "lang": "ko"}"#,
    ))
    .unwrap();
    assert_eq!(m.id, Some(serde_json::json!(7)));
    let Command::Set(p) = m.command else {
        panic!("not set: {:?}", m.command)
    };
    assert_eq!(p.scene, Some(SceneKind::Endpoint));
    assert_eq!(
        p.flow.map(|f| f.map(|f| f.0)),
        Some(Some(Flow::parse("kubelet:ip-192-168-46-6").unwrap()))
    );
    assert_eq!(p.step, Some(Some(3)));
    assert_eq!(p.access.map(|a| a.0), Some(EndpointAccess::Private));
    assert_eq!(p.lang, Some(Lang::Ko));
    // Absent fields keep their value; null clears.
    assert_eq!(p.selection, None);
    let Command::Set(p) = decode(&js(r#"{"eksnet": 1, "type": "set", "step": null}"#))
        .unwrap()
        .command
    else {
        panic!()
    };
    assert_eq!(p.step, Some(None));
    assert_eq!(p.flow, None);

    for (t, want) in [
        ("hello", Command::Hello),
        ("next", Command::Next),
        ("prev", Command::Prev),
        ("play", Command::Play),
        ("pause", Command::Pause),
    ] {
        let m = decode(&js(&format!(r#"{{"eksnet": 1, "type": "{t}"}}"#))).unwrap();
        assert_eq!(m.command, want);
        assert_eq!(m.id, None);
    }

    let s = Scenario::example().to_json();
    let m = decode(&js(&format!(
        r#"{{"eksnet": 1, "type": "scenario", "id": "s", "scenario": {s}}}"#
    )))
    .unwrap();
    assert_eq!(m.command, Command::Scenario(Box::new(Scenario::example())));
    let m = decode(&js(
        r#"{"eksnet": 1, "type": "patch", "patch": {"cni": {"enablePrefixDelegation": true}}}"#,
    ))
    .unwrap();
    assert!(matches!(m.command, Command::Patch(p) if p.contains_key("cni")));
}

#[wasm_bindgen_test]
fn a_bad_message_is_refused_with_the_field_and_a_suggestion() {
    let r = refused(r#"{"eksnet": 1, "type": "set", "id": 4, "stpe": 2}"#);
    assert_eq!(r.id, Some(serde_json::json!(4)));
    assert_eq!(r.error.path, "/stpe");
    assert!(
        r.error.message.starts_with("unknown field `stpe`"),
        "{}",
        r.error.message
    );
    assert_eq!(r.error.suggestion.as_deref(), Some("did you mean `step`?"));

    let r = refused(r#"{"eksnet": 1, "type": "set", "scene": "endpont"}"#);
    assert_eq!(r.error.path, "/scene");
    assert_eq!(
        r.error.suggestion.as_deref(),
        Some("did you mean `endpoint`?")
    );

    let r = refused(r#"{"eksnet": 1, "type": "set", "flow": "teleport:me"}"#);
    assert_eq!(r.error.path, "/flow");
    assert!(
        r.error.message.contains("not a kind of flow"),
        "{}",
        r.error.message
    );

    let r = refused(r#"{"eksnet": 1, "type": "set", "step": -1}"#);
    assert_eq!(r.error.path, "/step");

    let r = refused(r#"{"eksnet": 1, "type": "plya"}"#);
    assert_eq!(r.error.path, "/type");
    assert_eq!(r.error.suggestion.as_deref(), Some("did you mean `play`?"));

    let r = refused(r#"{"eksnet": 3, "type": "set"}"#);
    assert_eq!(r.error.path, "/eksnet");
    assert!(r.error.message.contains("newer"), "{}", r.error.message);
    assert_eq!(
        refused(r#"{"eksnet": 0, "type": "set"}"#).error.path,
        "/eksnet"
    );
    assert_eq!(refused(r#"{"type": "set"}"#).error.path, "/eksnet");
    assert_eq!(refused(r#"{"eksnet": 1}"#).error.path, "/type");
    assert_eq!(refused(r#""set""#).error.path, "");
    assert_eq!(refused("null").error.path, "");

    let r = refused(
        r#"{"eksnet": 1, "type": "scenario", "scenario": {"vpc": {"subnets": [{"cidrBlock": 5}]}}}"#,
    );
    assert_eq!(r.error.path, "/scenario/vpc/subnets/0/cidrBlock");
    let r = refused(r#"{"eksnet": 1, "type": "scenario"}"#);
    assert!(
        r.error.message.contains("missing field `scenario`"),
        "{}",
        r.error.message
    );
    let r = refused(r#"{"eksnet": 1, "type": "pause", "now": true}"#);
    assert_eq!(r.error.path, "/now");
}

#[wasm_bindgen_test]
fn cyclic_and_deep_messages_are_refused_before_conversion() {
    let o = js(r#"{"eksnet": 1, "type": "set"}"#);
    js_sys::Reflect::set(&o, &"self".into(), &o).unwrap();
    let r = decode(&o).unwrap_err();
    assert!(
        r.error.message.contains("nests deeper"),
        "{}",
        r.error.message
    );

    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let r = refused(&format!(
        r#"{{"eksnet": 1, "type": "set", "step": {deep}}}"#
    ));
    assert!(
        r.error.message.contains("nests deeper"),
        "{}",
        r.error.message
    );
    // Ten levels are fine (and then refused for what they are).
    let ok_depth = format!("{}1{}", "[".repeat(10), "]".repeat(10));
    let r = refused(&format!(
        r#"{{"eksnet": 1, "type": "set", "step": {ok_depth}}}"#
    ));
    assert_eq!(r.error.path, "/step");
}

#[wasm_bindgen_test]
fn events_are_plain_objects_with_the_protocol_version() {
    let v = Event::Ok {
        id: Some(serde_json::json!("a")),
    }
    .to_js();
    let back: serde_json::Value =
        serde_json::from_str(&js_sys::JSON::stringify(&v).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(
        back,
        serde_json::json!({"eksnet": 1, "type": "ok", "id": "a"})
    );
    let v = Event::refused(refused(
        r#"{"eksnet": 1, "type": "set", "id": 2, "lang": "fr"}"#,
    ))
    .to_js();
    let back: serde_json::Value =
        serde_json::from_str(&js_sys::JSON::stringify(&v).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(back["type"], "error");
    assert_eq!(back["id"], 2);
    assert_eq!(back["path"], "/lang");
}

#[wasm_bindgen_test]
fn the_gate_admits_one_origin() {
    let mut g = Gate::new(None);
    assert_eq!(g.target(), None, "no events before an origin is known");
    assert_eq!(g.admit("https://docs.example.com"), Admission::Pinned);
    assert_eq!(g.admit("https://docs.example.com"), Admission::Admitted);
    assert_eq!(g.admit("https://evil.example"), Admission::Ignored);
    assert_eq!(g.target(), Some("https://docs.example.com"));

    let mut g = Gate::new(Some("https://docs.example.com/guide/"));
    assert_eq!(g.target(), Some("https://docs.example.com"));
    assert_eq!(g.admit("https://evil.example"), Admission::Ignored);
    assert_eq!(g.admit("https://docs.example.com"), Admission::Admitted);

    assert_eq!(g.ready_target(), Some("https://docs.example.com"));
    assert_eq!(Gate::new(None).ready_target(), Some("*"));

    let mut g = Gate::new(Some("not an origin"));
    assert_eq!(g.admit("https://docs.example.com"), Admission::Ignored);
    assert_eq!(g.target(), None);
    assert_eq!(g.ready_target(), None, "a closed gate posts nothing at all");
}

#[wasm_bindgen_test]
fn commands_change_the_state_and_refused_ones_change_nothing() {
    let owner = Owner::new();
    owner.with(|| {
        let scenario = RwSignal::new(Scenario::example());
        let view = RwSignal::new(View::default());
        let lang = RwSignal::new(Lang::En);
        let playing = RwSignal::new(false);
        let analysis =
            Memo::new_with_compare(move |_| Arc::new(analyze(&scenario.get())), |_, _| true);
        let trace = Memo::new_with_compare(
            move |_| {
                let f = view.with(|v| v.flow.clone())?;
                Some(Arc::new(analysis.with(|a| eksnet::trace(a, &f))))
            },
            |_, _| true,
        );
        let scene = Memo::new(move |_| analysis.with(|a| view.with(|v| layout(a, v))));
        let host = Host {
            scenario,
            view,
            lang,
            playing,
            analysis,
            trace,
            scene,
        };
        let run = |json: &str| {
            let m = decode(&js(json)).unwrap();
            host.apply(m.command)
        };

        run(r#"{"eksnet": 1, "type": "set", "scene": "endpoint", "flow": "kubelet:ip-192-168-46-6", "step": 2, "access": "private", "lang": "ko"}"#).unwrap();
        let v = view.get_untracked();
        assert_eq!(v.scene, SceneKind::Endpoint);
        assert_eq!(v.step, Some(2));
        assert_eq!(scenario.with_untracked(|s| s.cluster.resources_vpc_config.endpoint_access()),
            EndpointAccess::Private);
        assert_eq!(lang.get_untracked(), Lang::Ko);
        let s = host.state();
        assert_eq!((s.access, s.flow.as_deref()), ("private", Some("kubelet:ip-192-168-46-6")));

        // Stepping, as the buttons do.
        run(r#"{"eksnet": 1, "type": "next"}"#).unwrap();
        assert_eq!(view.get_untracked().step, Some(3));
        run(r#"{"eksnet": 1, "type": "prev"}"#).unwrap();
        run(r#"{"eksnet": 1, "type": "prev"}"#).unwrap();
        assert_eq!(view.get_untracked().step, Some(1));
        run(r#"{"eksnet": 1, "type": "play"}"#).unwrap();
        assert!(playing.get_untracked());
        run(r#"{"eksnet": 1, "type": "pause"}"#).unwrap();
        assert!(!playing.get_untracked());

        // Refused: past the last step, an unknown node or element. Nothing changes,
        // not even the fields of the same command that were fine.
        let before = (view.get_untracked(), scenario.get_untracked(), lang.get_untracked());
        let steps = trace.with_untracked(|t| t.as_ref().unwrap().hops.len());
        let e = run(&format!(r#"{{"eksnet": 1, "type": "set", "lang": "en", "step": {steps}}}"#)).unwrap_err();
        assert_eq!(e.path, "/step");
        assert!(e.message.contains(&format!("({steps} steps")), "{}", e.message);
        let e = run(r#"{"eksnet": 1, "type": "set", "access": "public", "node": "ip-192-168-46-7"}"#).unwrap_err();
        assert_eq!(e.path, "/node");
        assert_eq!(
            e.suggestion.as_deref(),
            Some("did you mean `ip-192-168-46-6`?")
        );
        let e = run(r#"{"eksnet": 1, "type": "set", "selection": "node:nowhere"}"#).unwrap_err();
        assert_eq!(e.path, "/selection");
        let e = run(r#"{"eksnet": 1, "type": "patch", "patch": {"vpc": {"subnets": [{"cidrBlock": 5}]}}}"#).unwrap_err();
        assert_eq!(e.path, "/patch/vpc/subnets/0/cidrBlock");
        assert_eq!(before, (view.get_untracked(), scenario.get_untracked(), lang.get_untracked()));

        // A new flow starts with all steps lit; a step needs a flow.
        run(r#"{"eksnet": 1, "type": "set", "flow": "kubectl:laptop"}"#).unwrap();
        assert_eq!(view.get_untracked().step, None);
        run(r#"{"eksnet": 1, "type": "set", "flow": null}"#).unwrap();
        let e = run(r#"{"eksnet": 1, "type": "set", "step": 0}"#).unwrap_err();
        assert!(e.message.contains("no flow is shown"), "{}", e.message);
        assert!(run(r#"{"eksnet": 1, "type": "next"}"#).is_err());
        assert!(run(r#"{"eksnet": 1, "type": "play"}"#).is_err());

        // Selection of a drawn element; patching merges into the scenario.
        run(r#"{"eksnet": 1, "type": "set", "selection": "node:ip-192-168-46-6.ap-northeast-2.compute.internal"}"#).unwrap();
        assert!(view.get_untracked().selection.is_some());
        run(r#"{"eksnet": 1, "type": "patch", "patch": {"cluster": {"resourcesVpcConfig": {"endpointPublicAccess": true}}}}"#).unwrap();
        assert_eq!(scenario.with_untracked(|s| s.cluster.resources_vpc_config.endpoint_access()),
            EndpointAccess::PublicAndPrivate);
        assert_eq!(scenario.with_untracked(|s| s.vpc.clone()), Scenario::example().vpc);
    });
}
