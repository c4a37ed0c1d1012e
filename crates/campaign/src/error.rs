//! Why a campaign file is not accepted: one variant per check, each read in Chinese then English.

use std::path::PathBuf;

use thiserror::Error;

use crate::service_name::ServiceName;

/// Why a campaign file is not accepted.
#[derive(Debug, Error)]
pub enum CampaignError {
    /// The file could not be read.
    #[error("无法读取活动配置文件 {path} (cannot read campaign file): {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The TOML is malformed or has wrong or missing fields.
    #[error("活动配置格式错误 (campaign file is malformed): {0}")]
    Malformed(String),
    /// The division code is not six digits.
    #[error("行政区划代码应为6位数字：{0} (division code must be six digits)")]
    InvalidDivisionCode(String),
    /// Two parties share a code.
    #[error("参与单位代码重复：{0} (duplicate party code)")]
    DuplicateParty(String),
    /// A party uses the reserved placeholder code.
    #[error("参与单位代码“{0}”为保留字 (party code is reserved)")]
    ReservedPartyCode(String),
    /// A party is declared of kind `service`: the rectify services call each other with service
    /// tokens, but they are not parties of a campaign.
    #[error(
        "参与单位“{0}”的类型不能为service，服务不是专项行动的参与单位 (party cannot be of kind service: services are not parties of a campaign)"
    )]
    ServiceParty(String),
    /// A catalog entry names a party that does not exist.
    #[error("措施目录“{kind}”引用了未知单位“{party}” (catalog entry refers to an unknown party)")]
    UnknownParty { kind: String, party: String },
    /// A category lists the same kind twice.
    #[error("措施目录中“{kind}”重复出现 (catalog kind appears twice in one category)")]
    DuplicateKind { kind: String },
    /// `needs_verification` and `verifier` disagree.
    #[error(
        "措施目录“{kind}”需要核验时必须指定核验单位，反之亦然 (needs_verification and verifier must be set together)"
    )]
    VerifierMismatch { kind: String },
    /// A catalog entry does not say which service executes its measures.
    #[error("措施目录“{kind}”未指定负责执行的服务 (catalog entry names no service)")]
    MissingService { kind: String },
    /// A catalog entry names a service that does not exist.
    #[error("措施目录“{kind}”指定了未知服务“{service}” (catalog entry names an unknown service)")]
    UnknownService { kind: String, service: String },
    /// A catalog entry gives its measures to the registry or the coordinator, which execute none.
    #[error(
        "措施目录“{kind}”不能由{service}服务执行，该服务不承担整治措施 (service {service} owns no measures)"
    )]
    ServiceOwnsNoMeasures { kind: String, service: ServiceName },
    /// Two catalog entries of the same kind name different services.
    #[error(
        "措施“{kind}”同时指定了{first}和{second}两个服务 (measure kind is owned by two services: {first} and {second})"
    )]
    ConflictingService {
        kind: String,
        /// The service named first in the file.
        first: ServiceName,
        /// The other service.
        second: ServiceName,
    },
    /// A milestone comes before the one it should follow.
    #[error("时间节点顺序错误：{later}早于{earlier} (milestone {later} is before {earlier})")]
    MilestonesOutOfOrder {
        /// The milestone that should come first.
        earlier: &'static str,
        /// The milestone that comes too early.
        later: &'static str,
    },
}
