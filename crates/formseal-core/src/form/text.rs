//! Bilingual text carried by form definitions (labels, help, options).

use crate::messages::Locale;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A label in zh-CN and en.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    /// Static text in both languages.
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Text { zh: Cow::Borrowed(zh), en: Cow::Borrowed(en) }
    }
    /// Text built at run time (e.g. from a call's configuration).
    pub fn owned(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text { zh: Cow::Owned(zh.into()), en: Cow::Owned(en.into()) }
    }
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }
}
