//! The catalogue of every string the explorer's own chrome shows, in English and
//! Korean. Model text (labels, hops, diagnostics) comes from the core as
//! [`eksnet::Text`], already bilingual; names and addresses are shown as they are.
//!
//! Entries are constants grouped by the part of the page that shows them; strings
//! with numbers are small functions at the end.

use eksnet::{Lang, Text};
use leptos::prelude::{Get, RwSignal};

/// A string of the chrome in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

impl Tr {
    /// The string in `lang`.
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

/// A catalogue entry as reactive text (or attribute value) in the current
/// language. Every use has the same closure type, so the page's many labels
/// share one compiled renderer instead of one each (this keeps the bundle small).
pub fn tr(lang: RwSignal<Lang>, t: Tr) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t.get(lang.get())
}

/// Model text (from the core) as reactive text in the current language; shared
/// like [`tr`].
pub fn text(lang: RwSignal<Lang>, t: Text) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || t.get(lang.get()).to_string()
}

macro_rules! catalogue {
    ($($name:ident = $en:literal, $ko:literal;)*) => {
        $(
            #[doc = $en]
            pub const $name: Tr = Tr { en: $en, ko: $ko };
        )*
        /// Every entry (for the catalogue's own tests).
        pub const ALL: &[Tr] = &[$($name),*];
    };
}

