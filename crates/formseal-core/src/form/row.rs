//! A repeatable row of answers (a representative, a writer, an experience line) and its values,
//! shared between copies until one is changed.

use super::answers::Value;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// One repeatable row. `key` is a stable identity for the UI (not serialised).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Row {
    pub key: u64,
    pub values: RowValues,
}

/// A row's values, shared by the copies of a row until one of them is changed (copy on write).
/// The browser keeps earlier copies of every row (per-row signals, the validation cache) and
/// compares them with the answers at each keystroke: an unchanged row is then one pointer
/// comparison instead of a walk through its values and nested rows (issue 16).
#[derive(Clone, Debug, Default, Eq)]
pub struct RowValues(Arc<BTreeMap<String, Value>>);

impl PartialEq for RowValues {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl Deref for RowValues {
    type Target = BTreeMap<String, Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for RowValues {
    /// The row's own copy of its values (made now if another copy shares them).
    fn deref_mut(&mut self) -> &mut Self::Target {
        Arc::make_mut(&mut self.0)
    }
}

impl From<BTreeMap<String, Value>> for RowValues {
    fn from(values: BTreeMap<String, Value>) -> Self {
        RowValues(Arc::new(values))
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.values.0.serialize(s)
    }
}

impl Row {
    pub fn text(&self, field: &str) -> &str {
        match self.values.get(field) {
            Some(Value::Text(t)) => t,
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_values_are_copied_on_write() {
        let mut a = Row { key: 1, values: BTreeMap::from([("name".to_string(), Value::Text("张三".into()))]).into() };
        let kept = a.clone();
        // A copy shares the values until one side changes them.
        assert!(Arc::ptr_eq(&a.values.0, &kept.values.0));
        a.values.insert("name".into(), Value::Text("李四".into()));
        assert!(!Arc::ptr_eq(&a.values.0, &kept.values.0));
        assert_eq!(kept.text("name"), "张三");
        assert_ne!(a, kept);
        // Equal values in separate copies are still equal.
        let mut b = a.clone();
        b.values.insert("name".into(), Value::Text("李四".into()));
        assert!(!Arc::ptr_eq(&a.values.0, &b.values.0));
        assert_eq!(a, b);
        assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"name":"李四"}"#);
    }
}
