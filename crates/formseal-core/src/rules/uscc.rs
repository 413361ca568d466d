//! Unified Social Credit Code 统一社会信用代码 (GB 32100-2015): parsing, check characters, organisation type.

use crate::issue::Finding;
use crate::rules::normalize;

/// The 31 characters of GB 32100 (no I, O, S, V, Z), in value order 0..=30.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1..=17: `3^(i-1) mod 31`.
pub const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Weights of the 8 body characters of the GB 11714 organisation code.
pub const ORG_CODE_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// A well-formed USCC (length, alphabet, division digits and check character all correct).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uscc {
    /// The normalised 18-character code.
    pub code: String,
    /// Position 1: registration authority 登记管理部门 (`9` = market regulation 工商/市场监管).
    pub authority: char,
    /// Position 2: organisation type 机构类别 within the authority.
    pub kind: char,
    /// Positions 3–8: administrative division code 行政区划码 (6 digits).
    pub division: String,
    /// Positions 9–17: the organisation code 组织机构代码 (GB 11714), 8 characters + its check character.
    pub org_code: String,
}

/// A coarse classification of positions 1–2, enough to cross-check a declared 单位性质 (warnings only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgKind {
    /// `91` 企业, `92` 个体工商户, `93` 农民专业合作社 (registered with market regulation).
    /// Note that `92` is not a legal person: see [`Uscc::is_individual_business`].
    Enterprise,
    /// `11` 机关 (government bodies).
    Government,
    /// `12` 事业单位 (public institutions; most universities and research institutes).
    PublicInstitution,
    /// `5x` registered with civil affairs: `51` 社会团体, `52` 民办非企业单位, `53` 基金会, `59` other.
    SocialOrganisation,
    /// Everything else (law firms, religious bodies, trade unions, rural collectives, …).
    Other,
}

impl Uscc {
    /// Positions 1–2, e.g. `"91"`.
    pub fn kind_code(&self) -> String {
        [self.authority, self.kind].iter().collect()
    }

    /// The derived organisation code 组织机构代码 as usually printed: `XXXXXXXX-X`.
    pub fn org_code_display(&self) -> String {
        let (body, check) = self.org_code.split_at(8);
        format!("{body}-{check}")
    }

    /// The check character the embedded organisation code should have (GB 11714-1997).
    pub fn org_code_expected(&self) -> Option<char> {
        org_code_check_char(&self.org_code[..8])
    }

    /// Whether the embedded organisation code carries a correct GB 11714 check character.
    pub fn org_code_valid(&self) -> bool {
        self.org_code_expected() == self.org_code.chars().nth(8)
    }

    /// Whether the authority/type pair (positions 1–2) is one in use.
    pub fn kind_known(&self) -> bool {
        self.category().is_some()
    }

    /// Classifies positions 1–2 (see [`OrgKind`]).
    pub fn org_kind(&self) -> OrgKind {
        match (self.authority, self.kind) {
            ('9', '1' | '2' | '3') => OrgKind::Enterprise,
            ('1', '1') => OrgKind::Government,
            ('1', '2') => OrgKind::PublicInstitution,
            ('5', _) => OrgKind::SocialOrganisation,
            _ => OrgKind::Other,
        }
    }

    /// The registration category of positions 1–2 (登记管理部门 and 机构类别, GB 32100-2015 and the
    /// registration authorities' code tables): its name is in the message catalogues (the list of
    /// pairs in use, \[practice\]); `None` for a pair not in use.
    /// The catalogue key of its name (`uscc.kind.91`), for pairs in use \[practice\].
    pub fn category(&self) -> Option<String> {
        let key = format!("uscc.kind.{}", self.kind_code());
        crate::messages::catalogue(crate::Locale::ZhCn).contains_key(key.as_str()).then_some(key)
    }

