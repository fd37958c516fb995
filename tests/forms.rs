//! Browser tests of forms that fit the task: load balancers by choice (written as
//! the annotations the core reads, read back from them), and a subnet CIDR that
//! leaves its pinned nodes outside says so at the field, with the fixes there.
//! Included by `browser.rs` (its helpers are `super::`).

use eksnet::lb::choice::{self as lbc, LbChoice};
use eksnet::lb::{keys, LbKind, Scheme, TargetType};
use eksnet::model::names::short_node_name_of;
use eksnet::scenario::ServiceType;
use eksnet::{analyze, stranded, Code, Scenario};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::{click, mount, open_section, q, qa, settle, type_into};

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// Chooses `value` in the `<select>` matched by `sel`, as a person would.
fn choose(root: &Element, sel: &str, value: &str) {
    let s: HtmlSelectElement = q(root, sel).unchecked_into();
    s.set_value(value);
    assert_eq!(s.value(), value, "{sel} offers {value}");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    s.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

fn select_value(root: &Element, sel: &str) -> String {
    q(root, sel).unchecked_into::<HtmlSelectElement>().value()
}

fn textarea(root: &Element, sel: &str) -> String {
    q(root, sel).unchecked_into::<HtmlTextAreaElement>().value()
}

fn hidden(root: &Element, sel: &str) -> bool {
    q(root, sel).has_attribute("hidden")
}

/// The first load balancer the core derives: kind, first target type, scheme.
fn lb_of(s: &Scenario) -> (LbKind, TargetType, Scheme) {
    let a = analyze(s);
    let lb = a.lbs.load_balancers.first().expect("a load balancer");
    (lb.kind, lb.target_groups[0].target_type, lb.scheme)
}

#[wasm_bindgen_test]
fn choices_write_what_the_core_reads_and_read_it_back() {
    let mut s = Scenario::example();
    assert_eq!(lbc::read(&s, 0), LbChoice::Clb);
    assert_eq!(lbc::scheme(&s, 0), Scheme::InternetFacing);
    assert_eq!(
        lb_of(&s),
        (LbKind::Clb, TargetType::Instance, Scheme::InternetFacing)
    );
    lbc::write(&mut s, 0, LbChoice::Nlb);
    assert_eq!(lbc::read(&s, 0), LbChoice::Nlb);
    // The controller's NLB is internal unless asked.
    assert_eq!(lbc::scheme(&s, 0), Scheme::Internal);
    assert_eq!(
        lb_of(&s),
        (LbKind::Nlb, TargetType::Instance, Scheme::Internal)
    );
    lbc::set_target_type(&mut s, 0, TargetType::Ip);
    lbc::set_scheme(&mut s, 0, Scheme::InternetFacing);
    assert_eq!(
        (lbc::target_type(&s, 0), lbc::scheme(&s, 0)),
        (TargetType::Ip, Scheme::InternetFacing)
    );
    assert_eq!(
        lb_of(&s),
        (LbKind::Nlb, TargetType::Ip, Scheme::InternetFacing)
    );
    assert!(lbc::traffic_policy_moot(&s, 0));
    // Back to the in-tree CLB: its scheme is `aws-load-balancer-internal`.
    lbc::write(&mut s, 0, LbChoice::Clb);
    lbc::set_scheme(&mut s, 0, Scheme::Internal);
    assert_eq!(lbc::scheme(&s, 0), Scheme::Internal);
    assert_eq!(lb_of(&s).2, Scheme::Internal);
    assert!(!lbc::traffic_policy_moot(&s, 0));
    // An ALB is an Ingress of class alb routing to the Service.
    let mut s = Scenario::example();
    lbc::write(&mut s, 0, LbChoice::Alb);
    assert_eq!(s.services[0].service_type, ServiceType::NodePort);
    assert_eq!(s.ingresses.len(), 1);
    lbc::set_target_type(&mut s, 0, TargetType::Ip);
    lbc::set_scheme(&mut s, 0, Scheme::InternetFacing);
    assert_eq!(
        lb_of(&s),
        (LbKind::Alb, TargetType::Ip, Scheme::InternetFacing)
    );
    lbc::write(&mut s, 0, LbChoice::Alb);
    assert_eq!(s.ingresses.len(), 1, "no second Ingress");
    lbc::write(&mut s, 0, LbChoice::None);
    assert!(s.ingresses.is_empty());
    assert_eq!(lbc::read(&s, 0), LbChoice::None);
    for c in [
        LbChoice::None,
        LbChoice::Clb,
        LbChoice::Nlb,
        LbChoice::NlbInTree,
        LbChoice::NlbIp,
        LbChoice::Other,
        LbChoice::Alb,
    ] {
        assert_eq!(LbChoice::parse(c.value()), c);
    }
}

#[wasm_bindgen_test]
async fn the_service_form_offers_load_balancers_by_choice() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Services and Ingresses").await;
    let ann = "#f-services-0-annotations";
    assert_eq!(select_value(&root, "#f-services-0-loadBalancer"), "clb");
    // CLB: no target type to choose (the in-tree provider registers instances).
    assert!(q(&root, "#f-services-0-loadBalancer-targetType")
        .closest(".shown-when")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
    choose(&root, "#f-services-0-loadBalancer", "nlb");
    settle().await;
    assert!(
        textarea(&root, ann).contains(&format!("{}: external", keys::LB_TYPE)),
        "{}",
        textarea(&root, ann)
    );
    assert_eq!(
        select_value(&root, "#f-services-0-loadBalancer-scheme"),
        "internal"
    );
    assert!(hidden(&root, "[data-control=policy-moot]"));
    choose(&root, "#f-services-0-loadBalancer-targetType", "ip");
    choose(
        &root,
        "#f-services-0-loadBalancer-scheme",
        "internet-facing",
    );
    settle().await;
    let raw = textarea(&root, ann);
    assert!(
        raw.contains(&format!("{}: ip", keys::NLB_TARGET_TYPE)),
        "{raw}"
    );
    assert!(
        raw.contains(&format!("{}: internet-facing", keys::SCHEME)),
        "{raw}"
    );
    // externalTrafficPolicy has no effect with IP targets: said under it.
    assert!(!hidden(&root, "[data-control=policy-moot]"));
    assert!(text(&q(&root, "[data-control=policy-moot]")).contains("no effect"));
    // The raw annotations stay editable, and the choices read them back.
    let edited = raw.replace(
        &format!("{}: ip", keys::NLB_TARGET_TYPE),
        &format!("{}: instance", keys::NLB_TARGET_TYPE),
    );
    type_into(&root, ann, &edited);
    settle().await;
    assert_eq!(
        select_value(&root, "#f-services-0-loadBalancer-targetType"),
        "instance"
    );
    assert!(hidden(&root, "[data-control=policy-moot]"));
    // Korean labels.
    click(&root, "[data-control=lang] [data-value=ko]");
    settle().await;
    let label = text(&q(&root, "label[for=f-services-0-loadBalancer]"));
    assert_eq!(label, "로드 밸런서");
    click(&root, "[data-control=lang] [data-value=en]");
    settle().await;
}

#[wasm_bindgen_test]
async fn an_alb_is_chosen_as_an_ingress_with_its_annotations() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Services and Ingresses").await;
    choose(&root, "#f-services-0-loadBalancer", "alb");
    settle().await;
    let ing: HtmlInputElement = q(&root, "#f-ingresses-0-name").unchecked_into();
    assert_eq!(ing.value(), "my-nginx-alb");
    assert_eq!(select_value(&root, "#f-services-0-type"), "NodePort");
    choose(&root, "#f-services-0-loadBalancer-targetType", "ip");
    settle().await;
    let raw = textarea(&root, "#f-ingresses-0-annotations");
    assert!(
        raw.contains(&format!("{}: ip", keys::ALB_TARGET_TYPE)),
        "{raw}"
    );
    assert!(!hidden(&root, "[data-control=policy-moot]"));
}

