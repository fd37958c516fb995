//! `aws ec2 describe-vpc-peering-connections` and
//! `aws ec2 describe-transit-gateway-attachments`: what the VPC's routes to a
//! `pcx-…` or a `tgw-…` lead to.
//!
//! Shapes: botocore's EC2 model (`DescribeVpcPeeringConnectionsResult` →
//! `VpcPeeringConnection`, `VpcPeeringConnectionVpcInfo`, `CidrBlock`,
//! `VpcPeeringConnectionStateReason`; `DescribeTransitGatewayAttachmentsResult` →
//! `TransitGatewayAttachment`). eksnet traces traffic to the connection and stops
//! there (what lies beyond is another network), so these documents only say, in
//! the report, what each routed connection joins and whether it is up; the routes
//! themselves come from `describe-route-tables`.

#[cfg(test)]
use serde::Deserialize;

use super::read::Snapshot;
use super::report::Report;
use crate::scenario::Scenario;
use crate::text;

/// `VpcPeeringConnection`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct PeeringConnection {
    /// `pcx-...`.
    pub vpc_peering_connection_id: String,
    /// The side that asked.
    pub requester_vpc_info: PeeringVpcInfo,
    /// The side that accepted.
    pub accepter_vpc_info: PeeringVpcInfo,
    /// `{"Code": "active", ...}`.
    pub status: PeeringStatus,
}

/// `VpcPeeringConnectionVpcInfo`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct PeeringVpcInfo {
    /// The VPC.
    pub vpc_id: String,
    /// Its primary IPv4 block.
    pub cidr_block: String,
    /// Every IPv4 block (`[{"CidrBlock": ..}]`).
    pub cidr_block_set: Vec<PeeringCidr>,
}

/// `CidrBlock` of a peering VPC.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct PeeringCidr {
    /// The block.
    pub cidr_block: String,
}

/// `VpcPeeringConnectionStateReason`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct PeeringStatus {
    /// `active`, `pending-acceptance`, `deleted`, ...
    pub code: String,
}

/// `TransitGatewayAttachment`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct TgwAttachment {
    /// `tgw-attach-...`.
    pub transit_gateway_attachment_id: String,
    /// `tgw-...`.
    pub transit_gateway_id: String,
    /// `vpc`, `vpn`, `direct-connect-gateway`, `peering`, ...
    pub resource_type: String,
    /// The VPC (for `vpc` attachments).
    pub resource_id: String,
    /// `available`, `pending`, `deleted`, ...
    pub state: String,
}

/// The peering connections and transit gateways the imported routes name, as
/// report lines; the rest are said to be unused.
pub(crate) fn contribute(snap: &Snapshot, report: &mut Report, s: &Scenario) {
    let routed = |f: &dyn Fn(&crate::scenario::RouteEntry) -> Option<&String>, id: &str| {
        s.vpc
            .route_tables
            .iter()
            .flat_map(|t| &t.routes)
            .filter_map(f)
            .any(|x| x == id)
    };
    let vpc = &s.vpc.vpc_id;
    for p in &snap.peerings {
        let id = &p.v.vpc_peering_connection_id;
        let (me, other) = if p.v.requester_vpc_info.vpc_id == *vpc {
            (&p.v.requester_vpc_info, &p.v.accepter_vpc_info)
        } else {
            (&p.v.accepter_vpc_info, &p.v.requester_vpc_info)
        };
        let f = snap.name(p.file).to_string();
        if me.vpc_id != *vpc || !routed(&|r| r.vpc_peering_connection_id.as_ref(), id) {
            report.drop_note(&f, &p.pointer, text!(
                "peering connection {id} is not named by a route of the cluster VPC's tables: not used",
                "피어링 연결 {id}은(는) 클러스터 VPC 라우팅 테이블의 어떤 경로도 가리키지 않아 쓰지 않는다"
            ));
            continue;
        }
        let mut blocks: Vec<&str> = other
            .cidr_block_set
            .iter()
            .map(|c| c.cidr_block.as_str())
            .collect();
        if blocks.is_empty() && !other.cidr_block.is_empty() {
            blocks.push(&other.cidr_block);
        }
        let (peer, b, st) = (&other.vpc_id, blocks.join(", "), &p.v.status.code);
        report.contributed(p.file, text!(
            "peering connection {id} ({st}) to {peer} ({b}): traffic routed to it is traced to the connection and stops there",
            "피어링 연결 {id}({st}) → {peer}({b}): 이리로 가는 트래픽은 연결까지 추적하고 거기서 멈춘다"
        ));
        if !st.is_empty() && st != "active" {
            report.assume(&f, &format!("{}/Status/Code", p.pointer), text!(
                "peering connection {id} is {st}: its routes carry nothing until it is active (AWS shows them as blackhole once it is deleted)",
                "피어링 연결 {id}이(가) {st} 상태라 활성화될 때까지 경로가 아무것도 나르지 않는다(삭제되면 AWS가 blackhole로 보여 준다)"
            ));
        }
    }
    for a in &snap.tgw_attachments {
        let (id, tgw) = (&a.v.transit_gateway_attachment_id, &a.v.transit_gateway_id);
        let f = snap.name(a.file).to_string();
        let ours = a.v.resource_type == "vpc" && a.v.resource_id == *vpc;
        if !ours || !routed(&|r| r.transit_gateway_id.as_ref(), tgw) {
            report.drop_note(&f, &a.pointer, text!(
                "transit gateway attachment {id} is not the cluster VPC's, or no route names {tgw}: not used",
                "트랜짓 게이트웨이 연결 {id}은(는) 클러스터 VPC의 것이 아니거나 {tgw}를 가리키는 경로가 없어 쓰지 않는다"
            ));
            continue;
        }
        let st = &a.v.state;
        report.contributed(a.file, text!(
            "transit gateway {tgw} (attachment {id}, {st}): traffic routed to it is traced to the attachment and stops there",
            "트랜짓 게이트웨이 {tgw}(연결 {id}, {st}): 이리로 가는 트래픽은 연결까지 추적하고 거기서 멈춘다"
        ));
    }
}
