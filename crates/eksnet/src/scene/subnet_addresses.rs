//! "Subnet addresses": one subnet laid out as its aligned /28 blocks, who holds
//! each, and the two counts that decide prefix delegation (free addresses and free
//! aligned /28s; the VPC CNI's `docs/prefix-and-ip-target.md`), with the
//! forecast's "what stops first" ([`crate::addrmap`]).
//!
//! The subnet shown is the one the selection is in (a block, a subnet chip, a
//! node), else the fullest. Its blocks are drawn in rows of 16 (one row is a
//! /24); a run of free blocks is one "N free" box, whole free rows fold into one
//! line, and rows beyond [`MAX_ROWS`] (fewer in an embed) are summed up in one box, so a /16 stays a
//! few dozen shapes. A block shows its main owner by colour *and* a letter code,
//! its kind by its border (dashed: partly used), both explained in the legend;
//! selecting it lists its 16 addresses and their holders in the details.

use super::kit::{clip, fit_w, plural, shape, Canvas, PAD};
use super::subnet_addresses_legend::{code, kind_class, legend, owner_class};
use super::{Rect, Role, Scene, SceneKind, SizeClass, View};
use crate::addrmap::{self, forecast, Block, BlockKind, Owner, SubnetMap, BLOCK_KINDS};
use crate::{text, Analysis, ElementId, Text};

/// Rows of blocks drawn (a folded run of free rows counts as one).
pub(crate) const MAX_ROWS: usize = 7;
/// Rows drawn in an embed's smaller frame.
const MAX_ROWS_EMBED: usize = 5;
/// Blocks per row (16 × /28 = one /24).
const PER_ROW: usize = 16;
/// A block's width and height, and the gap between blocks.
const CELL_W: f64 = 40.0;
/// A block's width in an embed's smaller frame (two-letter codes still fit).
const CELL_W_EMBED: f64 = 36.0;
const CELL_H: f64 = 28.0;
const GAP: f64 = 4.0;
/// Width of a row's label (`192.168.255.0/24`).
const ROW_LABEL_W: f64 = 128.0;
/// Free blocks in a row that fold into one box.
const MIN_RUN: usize = 3;
/// Subnet chips drawn.
const MAX_CHIPS: usize = 12;

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let map = addrmap::build(a);
    let mut c = Canvas::new();
    let Some(sm) = chosen(a, &map, view) else {
        let label = text!(
            "No subnet with a usable IPv4 CIDR block",
            "쓸 수 있는 IPv4 CIDR 블록이 있는 서브넷이 없다"
        );
        let r = Rect::new(0.0, 0.0, fit_w(&label, None), 28.0);
        c.push(shape(
            ElementId::note("no-subnet"),
            Role::Note,
            r,
            label,
            None,
        ));
        return c.finish(SceneKind::SubnetAddresses, description(None), Vec::new());
    };
    let blocks_w = per_row(view) as f64 * (base_w(view) + GAP) - GAP;
    // On a phone a row's label is a line of its own, over its blocks.
    let grid_w = if view.size == SizeClass::Phone {
        blocks_w
    } else {
        ROW_LABEL_W + GAP + blocks_w
    };
    let mut y = summary(&mut c, a, sm, view.size == SizeClass::Phone);
    y = chips(&mut c, a, &map, sm, y, grid_w + 2.0 * PAD);
    let owners = grid(&mut c, a, view, sm, y, grid_w);
    c.finish(
        SceneKind::SubnetAddresses,
        description(Some(sm)),
        legend(sm, &owners),
    )
}

/// The subnet the view is about: the selection's (a block or chip of a subnet, a
/// subnet, a node), else the fullest.
fn chosen<'m>(a: &Analysis, map: &'m addrmap::AddressMap, view: &View) -> Option<&'m SubnetMap> {
    if let Some(sel) = &view.selection {
        let thing = sel.thing();
        if let Some(s) = thing.strip_prefix("subnet:").and_then(|id| map.find(id)) {
            return Some(s);
        }
        let node = a.model.nodes.iter().find(|n| n.eid.as_str() == thing);
        if let Some(s) = node.and_then(|n| map.subnets.iter().find(|s| s.subnet == n.subnet)) {
            return Some(s);
        }
    }
    map.fullest()
}

