//! Eligibility results: each charter condition with its clause, status and what would change it.

use super::text::Text;
use crate::issue::Params;
use crate::messages::{render, Locale};
use serde::Serialize;

/// Outcome of one eligibility condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    NeedsInfo,
}

/// Where a condition comes from: an article of a charter (`第九条第1项`), a numbered part of a
/// call document (`五、第1项`), or any other cited text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Clause {
    Article { article: u16, item: Option<u16> },
    Part { part: u16, item: Option<u16> },
    Cited { text: Text },
}

impl Clause {
    pub const fn item(article: u16, item: u16) -> Self {
        Clause::Article { article, item: Some(item) }
    }
    pub const fn article(article: u16) -> Self {
        Clause::Article { article, item: None }
    }
    pub const fn part(part: u16, item: u16) -> Self {
        Clause::Part { part, item: Some(item) }
    }
    /// `第九条第1项` / `Article 9(1)`; `五、第1项` / `Part 5, item 1`.
    pub fn render(&self, locale: Locale) -> String {
        let num = |n: u16| match locale {
            Locale::ZhCn => chinese_number(n),
            Locale::En => n.to_string(),
        };
        match self {
            Clause::Article { article, item: Some(item) } => {
                render(locale, "clause.article_item", &[("article", num(*article)), ("item", item.to_string())])
            }
            Clause::Article { article, item: None } => render(locale, "clause.article", &[("article", num(*article))]),
            Clause::Part { part, item: Some(item) } => {
                render(locale, "clause.part_item", &[("part", num(*part)), ("item", item.to_string())])
            }
            Clause::Part { part, item: None } => render(locale, "clause.part", &[("part", num(*part))]),
            Clause::Cited { text } => text.get(locale).to_string(),
        }
    }
}

/// 1–99 in Chinese numerals as used for article numbers (九, 十一, 二十).
pub fn chinese_number(n: u16) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], if n % 10 == 0 { "" } else { D[(n % 10) as usize] }),
        _ => n.to_string(),
    }
}

/// A message key with parameters (text is rendered per locale at the edge).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub code: &'static str,
    #[serde(skip)]
    pub params: Params,
}

impl Msg {
    pub fn new(code: &'static str) -> Self {
        Msg { code, params: Vec::new() }
    }
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }
    pub fn text(&self, locale: Locale) -> String {
        render(locale, self.code, &self.params)
    }
}

/// One condition of the charter, evaluated on the current answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// Stable id, e.g. `art9.1`.
    pub id: &'static str,
    pub clause: Clause,
    /// The condition, as the charter states it.
    pub condition: Msg,
    pub status: Status,
    /// Why it has this status.
    pub reason: Msg,
    /// What the applicant could do to change the outcome (none when it passes).
    pub remedy: Option<Msg>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(9), "九");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(11), "十一");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(23), "二十三");
    }

    #[test]
    fn clause_rendering() {
        assert_eq!(Clause::item(9, 1).render(Locale::ZhCn), "第九条第1项");
        assert_eq!(Clause::item(11, 2).render(Locale::En), "Article 11(2)");
        assert_eq!(Clause::article(12).render(Locale::ZhCn), "第十二条");
        assert_eq!(Clause::part(5, 1).render(Locale::ZhCn), "五、第1项");
        assert_eq!(Clause::part(5, 2).render(Locale::En), "Part 5, item 2");
    }
}
