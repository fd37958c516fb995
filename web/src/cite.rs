//! A rule's source as a reader cites it: its title (the blog post, the study
//! notes' subject), linked when it is online (AWS documentation, the blog), with
//! the source's file name and section as the tooltip.

use eksnet::{Cite, Lang};
use leptos::prelude::*;

/// The source of a rule, by title.
pub fn cite_view(c: &Cite, l: Lang) -> AnyView {
    let title = c.title().get(l).to_string();
    let file = c.display();
    match c.url() {
        Some(u) => view! {
            <a class="cite-title" href=u target="_blank" rel="noopener" title=file.clone() data-file=file>{title}</a>
        }
        .into_any(),
        None => view! { <span class="cite-title" title=file.clone() data-file=file>{title}</span> }.into_any(),
    }
}
