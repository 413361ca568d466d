//! UI components. They render the core's definitions and reports; they hold no rules of their own.

pub mod eligibility;
pub mod field;
pub mod files;
pub mod inputs;
pub mod lang;
pub mod notice;
pub mod rows;
pub mod summary;
pub mod toolbar;
