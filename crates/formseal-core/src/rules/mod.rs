//! Field rules of DOMAIN.md: pure functions from a typed-in value to findings (message key + params).

pub mod date;
pub mod email;
pub mod name;
pub mod normalize;
pub mod phone;
pub mod postcode;
pub mod rank;
pub mod standard_no;
pub mod uscc;
pub mod wechat;
