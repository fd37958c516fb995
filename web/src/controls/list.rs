//! Editable lists of the scenario (subnets, node groups, workloads, ...): rows
//! keyed by index with a remove button each, and an add button.
//!
//! Rows read their item by index through lenses ([`crate::item`]), so removing a
//! row shifts the ones after it without rebuilding them.

use leptos::prelude::*;

use crate::controls::fields::form;
use crate::i18n::Tr;

/// A lens on one field of one item of a list of the scenario:
/// `item!(scenario, i, |s| s.vpc.subnets, cidr_block)`. Missing items read as
/// the field's default and ignore writes (a row being removed never panics).
#[macro_export]
macro_rules! item {
    ($sc:expr, $i:expr, |$s:ident| $list:expr, $($f:ident).+) => {
        $crate::controls::fields::lens(
            $sc,
            move |$s| $list.get($i).map(|x| x.$($f).+.clone()).unwrap_or_default(),
            move |$s, v| {
                if let Some(x) = $list.get_mut($i) {
                    x.$($f).+ = v;
                }
            },
        )
    };
}

/// A lens on one field of the scenario: `field!(scenario, |s| s.vpc.enable_dns_support)`.
#[macro_export]
macro_rules! field {
    ($sc:expr, |$s:ident| $place:expr) => {
        $crate::controls::fields::lens(
            $sc,
            move |$s| $place.clone(),
            move |$s, v| {
                $place = v;
            },
        )
    };
}

/// A list of rows with remove buttons and an add button.
#[component]
pub fn RowList<R, V>(
    /// How many items the list has.
    len: Signal<usize>,
    /// Draws row `i`.
    row: R,
    /// What an item is called (`Subnet`), for the buttons' labels.
    item_name: Tr,
    /// Adds an item at the end.
    on_add: Callback<()>,
    /// Removes item `i`.
    on_remove: Callback<usize>,
) -> impl IntoView
where
    R: Fn(usize) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let lang = form().lang;
    view! {
        <ol class="rows">
            <For each=move || 0..len.get() key=|i| *i let:i>
                <li class="row">
                    <div class="row-fields">{row.clone()(i)}</div>
                    <button type="button" class="remove" on:click=move |_| on_remove.run(i)
                        aria-label=move || crate::i18n::remove_item(lang.get(), item_name, i + 1)
                        title=crate::i18n::tr(lang, crate::i18n::REMOVE)>"✕"</button>
                </li>
            </For>
        </ol>
        <button type="button" class="add" on:click=move |_| on_add.run(())>
            "+ "{move || crate::i18n::add_item(lang.get(), item_name)}
        </button>
    }
}