catalogue! {
    // Header, tabs, panels.
    TAGLINE = "Amazon EKS networking, hop by hop", "Amazon EKS 네트워킹을 홉 단위로";
    LANGUAGE = "Language", "언어";
    SCENES = "Diagrams", "다이어그램";
    PANELS = "Panels", "패널";
    TAB_PATH = "Path", "경로";
    TAB_DETAILS = "Details", "상세";
    TAB_SCENARIO = "Scenario", "시나리오";
    TAB_ISSUES = "Issues", "진단";
    LINK_PROBLEM = "This link could not be read completely; the page shows what it could read and the defaults for the rest.", "이 링크를 모두 읽지 못했다. 읽은 부분을 보여 주고 나머지는 기본값을 쓴다.";
    DISMISS = "Dismiss", "닫기";
    // Diagram.
    ZOOM = "Zoom", "확대/축소";
    ZOOM_IN = "Zoom in", "확대";
    ZOOM_OUT = "Zoom out", "축소";
    ZOOM_RESET = "Fit", "맞춤";
    ZOOM_ACTUAL = "Actual size: labels at their stylesheet size (1)", "실제 크기: 스타일시트 크기의 레이블 (1)";
    ZOOM_PATH = "Zoom to the lit path or the selection (F)", "켜진 경로나 선택한 요소로 확대 (F)";
    NODE = "Node", "노드";
    HIDE_PANEL = "Hide the side panel", "측면 패널 숨기기";
    SHOW_PANEL = "Show the side panel", "측면 패널 보이기";
    // Path panel.
    ENDPOINT_MODE = "Endpoint access", "엔드포인트 액세스";
    FLOW = "Flow", "흐름";
    FLOW_NONE = "— no flow —", "— 흐름 없음 —";
    PICK_FLOW = "Pick a flow to light its path through the diagram, step by step.", "흐름을 고르면 다이어그램에 그 경로가 단계별로 표시된다.";
    NO_TRACE = "This build cannot trace this flow yet.", "이 빌드는 아직 이 흐름을 추적할 수 없다.";
    STEPS = "Steps", "단계";
    PREV = "Previous", "이전";
    NEXT = "Next", "다음";
    PLAY = "Play", "재생";
    PAUSE = "Pause", "일시 정지";
    ALL_STEPS = "All steps", "전체 단계";
    REACHABLE = "Reachable", "도달 가능";
    CROSSES_INTERNET = "crosses the public internet", "퍼블릭 인터넷을 거친다";
    BLOCKED = "Blocked here", "여기서 차단";
    BLOCKED_AT = "Blocked at", "차단 위치";
    FIX = "Fix", "해결";
    SOURCE = "Source", "출처";
    LEAVES_VPC = "outside the VPC", "VPC 밖";
    PUBLIC_INTERNET = "public internet", "퍼블릭 인터넷";
    NO_ANSWER = "no answer", "응답 없음";
    // Details panel.
    SELECT_HINT = "Click an element of the diagram to see its details.", "다이어그램의 요소를 클릭하면 상세 정보가 보인다.";
    NOT_IN_SCENE = "The selected element is not drawn in this diagram.", "선택한 요소는 이 다이어그램에 없다.";
    STEPS_HERE = "Steps of the flow here", "이곳을 지나는 단계";
    CLEAR_SELECTION = "Clear selection", "선택 해제";
    // Diagnostics.
    SEV_ERROR = "Error", "오류";
    SEV_WARNING = "Warning", "경고";
    SEV_INFO = "Note", "참고";
    NO_ISSUES = "No issues found in this scenario.", "이 시나리오에는 문제가 없다.";
    GO_TO_FIELD = "Go to field", "입력란으로 이동";
    // Console.
    CONSOLE = "kubectl", "kubectl";
    CONSOLE_EMPTY = "Nothing for kubectl to show in this scenario.", "이 시나리오에는 kubectl로 보여 줄 것이 없다.";
    // Form: common.
    RESET_SCENARIO = "Reset to the example (source 004)", "예제로 되돌리기 (소스 004)";
    REMOVE = "Remove", "삭제";
    NOT_A_NUMBER = "Not a whole number; the last valid value is kept.", "정수가 아니다. 마지막으로 유효한 값을 유지한다.";
    UNSET = "default", "기본값";
    YES = "Yes", "예";
    NO = "No", "아니요";
    NAMESPACE = "Namespace", "네임스페이스";
    SEC_ENDPOINT = "Cluster endpoint", "클러스터 엔드포인트";
    SEC_VPC = "VPC, DNS and gateways", "VPC, DNS, 게이트웨이";
    SEC_SUBNETS = "Subnets and routes", "서브넷과 라우팅";
    SEC_CLIENTS = "kubectl clients", "kubectl 클라이언트";
    SEC_NODES = "Node groups", "노드 그룹";
    SEC_CNI = "VPC CNI", "VPC CNI";
    SEC_WORKLOADS = "Workloads", "워크로드";
    SEC_SERVICES = "Services and Ingresses", "Service와 Ingress";
    SEC_JSON = "Scenario JSON", "시나리오 JSON";
    // Endpoint.
    PUBLIC_ACCESS = "Public access (endpointPublicAccess)", "퍼블릭 액세스 (endpointPublicAccess)";
    PRIVATE_ACCESS = "Private access (endpointPrivateAccess)", "프라이빗 액세스 (endpointPrivateAccess)";
    PUBLIC_ACCESS_CIDRS = "Public access CIDRs, one per line", "퍼블릭 액세스 CIDR (한 줄에 하나)";
    CLUSTER_SUBNETS = "Cluster subnets (EKS-owned ENIs), one per line", "클러스터 서브넷 (EKS 소유 ENI), 한 줄에 하나";
    CLUSTER_EXTRA_SGS = "Additional security groups, one per line", "추가 보안 그룹 (한 줄에 하나)";
    // VPC.
    VPC_CIDRS = "VPC CIDR blocks, one per line", "VPC CIDR 블록 (한 줄에 하나)";
    DNS_SUPPORT = "DNS resolution (enableDnsSupport)", "DNS 확인 (enableDnsSupport)";
    DNS_HOSTNAMES = "DNS hostnames (enableDnsHostnames)", "DNS 호스트 이름 (enableDnsHostnames)";
    IGW_ATTACHED = "Internet gateway attached", "인터넷 게이트웨이 연결";
    IGW_ID = "Internet gateway id", "인터넷 게이트웨이 ID";
    NAT_GATEWAYS = "NAT gateways", "NAT 게이트웨이";
    NAT_GATEWAY = "NAT gateway", "NAT 게이트웨이";
    NAT_ID = "NAT gateway id", "NAT 게이트웨이 ID";
    NAT_SUBNET = "In subnet", "위치한 서브넷";
    ELASTIC_IP = "Elastic IP", "탄력적 IP";
    VPC_ENDPOINTS = "VPC endpoints", "VPC 엔드포인트";
    AWS_CODE = "AWS's own health issue code for the same problem", "같은 문제에 대한 AWS의 상태 이슈 코드";
    VPC_ENDPOINT = "VPC endpoint", "VPC 엔드포인트";
    VPCE_SERVICE = "Service", "서비스";
    VPCE_TYPE = "Type", "유형";
    VPCE_INTERFACE = "Interface (PrivateLink)", "인터페이스 (PrivateLink)";
    VPCE_GATEWAY = "Gateway", "게이트웨이";
    VPCE_PRIVATE_DNS = "Private DNS", "프라이빗 DNS";
    // Subnets.
    SUBNET = "subnet", "서브넷";
    SUBNET_ID = "Subnet id", "서브넷 ID";
    AZ = "Availability zone", "가용 영역";
    CIDR = "IPv4 CIDR", "IPv4 CIDR";
    DEFAULT_ROUTE = "Default route (0.0.0.0/0)", "기본 경로 (0.0.0.0/0)";
    ROUTE_NONE = "None (isolated)", "없음 (격리)";
    MAP_PUBLIC_IP = "Auto-assign public IPv4 (mapPublicIpOnLaunch)", "퍼블릭 IPv4 자동 할당 (mapPublicIpOnLaunch)";
    // Clients.
    CLIENT = "client", "클라이언트";
    CLIENT_NAME = "Name", "이름";
    CLIENT_LOCATION = "Where", "위치";
    CLIENT_INTERNET = "On the internet", "인터넷";
    CLIENT_SUBNET = "In a subnet of the VPC", "VPC 서브넷 안";
    CLIENT_NETWORK = "In a connected network", "연결된 네트워크";
    SOURCE_IP = "Source IP", "출발지 IP";
    NETWORK_NAME = "Connected network", "연결된 네트워크";
    // Node groups.
    NODE_GROUP = "node group", "노드 그룹";
    NG_NAME = "Name", "이름";
    NG_KIND = "Kind", "종류";
    NG_MANAGED = "Managed", "관리형";
    NG_SELF_MANAGED = "Self-managed", "자체 관리형";
    NG_FARGATE = "Fargate", "Fargate";
    INSTANCE_TYPE = "Instance type", "인스턴스 유형";
    DESIRED_SIZE = "Nodes (desiredSize)", "노드 수 (desiredSize)";
    NG_SUBNETS = "Subnets, one per line", "서브넷 (한 줄에 하나)";
    NG_PUBLIC_IP = "Public IPv4", "퍼블릭 IPv4";
    PUBLIC_IP_SUBNET = "As the subnet says", "서브넷 설정대로";
    UNPIN = "Unpin", "고정 해제";
    // CNI.
    PREFIX_DELEGATION = "Prefix delegation (ENABLE_PREFIX_DELEGATION)", "프리픽스 위임 (ENABLE_PREFIX_DELEGATION)";
    WARM_ENI_TARGET = "WARM_ENI_TARGET", "WARM_ENI_TARGET";
    WARM_IP_TARGET = "WARM_IP_TARGET", "WARM_IP_TARGET";
    MINIMUM_IP_TARGET = "MINIMUM_IP_TARGET", "MINIMUM_IP_TARGET";
    WARM_PREFIX_TARGET = "WARM_PREFIX_TARGET", "WARM_PREFIX_TARGET";
    MAX_PODS_OVERRIDE = "kubelet --max-pods override", "kubelet --max-pods 재정의";
    CUSTOM_NETWORKING = "Custom networking (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG)", "사용자 지정 네트워킹 (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG)";
    ENICONFIG = "ENIConfig", "ENIConfig";
    ENICONFIG_NAME = "Name (the AZ)", "이름 (가용 영역)";
    ENICONFIG_SUBNET = "Pod subnet", "Pod 서브넷";
    // Workloads.
    WORKLOAD = "workload", "워크로드";
    WL_NAME = "Name", "이름";
    REPLICAS = "Replicas", "복제본 수";
    CONTAINER_PORT = "Container port", "컨테이너 포트";
    HOST_NETWORK = "hostNetwork (pods use the node IP)", "hostNetwork (Pod가 노드 IP 사용)";
    READY = "Pods pass readiness", "Pod 준비 상태 통과";
    // Services and Ingresses.
    SERVICES = "Services", "Service";
    SERVICE = "Service", "Service";
    SVC_NAME = "Name", "이름";
    SVC_TYPE = "Type", "유형";
    TRAFFIC_POLICY = "externalTrafficPolicy", "externalTrafficPolicy";
    SVC_PORT = "Port", "포트";
    SELECTOR = "Selector (key: value per line)", "셀렉터 (한 줄에 key: value)";
    ANNOTATIONS = "Annotations (key: value per line)", "어노테이션 (한 줄에 key: value)";
    INGRESSES = "Ingresses", "Ingress";
    INGRESS = "Ingress", "Ingress";
    ING_NAME = "Name", "이름";
    ING_CLASS = "ingressClassName", "ingressClassName";
    ING_BACKEND = "Backend Service", "백엔드 Service";
    // JSON.
    JSON_HELP = "The whole scenario, as the CLI reads it. A valid document replaces the scenario as you type.", "CLI가 읽는 것과 같은 전체 시나리오. 유효한 문서를 입력하면 바로 시나리오가 바뀐다.";
    JSON_DISCARD = "Discard my edits and show the current scenario", "편집 내용을 버리고 현재 시나리오 보기";
    // Share, embed, export.
    SHARE = "Share and export", "공유와 내보내기";
    COPY_LINK = "Copy link", "링크 복사";
    COPY_EMBED = "Copy embed code", "임베드 코드 복사";
    EMBED_CODE = "Embed code for this view", "이 화면의 임베드 코드";
    EXPORT_SVG = "SVG", "SVG";
    EXPORT_PNG = "PNG", "PNG";
    EXPORT_JSON = "Scenario JSON", "시나리오 JSON";
    IMPORT_JSON = "Open JSON…", "JSON 열기…";
    EXPORT_TITLE = "Download the diagram or the scenario", "다이어그램이나 시나리오를 내려받는다";
    COPIED = "Copied", "복사됨";
    IMPORT_PROBLEM = "This file is not a scenario", "이 파일은 시나리오가 아니다";
    OPEN_FULL = "Open in eksnet", "eksnet에서 열기";
}

