//! Chance-corrected agreement coefficients on coded units: Cohen's κ, Fleiss' κ and
//! Krippendorff's α (nominal). Pure arithmetic on values; `None` where a coefficient is
//! undefined (no units, or no variation to correct for).

use std::collections::HashMap;
use std::hash::Hash;

// The cast is exact: counts of units are far below 2^52.
fn f(n: usize) -> f64 {
    n as f64
}

/// Cohen's κ for two coders who both coded every unit: `(a, b)` per unit.
#[must_use]
pub fn cohen_kappa<T: Eq + Hash>(pairs: &[(T, T)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = f(pairs.len());
    let mut first: HashMap<&T, usize> = HashMap::new();
    let mut second: HashMap<&T, usize> = HashMap::new();
    let mut agreed = 0;
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1;
        *second.entry(b).or_default() += 1;
        if a == b {
            agreed += 1;
        }
    }
    let observed = f(agreed) / n;
    let expected: f64 = first
        .iter()
        .map(|(value, &count)| f(count) / n * f(second.get(value).copied().unwrap_or(0)) / n)
        .sum();
    ratio(observed - expected, 1.0 - expected)
}

/// Fleiss' κ from a table of how many raters put each subject (row) in each category
/// (column); every row must sum to the same number of raters, at least 2.
#[must_use]
pub fn fleiss_kappa_counts(table: &[Vec<usize>]) -> Option<f64> {
    let raters: usize = table.first()?.iter().sum();
    if raters < 2 || table.iter().any(|row| row.iter().sum::<usize>() != raters) {
        return None;
    }
    let subjects = f(table.len());
    let n = f(raters);
    let categories = table.iter().map(Vec::len).max().unwrap_or(0);
    let mut column_totals = vec![0usize; categories];
    let mut agreement = 0.0;
    for row in table {
        for (total, &count) in column_totals.iter_mut().zip(row) {
            *total += count;
        }
        let squares: usize = row.iter().map(|&c| c * c).sum();
        agreement += (f(squares) - n) / (n * (n - 1.0));
    }
    let observed = agreement / subjects;
    let expected: f64 = column_totals
        .iter()
        .map(|&t| (f(t) / (subjects * n)).powi(2))
        .sum();
    ratio(observed - expected, 1.0 - expected)
}

/// Fleiss' κ for units each coded by the same number of raters (`values` per unit).
#[must_use]
pub fn fleiss_kappa<T: Eq + Hash>(units: &[Vec<T>]) -> Option<f64> {
    let mut index: HashMap<&T, usize> = HashMap::new();
    for unit in units {
        for v in unit {
            let next = index.len();
            index.entry(v).or_insert(next);
        }
    }
    let table: Vec<Vec<usize>> = units
        .iter()
        .map(|unit| {
            let mut row = vec![0; index.len()];
            for v in unit {
                row[index[v]] += 1;
            }
            row
        })
        .collect();
    fleiss_kappa_counts(&table)
}

/// Krippendorff's α with the nominal metric, for any number of coders and missing values:
/// `units[u][c]` is coder `c`'s value for unit `u`, or `None`. Units with fewer than two
/// values are not pairable and do not count.
#[must_use]
pub fn krippendorff_alpha_nominal<T: Eq + Hash>(units: &[Vec<Option<T>>]) -> Option<f64> {
    // The coincidence matrix, kept as its diagonal and margins: nominal disagreement only
    // needs how often a value meets itself.
    let mut margins: HashMap<&T, f64> = HashMap::new();
    let mut matches = 0.0;
    let mut total = 0.0;
    for unit in units {
        let values: Vec<&T> = unit.iter().flatten().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let mut counts: HashMap<&T, usize> = HashMap::new();
        for &v in &values {
            *counts.entry(v).or_default() += 1;
        }
        let weight = 1.0 / (f(m) - 1.0);
        for (v, &count) in &counts {
            // Ordered pairs of distinct coders agreeing on `v`: count·(count−1).
            matches += f(count * (count - 1)) * weight;
            *margins.entry(v).or_default() += f(count);
        }
        total += f(m);
    }
    if total < 2.0 {
        return None;
    }
    let observed_disagreement = total - matches;
    let chance_agreement: f64 = margins.values().map(|&n| n * (n - 1.0)).sum();
    let expected_disagreement = (total * (total - 1.0) - chance_agreement) / (total - 1.0);
    ratio(
        expected_disagreement - observed_disagreement,
        expected_disagreement,
    )
}