/// The nodes drawn (their ids, each once; parts such as `node:x#more` left out).
fn node_ids(root: &Element) -> Vec<String> {
    let ids: std::collections::BTreeSet<String> = qa(root, "svg.eksnet-scene [data-id^='node:']")
        .iter()
        .filter_map(|e| e.get_attribute("data-id"))
        .filter(|i| !i.contains('#'))
        .collect();
    ids.into_iter().collect()
}

#[wasm_bindgen_test]
fn stranded_nodes_are_named_and_can_be_moved_or_unpinned() {
    let mut s = Scenario::example();
    s.vpc.subnets[0].cidr_block = "192.168.32.0/26".into();
    let a = analyze(&s);
    let st = stranded::stranded(&s, &a, 0);
    let names: Vec<String> = st.nodes.iter().map(|n| short_node_name_of(n.2)).collect();
    assert_eq!(names, ["ip-192-168-46-6", "ip-192-168-48-175"]);
    assert_eq!(st.pods.len(), 2);
    assert!(stranded::stranded(&s, &a, 1).nodes.is_empty());
    let in_a = |a: &eksnet::Analysis| a.model.nodes.iter().filter(|n| n.subnet == 0).count();
    assert_eq!(in_a(&a), 0, "the core drops them");
    let mut moved = s.clone();
    stranded::move_in(&mut moved, &a, 0);
    let b = analyze(&moved);
    assert_eq!(in_a(&b), 2);
    assert_eq!(b.model.nodes.len(), 4);
    assert!(!b.diagnostics.iter().any(|d| d.code == Code::NodeIpUnusable));
    let mut unpinned = s.clone();
    stranded::unpin(&mut unpinned, &a, 0);
    let c = analyze(&unpinned);
    assert_eq!(unpinned.node_groups[0].nodes.len(), 2);
    assert_eq!(c.model.nodes.len(), 4);
    assert_eq!(
        stranded::network_address("192.168.32.5/19")
            .map(|n| n.to_string())
            .as_deref(),
        Some("192.168.32.0/19")
    );
    assert_eq!(stranded::network_address("192.168.32.0/19"), None);
}

