//! The pages' view models: each page's template and the plain data it shows, built by the
//! route from what it read. A page fed by another source (the coordinator) adds its own here.

pub mod enterprise;
pub mod enterprises;
pub mod import;
pub mod login;
pub mod names;
pub mod overview;
pub mod password;
pub mod public;
pub mod rebounds;
pub mod supervision;
