//! The coordinator's SQL, compiled for each backend by `per_backend!`: [`project`] applies a
//! run of a followed feed's changes, [`read`] serves the API.

/// Applying a run of changes.
pub mod project {
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::{DateTime, Utc};

    use rectify_campaign::Campaign;
    use rectify_kit::parse::from_timestamp;
    use rectify_kit::{Error, Result};
    use rectify_proto::feed::v1::Change;
    use rectify_proto::workitems::v1::State as WiState;
    use tracing::Instrument as _;

    use crate::domain::fact::{EnterpriseFacts, Fact, ItemFacts, Measure, fact};
    use crate::domain::metrics::{self, Metrics, Scope, enterprise_metrics, item_metrics};
    use crate::domain::status::{EnterpriseRow, Finding, Item, category_key};
    use crate::store::rows::{
        ENTERPRISE_COLUMNS, EnterpriseRecord, ITEM_COLUMNS, ItemRecord, parse_date, parse_metrics,
    };

    rectify_kit::per_backend!("sql/project.rs");
}

/// Reading the projection.
pub mod read {
    use rectify_kit::Result;
    use rectify_proto::coordinator::v1::{Completion, Flag};

    use crate::store::filter::{EnterpriseFilter, ItemFilter};
    use crate::store::rows::{
        CounterRecord, ENTERPRISE_COLUMNS, EnterpriseRecord, FindingRecord, HeadRecord,
        ITEM_COLUMNS, ItemRecord, TimelineRecord,
    };

    rectify_kit::per_backend!("sql/read.rs");
}

/// The office's sign-off, in the write envelope.
pub mod sign_off {
    use rectify_kit::journal::Journal;
    use rectify_kit::{CallContext, Error, Result};
    use rectify_proto::coordinator::v1 as pb;

    use crate::api::convert::enterprise_name;
    use crate::domain::sign_off::{Completion, check};
    use crate::store::rows::{ENTERPRISE_COLUMNS, EnterpriseRecord};
    use rectify_kit::peer::Peer;

    rectify_kit::per_backend!("sql/sign_off.rs");
}