/// "Add subnet" / "서브넷 추가".
pub fn add_item(lang: Lang, item: Tr) -> String {
    match lang {
        Lang::En => format!("Add {}", item.en),
        Lang::Ko => format!("{} 추가", item.ko),
    }
}

/// "Remove subnet 2" / "서브넷 2 삭제".
pub fn remove_item(lang: Lang, item: Tr, n: usize) -> String {
    match lang {
        Lang::En => format!("Remove {} {n}", item.en),
        Lang::Ko => format!("{} {n} 삭제", item.ko),
    }
}

/// "Increase Replicas" / "복제본 수 늘리기" (`up`), or decrease.
pub fn step_button(lang: Lang, field: Tr, up: bool) -> String {
    match (lang, up) {
        (Lang::En, true) => format!("Increase {}", field.en),
        (Lang::En, false) => format!("Decrease {}", field.en),
        (Lang::Ko, true) => format!("{} 늘리기", field.ko),
        (Lang::Ko, false) => format!("{} 줄이기", field.ko),
    }
}

/// "Step 2 of 7".
pub fn step_of(lang: Lang, k: usize, n: usize) -> String {
    match lang {
        Lang::En => format!("Step {k} of {n}"),
        Lang::Ko => format!("{n}단계 중 {k}단계"),
    }
}

