//! "Did you mean ...?" for misspelt keywords and function names.

use std::sync::LazyLock;

/// Keywords of the language, as a user would write them (derived from the grammar).
pub static KEYWORDS: LazyLock<Vec<String>> = LazyLock::new(super::parser::keywords);

/// The candidate closest to `word` (case-insensitively), if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit && *d > 0)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: Levenshtein plus transposition of neighbours, the
/// commonest typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keywords_only() {
        assert_eq!(
            closest("MACTH", KEYWORDS.iter().map(String::as_str)),
            Some("MATCH")
        );
        assert_eq!(
            closest("retrun", KEYWORDS.iter().map(String::as_str)),
            Some("RETURN")
        );
        assert_eq!(closest("banana", KEYWORDS.iter().map(String::as_str)), None);
        assert_eq!(
            closest("shortestPth", KEYWORDS.iter().map(String::as_str)),
            Some("shortestPath")
        );
    }

    #[test]
    fn keywords_are_the_grammars() {
        for word in [
            "CALL",
            "ASCENDING",
            "shortestPath",
            "allShortestPaths",
            "EXPLAIN",
        ] {
            assert!(KEYWORDS.iter().any(|k| k == word), "{word}");
        }
        // Written like function calls: offered as functions.
        assert!(!KEYWORDS.iter().any(|k| k == "COUNT"));
    }
}