    /// `92` 个体工商户: an individual business, registered but **not** a legal person.
    pub fn is_individual_business(&self) -> bool {
        self.authority == '9' && self.kind == '2'
    }
}

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// The check character (position 18) for the first 17 characters, or `None` when `first17` is
/// not 17 characters of the alphabet.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    ALPHABET.chars().nth(((31 - sum % 31) % 31) as usize)
}

/// The GB 11714 check character for an 8-character organisation-code body (digits and
/// upper-case letters, `A` = 10 … `Z` = 35): `11 − (Σ mod 11)`, 10 → `X`, 11 → `0`.
pub fn org_code_check_char(body: &str) -> Option<char> {
    if body.chars().count() != 8 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.chars().zip(ORG_CODE_WEIGHTS) {
        let v = match c {
            '0'..='9' | 'A'..='Z' => c.to_digit(36)?,
            _ => return None,
        };
        sum += v * w;
    }
    match 11 - sum % 11 {
        10 => Some('X'),
        11 => Some('0'),
        n => char::from_digit(n, 10),
    }
}

/// Normalises and parses a USCC. The error is the first problem found, in this order:
/// `uscc.length` (`len`), `uscc.forbidden_char` (`char`, 1-based `pos`), `uscc.division`
/// (`char`, `pos`: positions 3–8 must be digits), `uscc.check` (`expected`: the correct check character).
pub fn parse(input: &str) -> Result<Uscc, Finding> {
    let code = normalize::code(input);
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(Finding::error(key!("uscc.length")).with("len", chars.len().to_string()));
    }
    if let Some((i, c)) = chars.iter().enumerate().find(|(_, c)| value(**c).is_none()) {
        return Err(Finding::error(key!("uscc.forbidden_char"))
            .with("char", c.to_string())
            .with("pos", (i + 1).to_string()));
    }
    if let Some((i, c)) = chars.iter().enumerate().take(8).skip(2).find(|(_, c)| !c.is_ascii_digit()) {
        return Err(Finding::error(key!("uscc.division")).with("char", c.to_string()).with("pos", (i + 1).to_string()));
    }
    let expected = check_char(&code[..17]).expect("17 characters of the alphabet");
    if chars[17] != expected {
        return Err(Finding::error(key!("uscc.check")).with("expected", expected.to_string()));
    }
    Ok(Uscc {
        authority: chars[0],
        kind: chars[1],
        division: code[2..8].to_string(),
        org_code: code[8..17].to_string(),
        code,
    })
}

