//! What every scene guarantees, checked: [`problems`] lists each broken promise.
//!
//! The promises: shape and edge ids are unique; every id follows the grammar of
//! [`crate::ids`] (so each drawn model thing carries its stable id); a child lies
//! inside its parent, below the parent's label, and after it in paint order;
//! siblings do not overlap; labels and details fit their boxes in both languages;
//! edges join drawn shapes; the legend overlaps nothing; everything lies inside
//! the scene. Every scene's tests assert that the list is empty, and the web
//! app's tests may too.

use std::collections::{HashMap, HashSet};

use super::kit::{DETAIL_FONT, HEADER};
use super::{mono_width_any, Scene};

/// Prefixes of the id grammar of [`crate::ids`].
const PREFIXES: [&str; 20] = [
    "aws:", "tg:", "client:", "net:", "cp:", "dns:", "az:", "subnet:", "nat:", "vpce:", "sg:",
    "eks-eni:", "ng:", "node:", "eni:", "pod:", "svc:", "ing:", "lb:", "note:",
];
const FIXED: [&str; 6] = ["internet", "cp", "vpc", "igw", "ecr", "s3"];

fn id_ok(id: &str) -> bool {
    let thing = id.split_once('#').map_or(id, |(t, _)| t);
    FIXED.contains(&thing)
        || PREFIXES
            .iter()
            .any(|p| thing.starts_with(p) && thing.len() > p.len())
}

/// Every broken promise of `scene` (see the module docs), as sentences. Empty
/// when the scene is sound.
pub fn problems(scene: &Scene) -> Vec<String> {
    let mut out = Vec::new();
    let bounds = super::Rect::new(0.0, 0.0, scene.width, scene.height);
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in scene.shapes.iter().enumerate() {
        let id = s.id.as_str();
        if index.insert(id, i).is_some() {
            out.push(format!("shape id `{id}` is used twice"));
        }
        if !id_ok(id) {
            out.push(format!("shape id `{id}` is outside the id grammar"));
        }
        if !bounds.contains(&s.rect) {
            out.push(format!("`{id}` lies outside the scene"));
        }
        let r = s.rect;
        let lw = super::icons::label_room(s);
        if lw > r.w + 0.5 {
            out.push(format!(
                "label of `{id}` ({:?}) needs {lw:.0} but the box is {:.0} wide",
                s.label.en, r.w
            ));
        }
        let need_h = if s.detail.is_some() { 40.0 } else { 24.0 };
        if r.h + 0.5 < need_h {
            out.push(format!(
                "`{id}` is {:.0} high, its text needs {need_h}",
                r.h
            ));
        }
        if let Some(d) = &s.detail {
            let dw = mono_width_any(d, DETAIL_FONT) + 16.0;
            if dw > r.w + 0.5 {
                out.push(format!(
                    "detail of `{id}` ({:?}) needs {dw:.0} but the box is {:.0} wide",
                    d.en, r.w
                ));
            }
        }
    }
    // Parents: exist, come first, contain; children clear of the label band.
    let mut children: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (i, s) in scene.shapes.iter().enumerate() {
        let pid = s.parent.as_ref().map(|p| p.as_str());
        children.entry(pid).or_default().push(i);
        let Some(pid) = pid else { continue };
        let id = s.id.as_str();
        match index.get(pid) {
            None => out.push(format!("parent `{pid}` of `{id}` is not drawn")),
            Some(&k) if k >= i => out.push(format!("parent `{pid}` of `{id}` is painted after it")),
            Some(&k) => {
                let p = &scene.shapes[k];
                if !p.rect.contains(&s.rect) {
                    out.push(format!("`{id}` is not inside its parent `{pid}`"));
                }
                let label_right = p.rect.x + super::icons::label_room(p);
                let band = p.rect.y + HEADER - 4.0;
                if s.rect.y < band && s.rect.x < label_right {
                    out.push(format!("`{id}` covers the label of its parent `{pid}`"));
                }
            }
        }
    }
    for (parent, kids) in &children {
        for (n, &i) in kids.iter().enumerate() {
            for &j in &kids[n + 1..] {
                let (a, b) = (&scene.shapes[i], &scene.shapes[j]);
                if a.rect.overlaps(&b.rect) {
                    out.push(format!(
                        "siblings `{}` and `{}` overlap (in {})",
                        a.id,
                        b.id,
                        parent.unwrap_or("the scene")
                    ));
                }
            }
        }
    }
    let mut edge_ids = HashSet::new();
    for e in &scene.edges {
        if !edge_ids.insert(e.id.as_str()) {
            out.push(format!("edge id `{}` is used twice", e.id));
        }
        for end in [&e.from, &e.to] {
            if !index.contains_key(end.as_str()) {
                out.push(format!(
                    "edge `{}` ends at `{end}`, which is not drawn",
                    e.id
                ));
            }
        }
        if e.points.len() < 2 {
            out.push(format!("edge `{}` has fewer than two points", e.id));
        }
        for &(x, y) in &e.points {
            if !x.is_finite() || !y.is_finite() || !bounds.contains_point((x, y)) {
                out.push(format!("edge `{}` leaves the scene", e.id));
                break;
            }
        }
    }
    for it in &scene.legend {
        if !bounds.contains(&it.rect) {
            out.push("a legend entry lies outside the scene".to_string());
        }
        if let Some(s) = scene.shapes.iter().find(|s| s.rect.overlaps(&it.rect)) {
            out.push(format!("the legend covers `{}`", s.id));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for ok in [
            "vpc",
            "node:a",
            "cp:apiserver#1",
            "ng:x#subnet-a",
            "note:k",
            "igw",
        ] {
            assert!(id_ok(ok), "{ok}");
        }
        for bad in ["", "node:", "random", "#x", "foo:bar"] {
            assert!(!id_ok(bad), "{bad}");
        }
    }
}