#[wasm_bindgen_test]
async fn a_narrowed_subnet_says_which_nodes_leave_and_offers_the_fix() {
    let root = mount(Initial::default());
    settle().await;
    assert_eq!(node_ids(&root).len(), 4);
    open_section(&root, "Subnets and routes").await;
    let cidr = "#f-vpc-subnets-0-cidrBlock";
    type_into(&root, cidr, "192.168.32.0/26");
    settle().await;
    let msg = text(&q(&root, "[data-control=stranded]"));
    assert!(
        msg.contains(
            "2 pinned nodes (ip-192-168-46-6, ip-192-168-48-175) are outside 192.168.32.0/26"
        ),
        "{msg}"
    );
    assert!(msg.contains("The 2 pods pinned to them"), "{msg}");
    assert_eq!(node_ids(&root).len(), 2, "the core dropped them");
    // In Korean, with its counters.
    click(&root, "[data-control=lang] [data-value=ko]");
    settle().await;
    let ko = text(&q(&root, "[data-control=stranded]"));
    assert!(
        ko.contains("고정된 노드 2대") && ko.contains("Pod 2개"),
        "{ko}"
    );
    click(&root, "[data-control=lang] [data-value=en]");
    settle().await;
    // The fix at the field: move them into the new block.
    click(&root, "[data-control=move-in]");
    settle().await;
    assert!(qa(&root, "[data-control=stranded]").is_empty());
    let ids = node_ids(&root);
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(
        ids.iter().any(|i| i.starts_with("node:ip-192-168-32-")),
        "{ids:?}"
    );
    // Host bits: the network address is one click.
    type_into(&root, cidr, "192.168.32.5/19");
    settle().await;
    let btn = q(&root, "[data-control=use-network]");
    assert!(text(&btn).contains("192.168.32.0/19"), "{}", text(&btn));
    click(&root, "[data-control=use-network]");
    settle().await;
    let input: HtmlInputElement = q(&root, cidr).unchecked_into();
    assert_eq!(input.value(), "192.168.32.0/19");
    assert!(qa(&root, "[data-control=use-network]").is_empty());
}

#[wasm_bindgen_test]
async fn unpinning_at_the_field_brings_the_nodes_back() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Subnets and routes").await;
    type_into(&root, "#f-vpc-subnets-0-cidrBlock", "192.168.32.0/26");
    settle().await;
    assert_eq!(node_ids(&root).len(), 2);
    click(&root, "[data-control=unpin]");
    settle().await;
    assert!(qa(&root, "[data-control=stranded]").is_empty());
    // The core allocates the two unpinned nodes from the group's subnets: every
    // node is back, and the page draws what the core lays out for that scenario.
    let mut s = Scenario::example();
    s.vpc.subnets[0].cidr_block = "192.168.32.0/26".into();
    let a = analyze(&s);
    stranded::unpin(&mut s, &a, 0);
    let b = analyze(&s);
    assert_eq!(b.model.nodes.len(), 4);
    let core: std::collections::BTreeSet<String> = eksnet::layout(&b, &eksnet::View::default())
        .shapes
        .iter()
        .map(|x| x.id.as_str().to_string())
        .filter(|i| i.starts_with("node:") && !i.contains('#'))
        .collect();
    let drawn = node_ids(&root);
    assert!(drawn.len() > 2, "{drawn:?}");
    assert_eq!(drawn, core.into_iter().collect::<Vec<_>>());
}
