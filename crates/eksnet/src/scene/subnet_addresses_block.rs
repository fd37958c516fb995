//! A /28 block of "Subnet addresses" (its owner's code, its holders in the
//! details) and the box that sums up the rows not drawn.

use super::*;

/// Its holders are named when it is `selected` (the details show them).
pub(super) fn block(
    a: &Analysis,
    sm: &SubnetMap,
    view: &View,
    i: usize,
    b: Block,
    r: Rect,
) -> crate::scene::Shape {
    let cidr = sm.block_cidr(i).map_or_else(String::new, |n| n.to_string());
    let code = code(b.owner);
    let free = b.free;
    let wide = Text {
        en: format!("{code} · {free} of 16 free"),
        ko: format!("{code} · 16개 중 {free}개 빔"),
    };
    let label = if fit_w(&wide, None) <= r.w {
        wide
    } else {
        Text {
            en: code.into(),
            ko: code.into(),
        }
    };
    let sid = ElementId::subnet(&sm.id);
    let mut s = shape(sid.part(&cidr), Role::Slot, r, label, None);
    let selected = view.selection.as_ref() == Some(&s.id);
    let kind = b.kind.label();
    let (ken, kko) = (&kind.en, &kind.ko);
    let mut note = text!(
        "{cidr}: {ken}, {free} of 16 free",
        "{cidr}: {kko}, 16개 중 {free}개 빔"
    );
    let mut elements: Vec<String> = Vec::new();
    // The holders of the selected block only: naming them walks every ENI.
    let details = if selected {
        addrmap::block_detail(a, sm.subnet, i)
    } else {
        Vec::new()
    };
    // Runs of addresses with the same owner and holder as one entry.
    let mut k = 0;
    while k < details.len() {
        let d = &details[k];
        let same = details[k..]
            .iter()
            .take_while(|x| x.owner == d.owner && x.holder == d.holder)
            .count();
        let last = &details[k + same - 1];
        k += same;
        if d.owner == Owner::Free {
            continue;
        }
        let (lo, hi) = (u32::from(d.ip) & 0xff, u32::from(last.ip) & 0xff);
        let at = if same > 1 {
            format!(".{lo}–.{hi}")
        } else {
            format!(".{lo}")
        };
        let who = d.owner.label();
        let what = d
            .holder
            .as_deref()
            .map_or(String::new(), |h| format!(": {h}"));
        note.en += &format!("; {at} {}{what}", who.en);
        note.ko += &format!("; {at} {}{what}", who.ko);
        if let Some(e) = &d.element {
            if !elements.contains(&e.0) {
                elements.push(e.0.clone());
            }
        }
    }
    s.note = Some(note);
    s.classes.push(owner_class(b.owner));
    s.classes.push(kind_class(b.kind));
    s.data.push(("block", cidr));
    s.data.push(("kind", b.kind.as_str().to_string()));
    s.data.push(("owner", b.owner.as_str().to_string()));
    s.data.push(("free", free.to_string()));
    if !elements.is_empty() {
        s.data.push(("holders", elements.join(" ")));
    }
    s.parent = Some(sid);
    s
}

/// The rows not drawn, summed up in one box.
pub(super) fn more(
    c: &mut Canvas,
    sm: &SubnetMap,
    sid: &ElementId,
    rest: &[&Row],
    r: Rect,
    phone: bool,
) {
    let mut n = [0usize; BLOCK_KINDS.len()];
    let mut total = 0;
    for row in rest {
        let (Row::Blocks(first, len) | Row::Free(first, len)) = **row;
        for b in &sm.blocks[first..first + len] {
            n[BLOCK_KINDS.iter().position(|k| *k == b.kind).unwrap_or(0)] += 1;
            total += 1;
        }
    }
    let names = [
        ("free", "빈"),
        ("partly used", "일부 사용"),
        ("full", "가득 참"),
        ("prefixes", "프리픽스"),
        ("reserved", "예약"),
    ];
    let parts = n.iter().zip(names).filter(|(k, _)| **k > 0);
    let en: Vec<String> = parts
        .clone()
        .map(|(k, (e, _))| format!("{k} {e}"))
        .collect();
    let ko: Vec<String> = parts.map(|(k, (_, h))| format!("{h} {k}")).collect();
    let (en, ko) = (en.join(", "), ko.join(", "));
    let label = text!(
        "+{total} more /28 blocks: {en}",
        "/28 블록 {total}개 더: {ko}"
    );
    // On a phone, the kinds are in the box's details.
    let (label, note) = if phone {
        (
            text!("+{total} more /28 blocks", "/28 블록 {total}개 더"),
            Some(label),
        )
    } else {
        (label, None)
    };
    let mut s = shape(sid.part("more-blocks"), Role::Note, r, label, None);
    s.note = note;
    s.classes.push("aggregate");
    s.parent = Some(sid.clone());
    c.push(s);
}
