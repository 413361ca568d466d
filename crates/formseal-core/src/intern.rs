//! Interned strings: the ids and message codes read from form definitions live as long as the
//! program, like the built-in ones written in Rust, so that the rest of the core can keep using
//! `&'static str` for them. Each distinct string is kept once, however often a definition is
//! loaded; the number of distinct strings is bounded (see [`LIMIT`]).

use std::sync::Mutex;

/// At most this many distinct strings (ids and codes of every definition loaded in this process).
pub const LIMIT: usize = 100_000;

/// Sorted, for a binary search (a hash set would weigh more in the browser's first download).
static STRINGS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// The interned copy of `s`, or `None` once [`LIMIT`] distinct strings are held.
pub fn intern(s: &str) -> Option<&'static str> {
    let mut set = STRINGS.lock().unwrap_or_else(|e| e.into_inner());
    match set.binary_search(&s) {
        Ok(i) => set.get(i).copied(),
        Err(_) if set.len() >= LIMIT => None,
        Err(i) => {
            let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
            set.insert(i, leaked);
            Some(leaked)
        }
    }
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