fn description(sm: Option<&SubnetMap>) -> Text {
    let Some(sm) = sm else {
        return text!(
            "Subnet addresses: no subnet to show.",
            "서브넷 주소: 보여 줄 서브넷이 없다."
        );
    };
    let (id, cidr, free, f28) = (&sm.id, sm.cidr, sm.free, sm.free_blocks28);
    text!(
        "The addresses of {id} ({cidr}) by owner, as its aligned /28 blocks: {free} free addresses, {f28} free aligned /28s (prefix delegation needs a free /28; the VPC CNI's prefix-and-ip-target guide).",
        "{id}({cidr})의 주소를 소유자별로, 정렬된 /28 블록으로 보인다: 빈 주소 {free}개, 정렬된 빈 /28 {f28}개(프리픽스 위임에는 빈 /28이 필요하다. VPC CNI의 prefix-and-ip-target 문서)."
    )
}

/// The counts and the forecast, two lines from the top; returns the `y` under them.
fn summary(c: &mut Canvas, a: &Analysis, sm: &SubnetMap, phone: bool) -> f64 {
    let (free, f28, blocks) = (sm.free, sm.free_blocks28, sm.blocks.len());
    let mut counts = if phone {
        text!(
            "{free} free addresses · {f28} free /28s",
            "빈 주소 {free}개 · 빈 /28 {f28}개"
        )
    } else {
        text!(
            "{free} free addresses · {f28} free aligned /28s of {blocks}",
            "빈 주소 {free}개 · 정렬된 빈 /28 {f28}개(전체 {blocks}개)"
        )
    };
    let fragmented = free > 0 && f28 == 0;
    if fragmented && phone {
        counts.en += " · fragmented";
        counts.ko += " · 조각남";
    } else if fragmented {
        counts.en += " · fragmented: no prefix fits";
        counts.ko += " · 조각남: 프리픽스가 들어갈 자리가 없다";
    }
    let r = Rect::new(0.0, 0.0, fit_w(&counts, None), 28.0);
    let mut s = shape(ElementId::note("addresses"), Role::Note, r, counts, None);
    s.classes.push("line");
    if fragmented {
        s.classes.push("warning");
    }
    s.data.push(("free", free.to_string()));
    s.data.push(("free-blocks28", f28.to_string()));
    c.push(s);
    let Some(f) = forecast::forecast(a, sm.subnet) else {
        return 28.0 + PAD;
    };
    let (more, nodes) = (f.pods.more_pods, f.pods.nodes);
    let stop = f.pods.stop.text();
    let nw = plural(nodes as usize, "node", "nodes");
    // On a phone, what stops them is in the line's details.
    let short = text!(
        "{more} more pods fit on {nodes} {nw}",
        "노드 {nodes}대에 Pod {more}개가 더 들어간다"
    );
    let then = Text {
        en: format!("then {}", stop.en),
        ko: format!("그다음 {}", stop.ko),
    };
    let line = Text {
        en: clip(
            &format!(
                "{} fit on {nodes} {}; then {}",
                crate::text::count(more as usize, "more pod", "more pods"),
                plural(nodes as usize, "node", "nodes"),
                stop.en
            ),
            110,
        ),
        ko: clip(
            &format!(
                "노드 {nodes}대에 Pod {more}개가 더 들어간다. 그다음 {}",
                stop.ko
            ),
            84,
        ),
    };
    let groups = f
        .groups
        .iter()
        .map(|g| {
            let s = g.stop.text();
            Text {
                en: format!(
                    "{}: +{}, then {}",
                    g.name,
                    crate::text::count(g.more_nodes as usize, "node", "nodes"),
                    s.en
                ),
                ko: format!("{}: 노드 +{}대, 그다음 {}", g.name, g.more_nodes, s.ko),
            }
        })
        .reduce(|x, y| Text {
            en: format!("{}; {}", x.en, y.en),
            ko: format!("{}; {}", x.ko, y.ko),
        });
    let (line, note) = if phone {
        let note = match groups {
            Some(g) => Text {
                en: format!("{}; {}", then.en, g.en),
                ko: format!("{}; {}", then.ko, g.ko),
            },
            None => then,
        };
        (short, Some(note))
    } else {
        (line, groups)
    };
    let r = Rect::new(0.0, 34.0, fit_w(&line, None), 28.0);
    let mut s = shape(ElementId::note("forecast"), Role::Note, r, line, None);
    s.note = note;
    s.classes.push("line");
    s.data.push(("stops", f.pods.stop.as_str().to_string()));
    c.push(s);
    34.0 + 28.0 + PAD
}

