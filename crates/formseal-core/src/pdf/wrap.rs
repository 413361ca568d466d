//! Line breaking for Chinese and Latin text (UAX #14): breaks between hanzi, Latin words kept
//! whole, and no line that starts with closing punctuation or ends with opening punctuation.

use super::fonts::FontSet;
use unicode_linebreak::{break_property, linebreaks, BreakClass, BreakOpportunity};

/// Characters that may not start a line (closing punctuation, full stops, small kana …).
pub fn no_line_start(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::ClosePunctuation
            | BreakClass::CloseParenthesis
            | BreakClass::Exclamation
            | BreakClass::InfixSeparator
            | BreakClass::NonStarter
            | BreakClass::ConditionalJapaneseStarter
    ) || "”’》〉」』】〕〗〙〛）］｝".contains(c)
}

/// Characters that may not end a line (opening punctuation).
fn no_line_end(c: char) -> bool {
    matches!(break_property(c as u32), BreakClass::OpenPunctuation) || "“‘《〈「『【〔〖〘〚（［｛".contains(c)
}

/// Breaks `text` into lines no wider than `width` at `size` points. `\n` starts a new line; an
/// empty text gives no lines.
pub fn wrap(fonts: &FontSet, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = para.trim_end_matches('\r').replace('\t', " ");
        wrap_paragraph(fonts, &para, size, width, &mut lines);
    }
    while lines.last().is_some_and(|l: &String| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn wrap_paragraph(fonts: &FontSet, para: &str, size: f32, width: f32, out: &mut Vec<String>) {
    if para.trim().is_empty() {
        out.push(String::new());
        return;
    }
    let mut line = String::new();
    let mut start = 0;
    for (end, kind) in linebreaks(para) {
        let segment = &para[start..end];
        start = end;
        let candidate = format!("{line}{segment}");
        if fonts.width(candidate.trim_end(), size) <= width {
            line = candidate;
        } else {
            if !line.trim().is_empty() {
                out.push(line.trim_end().to_string());
            }
            line = String::new();
            // A segment wider than the line (a long number, URL or e-mail): break between characters.
            for piece in split_long(fonts, segment.trim_start(), size, width) {
                if fonts.width(&format!("{line}{piece}"), size) <= width || line.is_empty() {
                    line.push_str(&piece);
                } else {
                    out.push(line.trim_end().to_string());
                    line = piece;
                }
            }
        }
        if kind == BreakOpportunity::Mandatory && end < para.len() {
            out.push(line.trim_end().to_string());
            line = String::new();
        }
    }
    if !line.trim().is_empty() {
        out.push(line.trim_end().to_string());
    }
}

/// Splits an unbreakable run into pieces that fit `width`, keeping closing punctuation with the
/// character before it and opening punctuation with the character after it.
fn split_long(fonts: &FontSet, segment: &str, size: f32, width: f32) -> Vec<String> {
    if fonts.width(segment, size) <= width {
        return vec![segment.to_string()];
    }
    let chars: Vec<char> = segment.chars().collect();
    let mut pieces = Vec::new();
    let mut from = 0;
    while from < chars.len() {
        let mut to = from;
        let mut w = 0.0;
        while to < chars.len() {
            let cw = fonts.width(&chars[to].to_string(), size);
            if w + cw > width && to > from {
                break;
            }
            w += cw;
            to += 1;
        }
        // Move the break back so the next piece does not start with closing punctuation and
        // this one does not end with opening punctuation (as long as something stays on the line).
        while to < chars.len() && to > from + 1 && (no_line_start(chars[to]) || no_line_end(chars[to - 1])) {
            to -= 1;
        }
        pieces.push(chars[from..to].iter().collect());
        from = to;
    }
    pieces
}
