//! Bilingual text carried by form definitions (labels, help, options).

use crate::messages::Locale;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::OnceLock;

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
    /// The text in `locale`. A text whose definition left out its English (`en` empty) is looked
    /// up in the English texts [`install_en`] added, else shown in Chinese.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if self.en.is_empty() => {
                let table = EN.get().map_or(&[][..], Vec::as_slice);
                match find(table, &self.zh) {
                    Ok(i) => table[i].1,
                    Err(_) => &self.zh,
                }
            }
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }
}

/// The English of definition texts that leave it out, by their Chinese: sorted, for a binary
/// search (a map would weigh more in the browser's first download).
static EN: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();

fn find(table: &[(&'static str, &'static str)], zh: &str) -> Result<usize, usize> {
    table.binary_search_by(|(z, _)| (*z).cmp(zh))
}

/// Adds the English of definition texts, a JSON object of Chinese text → English text (the
/// browser's `forms/en.json`, fetched with the English messages); only the first call counts.
pub fn install_en(json: &str) -> Result<(), String> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
    let Some(m) = v.as_object() else { return Err("expected a JSON object".into()) };
    let mut table: Vec<(&'static str, &'static str)> = Vec::with_capacity(m.len());
    for (zh, en) in m {
        if let (Some(en), Err(i)) = (en.as_str(), find(&table, zh)) {
            table.insert(i, (leak(zh), leak(en)));
        }
    }
    let _ = EN.set(table);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_english_is_looked_up_then_shown_in_chinese() {
        // The table is process-wide: texts no other test uses.
        install_en(r#"{"测试文本甲": "Test text A", "测试文本乙": "Test text B"}"#).unwrap();
        assert_eq!(Text::owned("测试文本乙", "").get(Locale::En), "Test text B");
        assert_eq!(Text::owned("测试文本乙", "").get(Locale::ZhCn), "测试文本乙");
        assert_eq!(Text::owned("测试文本丙", "").get(Locale::En), "测试文本丙");
        // A text's own English comes first.
        assert_eq!(Text::owned("测试文本甲", "Own").get(Locale::En), "Own");
        assert!(install_en("[1]").is_err());
        assert!(install_en("{").is_err());
    }
}