/// The subnets as chips, the shown one marked `current`, in rows at most `w` wide
/// from `y`; returns the `y` under them.
fn chips(
    c: &mut Canvas,
    a: &Analysis,
    map: &addrmap::AddressMap,
    sm: &SubnetMap,
    y: f64,
    w: f64,
) -> f64 {
    if map.subnets.len() < 2 {
        return y;
    }
    let (mut x, mut y0) = (0.0, y);
    for s in map.subnets.iter().take(MAX_CHIPS) {
        let pct = (s.used_share() * 100.0).round();
        let id = &s.id;
        let label = text!("{id} · {pct}% used", "{id} · {pct}% 사용");
        let cw = fit_w(&label, None);
        if x > 0.0 && x + cw > w {
            x = 0.0;
            y0 += 28.0 + GAP;
        }
        let public = a.model.subnets.get(s.subnet).is_some_and(|m| m.is_public());
        let role = if public {
            Role::PublicSubnet
        } else {
            Role::PrivateSubnet
        };
        let mut ch = shape(
            ElementId::subnet(&s.id).part("chip"),
            role,
            Rect::new(x, y0, cw, 28.0),
            label,
            None,
        );
        let (cidr, free, f28) = (s.cidr, s.free, s.free_blocks28);
        ch.note = Some(text!(
            "{cidr}: {free} free addresses, {f28} free aligned /28s; select to show it",
            "{cidr}: 빈 주소 {free}개, 정렬된 빈 /28 {f28}개. 선택하면 이 서브넷을 보인다"
        ));
        if s.subnet == sm.subnet {
            ch.classes.push("current-layout");
        }
        ch.data.push(("subnet", s.id.clone()));
        c.push(ch);
        x += cw + GAP;
    }
    let rest = map.subnets.len().saturating_sub(MAX_CHIPS);
    if rest > 0 {
        let label = text!("+{rest} more subnets", "서브넷 {rest}개 더");
        let cw = fit_w(&label, None);
        if x > 0.0 && x + cw > w {
            x = 0.0;
            y0 += 28.0 + GAP;
        }
        let mut s = shape(
            ElementId::note("more-subnets"),
            Role::Note,
            Rect::new(x, y0, cw, 28.0),
            label,
            None,
        );
        s.classes.push("aggregate");
        c.push(s);
    }
    y0 + 28.0 + PAD
}

/// What a row of the grid draws.
enum Row {
    /// Blocks `first..first + len` (one /24 or the whole of a smaller subnet).
    Blocks(usize, usize),
    /// Whole rows of free blocks, from block `first`, `len` blocks.
    Free(usize, usize),
}

/// The rows of the subnet's blocks, `per` blocks a row: whole free rows folded
/// together.
fn rows(blocks: &[Block], per: usize) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    for (r, chunk) in blocks.chunks(per).enumerate() {
        let first = r * per;
        let all_free = chunk.len() == per && chunk.iter().all(|b| b.kind == BlockKind::Free);
        match out.last_mut() {
            Some(Row::Free(_, len)) if all_free => *len += chunk.len(),
            _ if all_free => out.push(Row::Free(first, chunk.len())),
            _ => out.push(Row::Blocks(first, chunk.len())),
        }
    }
    out
}

