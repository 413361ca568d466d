//! Input normalisation shared by the rules: full-width → ASCII, code clean-up, name dots.

/// Maps full-width ASCII variants (U+FF01..=U+FF5E) to ASCII and the ideographic space U+3000 to a
/// space; everything else is kept as it is.
pub fn fullwidth_to_ascii(input: &str) -> String {
    input.chars().map(fullwidth_char_to_ascii).collect()
}

/// One character of [`fullwidth_to_ascii`].
pub fn fullwidth_char_to_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// True for the hyphen and dash characters people type inside codes and phone numbers:
/// `-`, U+2010..=U+2015 (hyphen … horizontal bar, incl. the em dash `—`), U+2212 minus,
/// U+FE58 small em dash, U+FE63 small hyphen-minus and U+FF0D full-width hyphen-minus.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}')
}

/// Normalises a code (USCC and similar) before checking: full-width → ASCII, spaces (any
/// whitespace, incl. U+3000) and hyphens/dashes removed, ASCII letters upper-cased.
/// Other characters are kept, so that a rule can name them in its message.
pub fn code(input: &str) -> String {
    input
        .chars()
        .map(fullwidth_char_to_ascii)
        .filter(|c| !c.is_whitespace() && !is_dash(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The middle dot that joins the parts of minority and transliterated names (U+00B7).
pub const MIDDLE_DOT: char = '\u{00B7}';

/// True for characters typed in place of the middle dot U+00B7: bullet U+2022, katakana middle
/// dot U+30FB and its half-width form U+FF65, hyphenation point U+2027, full-width full stop
/// U+FF0E, Greek ano teleia U+0387 (canonically equal to U+00B7), bullet operator U+2219 and
/// dot operator U+22C5.
pub fn is_lookalike_dot(c: char) -> bool {
    matches!(c, '\u{2022}' | '\u{30FB}' | '\u{FF65}' | '\u{2027}' | '\u{FF0E}' | '\u{0387}' | '\u{2219}' | '\u{22C5}')
}

/// Normalises a personal name: trims it and maps look-alike dots to the middle dot U+00B7
/// (U+00B7 itself is kept). In a name containing Han characters an ASCII `.` is also taken for
/// the middle dot (`买买提.艾力` → `买买提·艾力`); in a Latin-script name it is kept (`John F. Smith`).
pub fn person_name(input: &str) -> String {
    person_name_ref(input).into_owned()
}

/// [`person_name`], borrowing the input when it needs no change (the common case: comparing
/// every row's name at each keystroke then allocates nothing).
pub fn person_name_ref(input: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = input.trim();
    let has_han = trimmed.chars().any(crate::rules::name::is_han);
    let maps = |c: char| is_lookalike_dot(c) || (has_han && c == '.');
    if !trimmed.chars().any(maps) {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    trimmed.chars().map(|c| if maps(c) { MIDDLE_DOT } else { c }).collect::<String>().into()
}

/// Characters that reorder or hide text without being seen: bidirectional controls, zero-width
/// characters and the byte-order mark. A name or a report must show them, never obey them.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// `text` with every control character (other than those in `keep`) and every character of
/// [`is_invisible`] written as `\u{…}`: how a report, a spreadsheet cell, a terminal or a message
/// shows what a package or a user brought, so that it can neither move the cursor nor reorder or
/// hide the text around it. Borrowed when nothing needs showing.
pub fn show_hidden<'a>(text: &'a str, keep: &[char]) -> std::borrow::Cow<'a, str> {
    if !text.chars().any(|c| hidden(c, keep)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    push_shown(&mut out, text, keep);
    out.into()
}

/// Appends `text` to `out` as [`show_hidden`] shows it.
pub fn push_shown(out: &mut String, text: &str, keep: &[char]) {
    for c in text.chars() {
        if hidden(c, keep) {
            // `\u{200b}`, as Rust's `escape_unicode` writes it (its formatting code is not in
            // the browser's first download).
            out.push_str("\\u{");
            let n = c as u32;
            for i in (0..(32 - n.leading_zeros()).div_ceil(4).max(1)).rev() {
                out.push(char::from_digit((n >> (4 * i)) & 0xF, 16).unwrap_or('0'));
            }
            out.push('}');
        } else {
            out.push(c);
        }
    }
}

fn hidden(c: char, keep: &[char]) -> bool {
    (c.is_control() && !keep.contains(&c)) || is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_shown_as_escapes() {
        assert_eq!(show_hidden("甲\u{202e}乙\u{200b}\u{1b}[2J", &[]), "甲\\u{202e}乙\\u{200b}\\u{1b}[2J");
        assert_eq!(show_hidden("a\nb\tc\r", &['\n']), "a\nb\\u{9}c\\u{d}");
        assert!(matches!(show_hidden("单位 ok", &[]), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn fullwidth_maps_to_ascii() {
        assert_eq!(fullwidth_to_ascii("ＡＢＣ１２３！～　x"), "ABC123!~ x");
        assert_eq!(fullwidth_to_ascii("（010）"), "(010)");
        assert_eq!(fullwidth_to_ascii("中文"), "中文");
    }

    #[test]
    fn code_cleans_up() {
        assert_eq!(code("  9135 0100-m000 100Y43 "), "91350100M000100Y43");
        assert_eq!(code("９１３５０１００Ｍ０００１００Ｙ４３"), "91350100M000100Y43");
        assert_eq!(code("9135－0100—M000\u{3000}100Y43"), "91350100M000100Y43");
        // Unknown characters are kept for the rule to report.
        assert_eq!(code("91中@"), "91中@");
    }

    #[test]
    fn person_name_dots() {
        assert_eq!(person_name(" 阿沛•阿旺晋美 "), "阿沛·阿旺晋美");
        assert_eq!(person_name("阿沛・阿旺晋美"), "阿沛·阿旺晋美");
        assert_eq!(person_name("阿沛‧阿旺晋美"), "阿沛·阿旺晋美");
        assert_eq!(person_name("阿沛．阿旺晋美"), "阿沛·阿旺晋美");
        assert_eq!(person_name("阿沛·阿旺晋美"), "阿沛·阿旺晋美");
        assert_eq!(person_name("买买提.艾力"), "买买提·艾力");
        assert_eq!(person_name("John F. Smith"), "John F. Smith");
        assert!(matches!(person_name_ref(" 张三 "), std::borrow::Cow::Borrowed("张三")));
        assert!(matches!(person_name_ref("买买提.艾力"), std::borrow::Cow::Owned(_)));
    }
}
