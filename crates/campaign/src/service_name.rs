//! The rectify services by name: the registry, the bureau services that execute measures, and
//! the coordinator.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the rectify services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceName {
    /// 台账: findings, enterprises, classification, plans, sign-off, the public list.
    Registry,
    /// The seven approvals, supplementary approvals and revocations.
    Licensing,
    /// 两断三清: water and power cuts, clearing, wells.
    Utilities,
    /// Planning conformity, relocation plots, demolition, site remediation.
    Land,
    /// Safety inspections and hazards.
    Safety,
    /// Pollution control, discharge compliance, sewage outlets, rebound patrols.
    Environment,
    /// Projections for the office and supervision: completion, overdue, the dashboard.
    Coordinator,
}

impl ServiceName {
    /// Every service, in declaration order.
    pub const ALL: [ServiceName; 7] = [
        ServiceName::Registry,
        ServiceName::Licensing,
        ServiceName::Utilities,
        ServiceName::Land,
        ServiceName::Safety,
        ServiceName::Environment,
        ServiceName::Coordinator,
    ];

    /// The lowercase name used in campaign files, token audiences and binaries.
    pub const fn as_str(self) -> &'static str {
        match self {
            ServiceName::Registry => "registry",
            ServiceName::Licensing => "licensing",
            ServiceName::Utilities => "utilities",
            ServiceName::Land => "land",
            ServiceName::Safety => "safety",
            ServiceName::Environment => "environment",
            ServiceName::Coordinator => "coordinator",
        }
    }

    /// What it is, in Chinese, for people (e.g. `台账`).
    pub const fn title_zh(self) -> &'static str {
        match self {
            ServiceName::Registry => "台账",
            ServiceName::Licensing => "审批手续",
            ServiceName::Utilities => "两断三清",
            ServiceName::Land => "用地与场地",
            ServiceName::Safety => "安全生产",
            ServiceName::Environment => "污染防治与巡查",
            ServiceName::Coordinator => "协调与督导",
        }
    }

    /// Its gRPC port unless configured otherwise: 50050 for the coordinator, then 50051 up in
    /// declaration order.
    pub const fn default_port(self) -> u16 {
        match self {
            ServiceName::Coordinator => 50050,
            ServiceName::Registry => 50051,
            ServiceName::Licensing => 50052,
            ServiceName::Utilities => 50053,
            ServiceName::Land => 50054,
            ServiceName::Safety => 50055,
            ServiceName::Environment => 50056,
        }
    }

    /// The service named `name` (lowercase, as [`ServiceName::as_str`] writes it), if any.
    pub fn parse(name: &str) -> Option<ServiceName> {
        ServiceName::ALL
            .into_iter()
            .find(|service| service.as_str() == name)
    }

    /// Whether measures may belong to this service: the bureau services execute them, while the
    /// registry (which plans them) and the coordinator (which only projects) own none.
    pub fn owns_measures(self) -> bool {
        !matches!(self, ServiceName::Registry | ServiceName::Coordinator)
    }
}

impl fmt::Display for ServiceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names_round_trip_and_only_bureau_services_own_measures() {
        let cases = [
            (ServiceName::Registry, "registry", false),
            (ServiceName::Licensing, "licensing", true),
            (ServiceName::Utilities, "utilities", true),
            (ServiceName::Land, "land", true),
            (ServiceName::Safety, "safety", true),
            (ServiceName::Environment, "environment", true),
            (ServiceName::Coordinator, "coordinator", false),
        ];
        assert_eq!(cases.len(), ServiceName::ALL.len(), "table covers ALL");
        for (service, name, owns_measures) in cases {
            assert_eq!(service.as_str(), name, "{service:?} name");
            assert_eq!(service.to_string(), name, "{service:?} display");
            assert_eq!(ServiceName::parse(name), Some(service), "{name} parses");
            assert_eq!(
                service.owns_measures(),
                owns_measures,
                "{service:?} owns measures"
            );
            let json = serde_json::to_string(&service).expect("serialises");
            assert_eq!(json, format!("\"{name}\""), "{service:?} serde name");
        }
        let unknown = ["Registry", "water", ""];
        for name in unknown {
            assert_eq!(ServiceName::parse(name), None, "{name:?} is no service");
        }
    }
}
