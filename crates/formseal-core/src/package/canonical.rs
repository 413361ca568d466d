//! RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code units, numbers in ECMAScript form,
//! no insignificant white space.

use serde::Serialize;

/// The canonical JSON bytes of `value`.
pub fn canonical<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising our own types and `serde_json::Value` cannot fail (no non-string keys, no NaN).
    serde_json_canonicalizer::to_vec(value).expect("JSON values always canonicalise")
}

/// Whether `bytes` are exactly the canonical form of the JSON they contain.
pub fn is_canonical(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(v) => canonical(&v) == bytes,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jcs(input: &str) -> String {
        let v: serde_json::Value = serde_json::from_str(input).unwrap();
        String::from_utf8(canonical(&v)).unwrap()
    }

    /// RFC 8785 §3.2.2 (values) .
    #[test]
    fn rfc8785_values() {
        let input = r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#;
        assert_eq!(
            jcs(input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    /// RFC 8785 §3.2.3 (sorting by UTF-16 code units: the emoji sorts before U+FB33).
    #[test]
    fn rfc8785_sorting() {
        let input = r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        assert_eq!(
            jcs(input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\
             \"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
    }

    /// RFC 8785 Appendix (structures, from the published test data).
    #[test]
    fn rfc8785_structures() {
        let input = r#"{
          "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
          "10": { },
          "": "empty",
          "a": { },
          "111": [ {"e": "yes","E": "no" } ],
          "A": { }
        }"#;
        assert_eq!(
            jcs(input),
            r#"{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}"#
        );
    }

    #[test]
    fn canonical_bytes_are_recognised() {
        assert!(is_canonical(br#"{"a":1,"b":"\u0000"}"#));
        assert!(!is_canonical(br#"{"b":1,"a":2}"#));
        assert!(!is_canonical(br#"{"a": 1}"#));
        assert!(!is_canonical(b"not json"));
    }
}
