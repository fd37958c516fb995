//! Subnet CIDR reservations, applied to the pools before anything takes an address.
//!
//! EC2 assigns nothing automatically from a reserved range: an `explicit`
//! reservation's addresses only go where you assign them, and a `prefix`
//! reservation's only as prefixes delegated to network interfaces (Amazon VPC User
//! Guide, "Subnet CIDR reservations"; EC2 API reference,
//! `CreateSubnetCidrReservation`). A reservation lies inside its subnet's block, and
//! two reservations of a subnet do not overlap (EC2 refuses both).

use ipnet::Ipv4Net;

use super::*;
use crate::codes::Code;
use crate::scenario::ReservationType;
use crate::text;

impl Builder<'_> {
    /// Resolves and applies the scenario's subnet CIDR reservations; unusable ones
    /// are diagnosed and left out.
    pub(super) fn cidr_reservations(&mut self) -> Vec<CidrReservationModel> {
        let mut out: Vec<CidrReservationModel> = Vec::new();
        for (i, r) in self.s.vpc.subnet_cidr_reservations.iter().enumerate() {
            let pointer = format!("/vpc/subnetCidrReservations/{i}");
            let Some(k) = self.subnet_ref(format!("{pointer}/subnetId"), &r.subnet_id) else {
                continue;
            };
            let Ok(cidr) = r.cidr.parse::<Ipv4Net>() else {
                self.push(bad_cidr(format!("{pointer}/cidr"), &r.cidr));
                continue;
            };
            let cidr = cidr.trunc();
            let subnet = self.subnets.get(k).and_then(|s| s.cidr);
            let inside = subnet.is_some_and(|s| s.contains(&cidr));
            let clash = out
                .iter()
                .find(|o| o.subnet == k && (o.cidr.contains(&cidr) || cidr.contains(&o.cidr)));
            if let (false, Some(s)) = (inside, subnet) {
                self.push(invalid(
                    &pointer,
                    text!(
                        "the CIDR reservation {cidr} is not inside its subnet's block {s}",
                        "CIDR 예약 {cidr}이(가) 서브넷 블록 {s} 안에 있지 않다"
                    ),
                ));
                continue;
            }
            if let Some(o) = clash {
                let (oid, oc) = (o.id.clone(), o.cidr);
                self.push(invalid(
                    &pointer,
                    text!(
                        "the CIDR reservation {cidr} overlaps the reservation {oid} ({oc}) of the same subnet",
                        "CIDR 예약 {cidr}이(가) 같은 서브넷의 예약 {oid}({oc})과 겹친다"
                    ),
                ));
                continue;
            }
            if let Some(Some(pool)) = self.pools.get_mut(k) {
                pool.reserve(cidr, r.reservation_type == ReservationType::Prefix);
            }
            let id = if r.subnet_cidr_reservation_id.is_empty() {
                format!("scr-{i}")
            } else {
                r.subnet_cidr_reservation_id.clone()
            };
            out.push(CidrReservationModel {
                pointer,
                id,
                subnet: k,
                cidr,
                kind: r.reservation_type,
                description: r.description.clone(),
            });
        }
        out
    }
}

fn invalid(pointer: &str, msg: crate::Text) -> Diagnostic {
    Diagnostic::new(Code::CidrReservationInvalid, format!("{pointer}/cidr"), msg).fix(text!(
        "reserve a range inside the subnet's CIDR block that no other reservation of the subnet covers",
        "서브넷 CIDR 블록 안에서 그 서브넷의 다른 예약과 겹치지 않는 범위를 예약한다"
    ))
}
