//! The form as data: each section describes its fields as [`Block`]s (a field, a
//! heading, a list of rows, ...), and one renderer draws them all.
//!
//! Describing rather than writing each section as its own view keeps the form's
//! compiled size small: the browser code for a text field, a checkbox or a list
//! exists once, however many of them the form has (a section written as a
//! `view!` compiles its own copy of every element it nests).

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::controls::fields::{
    form, CheckField, Choice, FieldDiagnostics, LinesField, NumberField, OptNumberField,
    PairsField, SelectField, TextField,
};
use crate::i18n::{self, Tr};

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

/// A value of the scenario and its setter (see [`crate::controls::fields::lens`]).
pub type Lens<T> = (Signal<T>, Callback<T>);

/// What kind of input a field is, with its value and setter.
pub enum Input {
    /// Free text (the scenario keeps it as typed).
    Text(Lens<String>),
    /// A whole number, with its range (max 0: none) and whether − / + are drawn.
    Number(Lens<u32>, u32, u32, bool),
    /// A whole number or nothing (the default applies).
    OptNumber(Lens<Option<u32>>),
    /// A checkbox.
    Check(Lens<bool>),
    /// A choice among values.
    Select(Lens<String>, Signal<Vec<Choice>>),
    /// A list of strings, one per line.
    Lines(Lens<Vec<String>>),
    /// A string map, `key: value` per line.
    Pairs(Lens<BTreeMap<String, String>>),
}

/// One field: its label, the JSON pointer it edits, and its input.
pub struct FieldSpec {
    label: Tr,
    path: String,
    input: Input,
    placeholder: &'static str,
    list: Option<&'static str>,
    nested: bool,
    shown: Option<Signal<bool>>,
}

impl FieldSpec {
    /// A field of `input` labelled `label`, editing `path`.
    pub fn new(label: Tr, path: impl Into<String>, input: Input) -> FieldSpec {
        FieldSpec {
            label,
            path: path.into(),
            input,
            placeholder: "",
            list: None,
            nested: false,
            shown: None,
        }
    }

    /// An example value shown while empty.
    pub fn placeholder(mut self, p: &'static str) -> FieldSpec {
        self.placeholder = p;
        self
    }

    /// Suggestions from the `<datalist>` with this id.
    pub fn list(mut self, id: &'static str) -> FieldSpec {
        self.list = Some(id);
        self
    }

    /// Also show the diagnostics of the field's parts (`<path>/...`).
    pub fn nested(mut self) -> FieldSpec {
        self.nested = true;
        self
    }

    /// Show the field only while `when` holds.
    pub fn shown_when(mut self, when: Signal<bool>) -> FieldSpec {
        self.shown = Some(when);
        self
    }
}

/// A list of rows (subnets, node groups, ...).
pub struct ListSpec {
    /// Number of items.
    pub len: Signal<usize>,
    /// The blocks of row `i`.
    pub row: Arc<dyn Fn(usize) -> Vec<Block> + Send + Sync>,
    /// What an item is called.
    pub item: Tr,
    /// Adds an item.
    pub add: Callback<()>,
    /// Removes item `i`.
    pub remove: Callback<usize>,
}

/// A piece of a section.
pub enum Block {
    /// A field.
    Field(FieldSpec),
    /// A sub-heading.
    Heading(Tr),
    /// A list of rows.
    List(ListSpec),
    /// The diagnostics of a place that is no single field (a whole row).
    Diagnostics(String),
    /// A `<datalist>` of suggestions.
    Datalist(&'static str, Vec<&'static str>),
    /// Anything else, drawn as given.
    View(AnyView),
}

impl From<FieldSpec> for Block {
    fn from(f: FieldSpec) -> Block {
        Block::Field(f)
    }
}

/// Draws blocks.
pub fn blocks_view(blocks: Vec<Block>) -> Vec<AnyView> {
    blocks.into_iter().map(block_view).collect()
}

fn block_view(b: Block) -> AnyView {
    match b {
        Block::Field(f) => field_view(f),
        Block::Heading(t) => {
            let lang = form().lang;
            view! { <h4>{i18n::tr(lang, t)}</h4> }.into_any()
        }
        Block::List(l) => list_view(l),
        Block::Diagnostics(path) => view! { <FieldDiagnostics path=path /> }.into_any(),
        Block::Datalist(id, options) => view! {
            <datalist id=id>
                {options.into_iter().map(|o| view! { <option value=o></option> }).collect_view()}
            </datalist>
        }
        .into_any(),
        Block::View(v) => v,
    }
}

fn field_view(f: FieldSpec) -> AnyView {
    let FieldSpec {
        label,
        path,
        input,
        placeholder,
        list,
        nested,
        shown,
    } = f;
    let inner = match input {
        Input::Text((value, on_input)) => view! {
            <TextField label path value on_input placeholder list />
        }
        .into_any(),
        Input::Number((value, on_change), min, max, stepper) => {
            view! { <NumberField label path value on_change min max stepper /> }.into_any()
        }
        Input::OptNumber((value, on_change)) => {
            view! { <OptNumberField label path value on_change /> }.into_any()
        }
        Input::Check((value, on_change)) => {
            view! { <CheckField label path value on_change /> }.into_any()
        }
        Input::Select((value, on_change), choices) => {
            view! { <SelectField label path choices value on_change nested /> }.into_any()
        }
        Input::Lines((value, on_input)) => {
            view! { <LinesField label path value on_input /> }.into_any()
        }
        Input::Pairs((value, on_input)) => {
            view! { <PairsField label path value on_input placeholder /> }.into_any()
        }
    };
    match shown {
        None => inner,
        Some(when) => {
            view! { <div class="shown-when" hidden=move || !when.get()>{inner}</div> }.into_any()
        }
    }
}

fn list_view(l: ListSpec) -> AnyView {
    let lang = form().lang;
    let ListSpec {
        len,
        row,
        item,
        add,
        remove,
    } = l;
    view! {
        <ol class="rows">
            <For each=move || 0..len.get() key=|i| *i let:i>
                <li class="row">
                    <div class="row-fields">{blocks_view(row(i))}</div>
                    <button type="button" class="remove" on:click=move |_| remove.run(i)
                        aria-label=move || i18n::remove_item(lang.get(), item, i + 1)
                        title=i18n::tr(lang, i18n::REMOVE)>"✕"</button>
                </li>
            </For>
        </ol>
        <button type="button" class="add" on:click=move |_| add.run(())>
            "+ "{move || i18n::add_item(lang.get(), item)}
        </button>
    }
    .into_any()
}

/// A list whose items are removed by index from the vector `get_mut` returns.
pub fn list_of<T: 'static>(
    scenario: RwSignal<eksnet::Scenario>,
    item: Tr,
    vec: fn(&mut eksnet::Scenario) -> &mut Vec<T>,
    len: fn(&eksnet::Scenario) -> usize,
    add: impl Fn(&mut eksnet::Scenario) + Send + Sync + 'static,
    row: impl Fn(usize) -> Vec<Block> + Send + Sync + 'static,
) -> Block {
    Block::List(ListSpec {
        len: Signal::derive(move || scenario.with(len)),
        row: Arc::new(row),
        item,
        add: Callback::new(move |_| scenario.update(|s| add(s))),
        remove: Callback::new(move |i: usize| {
            scenario.update(|s| {
                let v = vec(s);
                if i < v.len() {
                    v.remove(i);
                }
            })
        }),
    })
}
