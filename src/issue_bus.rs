//! Per-path signals for the report's issues and for "the applicant has left this field": each
//! field watches only its own path.

use formseal_core::form::Report;
use formseal_core::Issue;
use leptos::prelude::*;
use std::collections::HashMap;

/// Per-path signals for the report's issues and for "the applicant has left this field".
///
/// Thousands of fields each watch only their own path: a keystroke notifies the few paths whose
/// issues changed, not every field of the form.
#[derive(Clone, Copy)]
pub struct IssueBus {
    issues: StoredValue<HashMap<String, ArcRwSignal<Vec<Issue>>>>,
    touched: StoredValue<HashMap<String, ArcRwSignal<bool>>>,
    last: StoredValue<HashMap<String, Vec<Issue>>>,
}

impl IssueBus {
    pub fn new() -> Self {
        IssueBus {
            issues: StoredValue::new(HashMap::new()),
            touched: StoredValue::new(HashMap::new()),
            last: StoredValue::new(HashMap::new()),
        }
    }

    /// The issues at `path` (a signal that changes only when they do).
    pub fn issues_at(&self, path: &str) -> ArcRwSignal<Vec<Issue>> {
        if let Some(s) = self.issues.with_value(|m| m.get(path).cloned()) {
            return s;
        }
        let s = ArcRwSignal::new(self.last.with_value(|m| m.get(path).cloned().unwrap_or_default()));
        self.issues.update_value(|m| {
            m.insert(path.to_string(), s.clone());
        });
        s
    }

    /// Whether the applicant has left the field at `path`.
    pub fn touched_at(&self, path: &str) -> ArcRwSignal<bool> {
        if let Some(s) = self.touched.with_value(|m| m.get(path).cloned()) {
            return s;
        }
        let s = ArcRwSignal::new(false);
        self.touched.update_value(|m| {
            m.insert(path.to_string(), s.clone());
        });
        s
    }

    /// Publishes a new report: only paths whose issues changed are notified.
    pub fn publish(&self, report: &Report) {
        let mut new: HashMap<String, Vec<Issue>> = HashMap::new();
        for i in &report.issues {
            new.entry(i.path.clone()).or_default().push(i.clone());
        }
        let slots = self.issues;
        self.last.update_value(|old| {
            slots.with_value(|slots| {
                for (p, v) in &new {
                    if old.get(p) != Some(v) {
                        if let Some(s) = slots.get(p) {
                            s.set(v.clone());
                        }
                    }
                }
                for p in old.keys().filter(|p| !new.contains_key(*p)) {
                    if let Some(s) = slots.get(p) {
                        s.set(Vec::new());
                    }
                }
            });
            *old = new;
        });
    }

    /// Forgets which fields were left (new or imported draft).
    pub fn untouch_all(&self) {
        self.touched.with_value(|m| m.values().for_each(|s| s.set(false)));
    }
}
