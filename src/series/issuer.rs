//! The issuing unit of a report, normalised so that the ways one UBND writes its name agree:
//! "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU", "UBND thành phố Lai Châu" and "Uỷ ban nhân dân thành
//! phố Lai Châu" are all "thành phố lai châu". The level word stays: "UBND tỉnh Lai Châu" is
//! another unit than the city of the same name.

use crate::lexicon::{lexicon, plain_words};

/// The unit's name without the words that say it is a People's Committee; None when nothing
/// is left (a head that reads only "ỦY BAN NHÂN DÂN").
pub fn normalise(unit: &str) -> Option<String> {
    let plain = plain_words(unit);
    let mut rest = plain.as_str();
    for w in &lexicon().series.issuer {
        if let Some(r) = rest.strip_prefix(w.as_str()) {
            if r.is_empty() || r.starts_with(' ') {
                rest = r.trim_start();
                break;
            }
        }
    }
    // "TP Lai Châu" is the city too.
    let named = match rest.strip_prefix("tp ") {
        Some(r) => format!("thành phố {r}"),
        None => rest.to_owned(),
    };
    (!named.is_empty()).then_some(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_one_unit_is_written_agree() {
        let city = Some("thành phố lai châu".to_owned());
        assert_eq!(normalise("ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"), city);
        assert_eq!(normalise("UBND thành phố Lai Châu"), city);
        assert_eq!(normalise("Uỷ ban nhân dân thành phố Lai Châu"), city);
        assert_eq!(normalise("UBND TP Lai Châu"), city);
        assert_eq!(normalise("UBND tỉnh Lai Châu"), Some("tỉnh lai châu".to_owned()));
        assert_eq!(normalise("ỦY BAN NHÂN DÂN"), None);
    }
}
