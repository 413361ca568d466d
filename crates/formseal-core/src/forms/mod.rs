//! The official forms formseal knows, one module each, and a registry to find them by id.

pub mod coauthor;
pub mod tc260;

use crate::form::FormRules;

/// Ids of all forms, in the order a start page lists them.
pub const FORM_IDS: &[&str] = &[tc260::FORM_ID, coauthor::FORM_ID];

/// The form with this id, with its default call configuration.
pub fn by_id(id: &str) -> Option<Box<dyn FormRules>> {
    match id {
        tc260::FORM_ID => Some(Box::new(tc260::Tc260::new(tc260::Config::default()))),
        coauthor::FORM_ID => Some(Box::new(coauthor::Coauthor::new(coauthor::Config::default()))),
        _ => None,
    }
}