/// "All 7 steps" ("The 1 step" when there is one).
pub fn all_steps_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "The only step".to_string(),
        Lang::En => format!("All {n} steps"),
        Lang::Ko => format!("전체 {n}단계"),
    }
}

/// "Step 3".
pub fn step_n(lang: Lang, k: usize) -> String {
    match lang {
        Lang::En => format!("Step {k}"),
        Lang::Ko => format!("{k}단계"),
    }
}

/// "Out of range: at most 10000; the last valid value is kept."
pub fn out_of_range(lang: Lang, min: u64, max: u64) -> String {
    match (lang, min) {
        (Lang::En, 0) => format!("Out of range: at most {max}; the last valid value is kept."),
        (Lang::En, _) => {
            format!("Out of range: from {min} to {max}; the last valid value is kept.")
        }
        (Lang::Ko, 0) => format!("범위를 벗어났다: 최대 {max}. 마지막으로 유효한 값을 유지한다."),
        (Lang::Ko, _) => format!("범위를 벗어났다: {min}~{max}. 마지막으로 유효한 값을 유지한다."),
    }
}

/// "line 3, column 9".
pub fn line_column(lang: Lang, line: usize, column: usize) -> String {
    match lang {
        Lang::En => format!("line {line}, column {column}"),
        Lang::Ko => format!("{line}행 {column}열"),
    }
}

/// "4 nodes are pinned to addresses (source 004)."
pub fn pinned_nodes(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 node is pinned to an address of the example.".to_string(),
        Lang::En => format!("{n} nodes are pinned to the addresses of the example."),
        Lang::Ko => format!("노드 {n}대가 예제의 주소에 고정되어 있다."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages() {
        for t in ALL {
            assert!(!t.en.trim().is_empty(), "{t:?}");
            assert!(!t.ko.trim().is_empty(), "{t:?}");
        }
        assert_eq!(step_of(Lang::Ko, 2, 7), "7단계 중 2단계");
    }
}