/// Checks a USCC: the parse error, or for a valid code the warnings `uscc.org_code_check`
/// (`expected`: embedded organisation code check character) and `uscc.unknown_kind` (`kind`:
/// positions 1–2). A blank value gives no findings (whether it is required is the form's business).
pub fn check(input: &str) -> Vec<Finding> {
    if input.trim().is_empty() {
        return Vec::new();
    }
    match parse(input) {
        Err(f) => vec![f],
        Ok(u) => {
            let mut out = Vec::new();
            if !u.org_code_valid() {
                let expected = u.org_code_expected().map(String::from).unwrap_or_default();
                out.push(Finding::warning(key!("uscc.org_code_check")).with("expected", expected));
            }
            if !u.kind_known() {
                out.push(Finding::warning(key!("uscc.unknown_kind")).with("kind", u.kind_code()));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::Severity;

    #[test]
    fn weights_are_powers_of_three() {
        let mut w = 1u32;
        for expected in WEIGHTS {
            assert_eq!(w, expected);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn check_char_of_known_codes() {
        assert_eq!(check_char("91350100M000100Y4"), Some('3'));
        assert_eq!(check_char("91440300192203821"), Some('6'));
        assert_eq!(check_char("9144030071526726X"), Some('G'));
        assert_eq!(check_char("9144030071526726"), None);
        assert_eq!(check_char("9144030071526726O"), None);
    }

    #[test]
    fn check_value_zero_maps_to_zero() {
        // Find a body whose sum is 0 mod 31: all zeros.
        assert_eq!(check_char("00000000000000000"), Some('0'));
    }

    #[test]
    fn normalises_before_parsing() {
        let u = parse(" 9144 0300-1922 038216\u{3000}").unwrap();
        assert_eq!(u.code, "914403001922038216");
        let u = parse("９１４４０３００７１５２６７２６ｘｇ").unwrap();
        assert_eq!(u.code, "9144030071526726XG");
        assert_eq!(u.org_code_display(), "71526726-X");
    }

    #[test]
    fn length_error_counts_characters() {
        assert_eq!(parse("12345").unwrap_err(), Finding::error(key!("uscc.length")).with("len", "5"));
        assert_eq!(parse("").unwrap_err(), Finding::error(key!("uscc.length")).with("len", "0"));
        // Characters outside the BMP count as one character each.
        let e = parse("9144030019220382𠀀6").unwrap_err();
        assert_eq!(e, Finding::error(key!("uscc.forbidden_char")).with("char", "𠀀").with("pos", "17"));
    }

    #[test]
    fn forbidden_chars_name_position() {
        let e = parse("91440300192203821O").unwrap_err();
        assert_eq!(e, Finding::error(key!("uscc.forbidden_char")).with("char", "O").with("pos", "18"));
        let e = parse("9144030019220382中6").unwrap_err();
        assert_eq!(e, Finding::error(key!("uscc.forbidden_char")).with("char", "中").with("pos", "17"));
    }

    #[test]
    fn division_must_be_digits_but_authority_need_not() {
        let e = parse("9144A3001922038216").unwrap_err();
        assert_eq!(e, Finding::error(key!("uscc.division")).with("char", "A").with("pos", "5"));
        // Authority letters A, N, Y are fine in positions 1-2.
        let mut first17 = String::from("N2440300192203821");
        first17.push(check_char(&first17).unwrap());
        let u = parse(&first17).unwrap();
        assert_eq!((u.authority, u.kind), ('N', '2'));
        assert!(u.kind_known());
    }

    #[test]
    fn warnings_on_valid_codes() {
        // Break the embedded organisation code but keep the USCC check correct.
        let mut first17 = String::from("91440300192203822");
        first17.push(check_char(&first17).unwrap());
        let f = check(&first17);
        assert_eq!(f, vec![Finding::warning(key!("uscc.org_code_check")).with("expected", "1")]);
        assert!(f.iter().all(|f| f.severity == Severity::Warning));

        let mut first17 = String::from("94440300192203821");
        first17.push(check_char(&first17).unwrap());
        assert_eq!(check(&first17), vec![Finding::warning(key!("uscc.unknown_kind")).with("kind", "94")]);
    }

    #[test]
    fn org_code_check_char_rules() {
        assert_eq!(org_code_check_char("71526726"), Some('X'));
        assert_eq!(org_code_check_char("19220382"), Some('1'));
        assert_eq!(org_code_check_char("M000100Y"), Some('4'));
        assert_eq!(org_code_check_char("1922038"), None);
        assert_eq!(org_code_check_char("1922038a"), None);
    }

    #[test]
    fn org_kinds() {
        let kind = |s: &str| parse(s).unwrap().org_kind();
        assert_eq!(kind("914403001922038216"), OrgKind::Enterprise);
        assert_eq!(kind("121000004000123696"), OrgKind::PublicInstitution);
        let mk = |p: &str| {
            let mut s = format!("{p}440300192203821");
            s.push(check_char(&s).unwrap());
            parse(&s).unwrap()
        };
        assert_eq!(mk("11").org_kind(), OrgKind::Government);
        assert_eq!(mk("51").org_kind(), OrgKind::SocialOrganisation);
        assert_eq!(mk("53").org_kind(), OrgKind::SocialOrganisation);
        assert_eq!(mk("31").org_kind(), OrgKind::Other);
        assert!(mk("92").is_individual_business());
        assert_eq!(mk("92").org_kind(), OrgKind::Enterprise);
        assert!(!mk("91").is_individual_business());
    }

    #[test]
    fn blank_is_not_checked() {
        assert!(check("  ").is_empty());
    }
}
