//! The utilities service (两断三清, plan §3(二)3): water and power cuts and the standing orders
//! they start, reconnections, meter readings, clearings and well closures (DESIGN §3).
//!
//! For now the pure [`domain`]; storage and the gRPC handlers build on it and on
//! `rectify-workitems`.

pub mod domain;
