//! Checks: every rule of the sources that a scenario can break.
//!
//! [`crate::analyze`] runs them on the checked model after it is built (structural
//! problems such as bad CIDRs or broken references are found while building, in
//! `model/build.rs`). Each finding is a [`Diagnostic`] with a stable code, the JSON
//! pointer of the field to change, a bilingual message and fix, and its source.
//! Checks read the model only and never panic.
//!
//! Every code, with its severity, rule and source, is in the one [catalogue](crate::codes)
//! of diagnostic and trace verdict codes. The checks here are grouped by what they
//! look at: the cluster's subnets, security groups, endpoint and VPC DNS
//! (`cluster.rs`); CIDR blocks (`cidr.rs`); IPv6 (`ipv6.rs`); route tables and network ACLs
//! (`fabric.rs`); control-plane
//! reachability, traced (`reach.rs`); and the data plane (`lb.rs`, after the
//! derivation in [`crate::lb`]).

mod cidr;
mod cluster;
mod cp_egress;
mod fabric;
mod ipv6;
pub(crate) mod lb;
mod lb_acl;
mod reach;

use crate::model::{Ledger, Model};
use crate::Diagnostic;

/// Runs every check on the model, appending to `diags`.
pub(crate) fn run(model: &Model, addresses: &Ledger, diags: &mut Vec<Diagnostic>) {
    cluster::check(model, addresses, diags);
    cidr::check(model, diags);
    ipv6::check(model, diags);
    reach::check(model, diags);
    fabric::check(model, diags);
    cp_egress::check(model, diags);
}

/// Runs the data-plane checks (Services, load balancers) after the load balancers
/// are derived, appending to `diags`.
pub(crate) fn data_plane(
    model: &Model,
    ipam: &crate::cni::Ipam,
    lbs: &crate::lb::LoadBalancing,
    diags: &mut Vec<Diagnostic>,
) {
    lb::check(model, ipam, lbs, diags);
    lb_acl::check(model, lbs, diags);
    crate::rules::private_cluster::check(model, lbs, diags);
}

/// How many pieces [`piece`] splits the checks into.
pub(crate) const PIECES: usize = 9;

/// Runs piece `k` (of [`PIECES`]) of the checks, appending to `diags`: the
/// checks of [`run`], then those of [`data_plane`], one by one, in their
/// order, so that pieces `0..PIECES` in turn find what `run` then
/// `data_plane` find, in the same order. Nothing for `k >= PIECES`.
pub(crate) fn piece(k: usize, a: &crate::Analysis, diags: &mut Vec<Diagnostic>) {
    let m = &a.model;
    match k {
        0 => cluster::check(m, &a.addresses, diags),
        1 => cidr::check(m, diags),
        2 => ipv6::check(m, diags),
        3 => reach::check(m, diags),
        4 => fabric::check(m, diags),
        5 => cp_egress::check(m, diags),
        6 => lb::check(m, &a.ipam, &a.lbs, diags),
        7 => lb_acl::check(m, &a.lbs, diags),
        8 => crate::rules::private_cluster::check(m, &a.lbs, diags),
        _ => {}
    }
}