/// The subnet's box with its rows of blocks from `y`, `w` wide inside; returns the
/// owners drawn as a block's code (for the legend).
fn grid(c: &mut Canvas, a: &Analysis, view: &View, sm: &SubnetMap, y: f64, w: f64) -> Vec<Owner> {
    let public = a
        .model
        .subnets
        .get(sm.subnet)
        .is_some_and(|m| m.is_public());
    let role = if public {
        Role::PublicSubnet
    } else {
        Role::PrivateSubnet
    };
    let sid = ElementId::subnet(&sm.id);
    let per = per_row(view);
    let phone = view.size == SizeClass::Phone;
    let all = rows(&sm.blocks, per);
    let max_rows = max_rows(view);
    // A row of blocks on a phone: its label's line, then its blocks' line.
    let row_h = |r: &Row| match r {
        Row::Blocks(..) if phone => 2.0 * (CELL_H + GAP),
        _ => CELL_H + GAP,
    };
    // Too many rows: the rows of held blocks first (their /24 labels show where
    // the address jumps), the rest summed up in one box.
    let (drawn, rest): (Vec<&Row>, Vec<&Row>) = if all.len() > max_rows {
        let mut held = 0;
        all.iter().partition(|r| {
            let take = matches!(r, Row::Blocks(..)) && held < max_rows;
            held += usize::from(take);
            take
        })
    } else {
        (all.iter().collect(), Vec::new())
    };
    let extra = usize::from(!rest.is_empty());
    let rows_h: f64 = drawn.iter().map(|r| row_h(r)).sum();
    let h = super::kit::HEADER + rows_h + extra as f64 * (CELL_H + GAP) - GAP + PAD;
    let (id, cidr, az) = (&sm.id, sm.cidr, &sm.az);
    let label = text!("{id} · {cidr} · {az}", "{id} · {cidr} · {az}");
    let mut bx = shape(
        sid.clone(),
        role,
        Rect::new(0.0, y, w + 2.0 * PAD, h),
        label,
        None,
    );
    bx.data.push(("free", sm.free.to_string()));
    bx.data
        .push(("free-blocks28", sm.free_blocks28.to_string()));
    c.push(bx);
    let mut owners = Vec::new();
    let (x0, mut ry) = (PAD, y + super::kit::HEADER);
    for row in drawn {
        match *row {
            Row::Free(first, len) => {
                free_rows(
                    c,
                    sm,
                    &sid,
                    (first, len),
                    Rect::new(x0, ry, w, CELL_H),
                    phone,
                );
            }
            Row::Blocks(first, len) => {
                row_label(
                    c,
                    sm,
                    &sid,
                    (first, len, per),
                    // On a phone the label has the row's line to itself.
                    Rect::new(x0, ry, if phone { w } else { ROW_LABEL_W }, CELL_H),
                );
                let (x, by) = if phone {
                    (x0, ry + CELL_H + GAP)
                } else {
                    (x0 + ROW_LABEL_W + GAP, ry)
                };
                blocks(c, a, view, sm, &sid, first, len, (x, by), &mut owners);
            }
        }
        ry += row_h(row);
    }
    if extra > 0 {
        more(c, sm, &sid, &rest, Rect::new(x0, ry, w, CELL_H), phone);
    }
    owners
}

/// The address range of blocks `first..first + len`, as text.
fn range(sm: &SubnetMap, first: usize, len: usize) -> String {
    let lo = sm.block_cidr(first).map(|n| n.network());
    let hi = sm.block_cidr(first + len - 1).map(|n| n.broadcast());
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!("{lo} – {hi}"),
        _ => String::new(),
    }
}

/// The label of the row of blocks `first..first + len` (`per` blocks a row:
/// a /24, or on a phone a /25).
fn row_label(
    c: &mut Canvas,
    sm: &SubnetMap,
    sid: &ElementId,
    (first, len, per): (usize, usize, usize),
    r: Rect,
) {
    let net = sm.block_cidr(first).map(|n| n.network());
    // 16 /28 blocks make a /24, 8 a /25.
    let bits = 28 - per.max(1).ilog2();
    let text = if sm.blocks.len() <= per {
        sm.cidr.to_string()
    } else {
        net.map_or_else(String::new, |n| format!("{n}/{bits}"))
    };
    let label = Text {
        en: text.clone(),
        ko: text,
    };
    let mut s = shape(
        sid.part(&format!("row-{}", first / per.max(1))),
        Role::Note,
        r,
        label,
        None,
    );
    s.note = Some(Text {
        en: range(sm, first, len),
        ko: range(sm, first, len),
    });
    s.classes.push("heading");
    s.parent = Some(sid.clone());
    c.push(s);
}

