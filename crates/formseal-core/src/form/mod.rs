//! The generic form model: definitions, answers, validation and eligibility results.

mod answers;
mod def;
mod display;
mod eligibility;
// The definition lints (`formseal check-form`, the worker): their messages are in `verify.txt`.
#[cfg(feature = "package")]
pub mod lint;
pub mod logic;
pub mod read;
mod row;
pub mod schema;
mod text;
mod validate;

pub use answers::{empty_row, too_many_values, AnswerError, Answers, FileRef, Value, MAX_JSON_VALUES, MAX_TEXT_UNITS};
pub use def::{CallCond, Cond, FieldDef, FieldKind, FormDef, Format, OptionDef, Process, Seal, SectionDef};
pub use display::{cells, display, human_size, Cell};
pub use eligibility::{summary as eligibility_summary, Clause, Criterion, Msg, Status};
pub use row::{Row, RowValues};
pub use text::{install_en, Text};
pub use validate::{
    check_field, check_format, has_error, validate, validate_with, Context, FormRules, Report, RowCache,
};
