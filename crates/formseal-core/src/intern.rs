//! Interned strings: the ids and message codes read from form definitions live as long as the
//! program, like the built-in ones written in Rust, so that the rest of the core can keep using
//! `&'static str` for them. Each distinct string is kept once, however often a definition is
//! loaded; the number of distinct strings is bounded (see [`LIMIT`]).

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// An interned string (a type alias, so that serde does not take `&'static str` fields for
/// borrowed ones).
pub type Id = &'static str;

/// At most this many distinct strings (ids and codes of every definition loaded in this process).
pub const LIMIT: usize = 100_000;

static STRINGS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();

/// The interned copy of `s`, or `None` once [`LIMIT`] distinct strings are held.
pub fn intern(s: &str) -> Option<&'static str> {
    let mut set = STRINGS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = set.get(s) {
        return Some(found);
    }
    if set.len() >= LIMIT {
        return None;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(leaked);
    Some(leaked)
}

/// Serde: reads a string and interns it (`#[serde(deserialize_with = "crate::intern::de")]`).
pub fn de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    intern(&s).ok_or_else(|| serde::de::Error::custom("too many distinct ids"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_string_is_kept_once() {
        let a = super::intern("formseal-test-id").unwrap();
        let b = super::intern(&String::from("formseal-test-id")).unwrap();
        assert!(std::ptr::eq(a, b));
    }
}