/// Whole rows of free blocks `first..first + len` as one box (on a phone
/// without their address range, which is in the box's details).
fn free_rows(
    c: &mut Canvas,
    sm: &SubnetMap,
    sid: &ElementId,
    (first, len): (usize, usize),
    r: Rect,
    phone: bool,
) {
    let span = range(sm, first, len);
    let label = if phone {
        text!("{len} free /28 blocks", "빈 /28 블록 {len}개")
    } else {
        text!(
            "{span}: {len} free /28 blocks",
            "{span}: 빈 /28 블록 {len}개"
        )
    };
    let mut s = shape(
        sid.part(&format!("free-{first}")),
        Role::Slot,
        r,
        label,
        None,
    );
    if phone {
        s.note = Some(Text::same(span));
    }
    s.classes.extend(["own-free", "blk-free", "aggregate"]);
    s.data.push(("free-blocks28", len.to_string()));
    s.parent = Some(sid.clone());
    c.push(s);
}

/// One row's blocks from `(x, y)`: runs of [`MIN_RUN`] or more free blocks as one box.
#[allow(clippy::too_many_arguments)]
fn blocks(
    c: &mut Canvas,
    a: &Analysis,
    view: &View,
    sm: &SubnetMap,
    sid: &ElementId,
    first: usize,
    len: usize,
    (x, y): (f64, f64),
    owners: &mut Vec<Owner>,
) {
    let mut j = 0;
    while j < len {
        let i = first + j;
        let run = sm.blocks[i..first + len]
            .iter()
            .take_while(|b| b.kind == BlockKind::Free)
            .count();
        let cw = cell_w(sm, view);
        let cx = x + j as f64 * (cw + GAP);
        if run >= MIN_RUN {
            let r = Rect::new(cx, y, run as f64 * (cw + GAP) - GAP, CELL_H);
            let label = text!("{run} free /28s", "빈 /28 {run}개");
            let mut s = shape(sid.part(&format!("free-{i}")), Role::Slot, r, label, None);
            s.note = Some(Text {
                en: range(sm, i, run),
                ko: range(sm, i, run),
            });
            s.classes.extend(["own-free", "blk-free"]);
            s.data.push(("free-blocks28", run.to_string()));
            s.parent = Some(sid.clone());
            c.push(s);
            j += run;
            continue;
        }
        let b = sm.blocks[i];
        if !owners.contains(&b.owner) {
            owners.push(b.owner);
        }
        c.push(block(a, sm, view, i, b, Rect::new(cx, y, cw, CELL_H)));
        j += 1;
    }
}

/// Block `i` of the subnet: its owner's code, its holders in the note.
/// A block's width: [`CELL_W`], or a share of the row for a subnet of fewer than
/// [`PER_ROW`] blocks (which then has room to say how many addresses are free).
fn cell_w(sm: &SubnetMap, view: &View) -> f64 {
    let (n, base, per) = (sm.blocks.len(), base_w(view), per_row(view));
    if n >= per || n == 0 {
        return base;
    }
    let row = per as f64 * (base + GAP) - GAP;
    ((row + GAP) / n as f64 - GAP).clamp(base, 200.0)
}

/// Blocks a row: [`PER_ROW`] (a /24), half of it on a phone (a /25).
fn per_row(view: &View) -> usize {
    if view.size == SizeClass::Phone {
        PER_ROW / 2
    } else {
        PER_ROW
    }
}

/// A block's width in the view's frame.
fn base_w(view: &View) -> f64 {
    if matches!(view.size, SizeClass::Embed | SizeClass::Phone) {
        CELL_W_EMBED
    } else {
        CELL_W
    }
}

/// Rows drawn in the view's frame.
fn max_rows(view: &View) -> usize {
    if matches!(view.size, SizeClass::Embed | SizeClass::Phone) {
        MAX_ROWS_EMBED
    } else {
        MAX_ROWS
    }
}

#[path = "subnet_addresses_block.rs"]
mod block;

use block::{block, more};

#[cfg(test)]
#[path = "subnet_addresses_tests.rs"]
mod tests;
