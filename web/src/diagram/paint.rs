//! The scene's drawing put on the page as markup: the core writes each drawn
//! element as SVG text ([`eksnet::svg::drawing`], the same text as its export),
//! and the browser parses it in one go, instead of the page creating every
//! element and setting every attribute across the WebAssembly boundary (for the
//! 100,000-node cluster, thousands of calls, each decoding a string).
//!
//! A change that touches a few elements (a step, a selection) replaces only
//! those; a new drawing replaces all. A large drawing goes on the page in parts,
//! one task each after the one that laid it out (the boxes first, then the
//! pods, the legend last), so that neither these tasks nor the browser's layout
//! and paint that follow each hold the page for long.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::wasm_bindgen::JsCast;
use web_sys::Element;

/// Bytes of markup added to the page in one task when a drawing is large.
pub const CHUNK_BYTES: usize = 48 * 1024;

/// What is on the page: the drawing's parts, in order, one child element of
/// the drawing's `<g>` each (all of them once `complete`).
#[derive(Default)]
pub struct Painter {
    shown: Vec<String>,
    complete: bool,
    generation: u64,
}

/// Shared by the effect that paints and the tasks that add a large drawing's
/// later parts.
pub type Shared = Rc<RefCell<Painter>>;

/// Where `parts` split into tasks: the end of each run of parts of about
/// [`CHUNK_BYTES`] (the last ends at `parts.len()`).
pub fn chunk_ends(parts: &[String], chunk: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut bytes = 0;
    for (i, p) in parts.iter().enumerate() {
        bytes += p.len();
        if bytes >= chunk {
            ends.push(i + 1);
            bytes = 0;
        }
    }
    if ends.last() != Some(&parts.len()) {
        ends.push(parts.len());
    }
    ends
}

/// The parts that differ between `old` and `new` (same length), if few enough
/// (at most a quarter) to be replaced one by one rather than all at once.
pub fn few_changed(old: &[String], new: &[String]) -> Option<Vec<usize>> {
    if old.len() != new.len() {
        return None;
    }
    let most = new.len() / 4;
    let mut changed = Vec::new();
    for (i, (a, b)) in old.iter().zip(new).enumerate() {
        if a != b {
            changed.push(i);
            if changed.len() > most {
                return None;
            }
        }
    }
    Some(changed)
}

/// Shows `parts` in `g` (the drawing's `<g>`): only the parts that changed when
/// few did, else all of them, a large drawing over several tasks.
pub fn paint(painter: &Shared, g: &Element, parts: Vec<String>) {
    let mut p = painter.borrow_mut();
    p.generation = p.generation.wrapping_add(1);
    if p.complete {
        if let Some(changed) = few_changed(&p.shown, &parts) {
            let children = g.children();
            let all_there = children.length() as usize == parts.len();
            if all_there {
                for i in changed {
                    if let Some(el) = children.item(i as u32) {
                        el.set_outer_html(&parts[i]);
                    }
                }
                p.shown = parts;
                return;
            }
        }
    }
    let ends = chunk_ends(&parts, CHUNK_BYTES);
    p.shown = parts;
    p.complete = ends.len() == 1;
    if p.complete {
        g.set_inner_html(&p.shown.concat());
        return;
    }
    // A large drawing: its parts in tasks of their own (the task that made it,
    // which laid out the scene, is long enough); the old drawing stays until
    // the first part replaces it.
    let generation = p.generation;
    drop(p);
    let (painter, g) = (painter.clone(), g.clone());
    leptos::task::spawn_local(async move {
        let mut start = 0;
        for end in ends {
            crate::pacing::next_task().await;
            let p = painter.borrow();
            // A newer drawing replaced this one meanwhile.
            if p.generation != generation || !g.is_connected() {
                return;
            }
            let html = p.shown[start..end].concat();
            if start == 0 {
                g.set_inner_html(&html);
            } else {
                let _ = g.insert_adjacent_html("beforeend", &html);
            }
            start = end;
        }
        painter.borrow_mut().complete = true;
    });
}

/// The drawing's `<g>` inside the diagram's stage, once it is on the page.
pub fn drawing_g(stage: &web_sys::HtmlDivElement) -> Option<Element> {
    stage
        .query_selector("svg.eksnet-scene g.drawing")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<Element>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(sizes: &[usize]) -> Vec<String> {
        sizes.iter().map(|n| "x".repeat(*n)).collect()
    }

    #[test]
    fn chunks_end_after_enough_bytes_and_at_the_end() {
        assert_eq!(chunk_ends(&parts(&[10, 10, 10]), 100), [3]);
        assert_eq!(chunk_ends(&parts(&[60, 50, 10, 100, 5]), 100), [2, 4, 5]);
        assert_eq!(chunk_ends(&parts(&[60, 50]), 100), [2]);
        assert_eq!(chunk_ends(&[], 100), [0]);
    }

    #[test]
    fn few_changes_are_patched_many_repainted() {
        let old: Vec<String> = (0..8).map(|i| format!("<g>{i}</g>")).collect();
        let mut new = old.clone();
        assert_eq!(few_changed(&old, &new), Some(vec![]));
        new[3] = "<g>three</g>".into();
        new[5] = "<g>five</g>".into();
        assert_eq!(few_changed(&old, &new), Some(vec![3, 5]));
        new[6] = "<g>six</g>".into();
        assert_eq!(few_changed(&old, &new), None);
        assert_eq!(few_changed(&old, &old[1..]), None);
    }
}