/// `numerator / denominator`, or `None` when the denominator is (about) zero.
fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator.abs() > 1e-12).then(|| numerator / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(value: Option<f64>, expected: f64) {
        let value = value.unwrap_or(f64::NAN);
        assert!((value - expected).abs() < 1e-4, "{value} is not {expected}");
    }

    /// A 2×2 table of two coders' yes/no as unit pairs.
    fn pairs(yes_yes: usize, yes_no: usize, no_yes: usize, no_no: usize) -> Vec<(bool, bool)> {
        let mut out = vec![(true, true); yes_yes];
        out.extend(vec![(true, false); yes_no]);
        out.extend(vec![(false, true); no_yes]);
        out.extend(vec![(false, false); no_no]);
        out
    }

    #[test]
    fn cohen_kappa_matches_the_textbook_tables() {
        // Wikipedia, "Cohen's kappa": 50 grant proposals read by two readers.
        close(cohen_kappa(&pairs(20, 5, 10, 15)), 0.4);
        // Same agreement, different margins ("Same percentages but different numbers").
        close(cohen_kappa(&pairs(45, 15, 25, 15)), 0.1304);
        close(cohen_kappa(&pairs(25, 35, 5, 35)), 0.2593);
    }

    #[test]
    fn fleiss_kappa_matches_the_wikipedia_example() {
        // Wikipedia, "Fleiss' kappa": 10 subjects, 14 raters, 5 categories; κ = 0.210.
        let table = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ]
        .map(|row| row.to_vec());
        close(fleiss_kappa_counts(&table), 0.2099);
    }

    #[test]
    fn fleiss_kappa_matches_fleiss_1971() {
        // Fleiss (1971: 379): 30 patients, 6 psychiatrists, 5 diagnoses; κ = 0.430 (published
        // to three places: P̄ = 0.5556, P̄e = 0.2201).
        let ratings: [[u8; 6]; 30] = [
            [4, 4, 4, 4, 4, 4],
            [2, 2, 2, 5, 5, 5],
            [2, 3, 3, 3, 3, 5],
            [5, 5, 5, 5, 5, 5],
            [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3],
            [3, 3, 3, 3, 5, 5],
            [1, 1, 3, 3, 3, 4],
            [1, 1, 4, 4, 4, 4],
            [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4],
            [1, 2, 4, 4, 4, 4],
            [2, 2, 2, 3, 3, 3],
            [1, 4, 4, 4, 4, 4],
            [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5],
            [1, 1, 1, 4, 5, 5],
            [1, 1, 1, 1, 1, 2],
            [2, 2, 4, 4, 4, 4],
            [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5],
            [2, 4, 4, 4, 4, 4],
            [2, 2, 4, 5, 5, 5],
            [1, 1, 4, 4, 4, 4],
            [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4],
            [1, 1, 1, 1, 5, 5],
            [2, 2, 4, 4, 4, 4],
            [1, 3, 3, 3, 3, 3],
            [5, 5, 5, 5, 5, 5],
        ];
        let units: Vec<Vec<u8>> = ratings.iter().map(|r| r.to_vec()).collect();
        let kappa = fleiss_kappa(&units).unwrap_or(f64::NAN);
        // P̄ = 0.5556 and P̄e = 0.2201 to four places give (0.5556 − 0.2201)/(1 − 0.2201).
        assert!((kappa - 0.4302).abs() < 1e-4, "{kappa}");
    }

    #[test]
    fn fleiss_kappa_of_raw_ratings_is_that_of_their_counts() {
        let units = vec![
            vec!["a", "a", "b"],
            vec!["b", "b", "b"],
            vec!["a", "c", "c"],
        ];
        let table = vec![vec![2, 1, 0], vec![0, 3, 0], vec![1, 0, 2]];
        close(
            fleiss_kappa(&units),
            fleiss_kappa_counts(&table).unwrap_or(f64::NAN),
        );
    }

    #[test]
    fn krippendorff_alpha_matches_the_reliability_data_example() {
        // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers,
        // 12 units, missing values; α nominal = 0.743.
        let rows: [[u8; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        let units: Vec<Vec<Option<u8>>> = (0..12)
            .map(|u| rows.iter().map(|r| (r[u] != 0).then_some(r[u])).collect())
            .collect();
        close(krippendorff_alpha_nominal(&units), 0.7434);
    }

    #[test]
    fn krippendorff_alpha_on_a_case_by_hand() {
        // Units (a,a), (a,b), (b,b): n = 6 values, observed disagreement 2/6, expected
        // 3·3·2/(6·5) = 0.6, so α = 1 − (1/3)/0.6 = 4/9.
        let units = vec![
            vec![Some('a'), Some('a')],
            vec![Some('a'), Some('b')],
            vec![Some('b'), Some('b')],
        ];
        close(krippendorff_alpha_nominal(&units), 4.0 / 9.0);
        assert_eq!(
            krippendorff_alpha_nominal::<char>(&[vec![Some('a'), None]]),
            None
        );
    }
}
