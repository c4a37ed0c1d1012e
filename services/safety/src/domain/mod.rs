//! The safety domain: pure rules with no database or gRPC.
//!
//! - [`hazard`]: a hazard's level, description and fix deadline ([`HazardDraft`]);
//! - [`inspection`]: `RecordInspection` and `RecordHazardFix` parsed ([`InspectionRecord`],
//!   [`HazardFix`]) in a [`ParseContext`], every bad field reported at once, and the dates
//!   that depend on what is stored ([`check_inspected_after_plan`], [`check_fixed_after`]);
//! - [`names`]: `inspections/{id}` and `inspections/{id}/hazards/{n}`;
//! - [`check`]: what an inspection or a fix does to the `safety_check` item ([`item_move`]).

pub mod check;
pub mod hazard;
pub mod inspection;
pub mod names;

pub use check::{BLOCKED_REASON, ItemMove, item_move};
pub use hazard::{HazardDraft, HazardError, HazardLevel, MAX_DESCRIPTION_CHARS, parse_hazards};
pub use inspection::{
    HazardFix, InspectionRecord, ParseContext, check_fixed_after, check_inspected_after_plan,
};
pub use names::{HazardName, hazard_name, inspection_name};
