//! Krippendorff's αU for unitizing (Krippendorff 1995, 2004), computed as DKPro Agreement's
//! `KrippendorffAlphaUnitizingAgreement` does: each coder's continuum is cut into the units of
//! one category and the gaps between them, and positions, lengths and overlaps all count.

/// One coder's units of one category: sorted, non-overlapping `[start, end)` offsets inside
/// `[0, continuum)`.
pub type Units = Vec<(u64, u64)>;

/// αU of one category, with the disagreements it is made of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitizingAlpha {
    pub observed: f64,
    pub expected: f64,
}

impl UnitizingAlpha {
    /// `1 − observed / expected`; `None` when no disagreement is expected (no units at all).
    #[must_use]
    pub fn alpha(&self) -> Option<f64> {
        (self.expected > 0.0).then(|| 1.0 - self.observed / self.expected)
    }
}

/// A stretch of a coder's continuum: a unit of the category, or a gap.
#[derive(Clone, Copy, Debug)]
struct Section {
    start: u64,
    len: u64,
    is_unit: bool,
}

fn sections(units: &[(u64, u64)], continuum: u64) -> Vec<Section> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut at = 0;
    for &(start, end) in units {
        if start > at {
            out.push(Section {
                start: at,
                len: start - at,
                is_unit: false,
            });
        }
        out.push(Section {
            start,
            len: end - start,
            is_unit: true,
        });
        at = end;
    }
    if at < continuum {
        out.push(Section {
            start: at,
            len: continuum - at,
            is_unit: false,
        });
    }
    out
}

// The cast is exact: offsets far below 2^52.
fn f(n: u64) -> f64 {
    n as f64
}

/// δ² of two sections of two coders: both units and overlapping, the squared differences of
/// their starts and ends; a unit inside the other's gap, its squared length; else 0.
fn distance(g: Section, h: Section) -> f64 {
    let (b1, l1, b2, l2) = (f(g.start), f(g.len), f(h.start), f(h.len));
    let begin = b1 - b2;
    let end = (b1 + l1) - (b2 + l2);
    match (g.is_unit, h.is_unit) {
        (true, true) if -l1 < begin && begin < l2 => begin * begin + end * end,
        (true, false) if begin >= 0.0 && end <= 0.0 => l1 * l1,
        (false, true) if begin <= 0.0 && end >= 0.0 => l2 * l2,
        _ => 0.0,
    }
}

/// αU's disagreements for one category over a continuum of `continuum` positions, with
/// `coders[i]` coder i's units (at least two coders).
#[must_use]
pub fn alpha_u(continuum: u64, coders: &[Units]) -> Option<UnitizingAlpha> {
    let m = coders.len();
    if m < 2 || continuum < 2 {
        return None;
    }
    let all: Vec<Vec<Section>> = coders.iter().map(|u| sections(u, continuum)).collect();
    let length = f(continuum);
    let mut observed = 0.0;
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            observed += pair_distance(a, b);
        }
    }
    let coders_f = f(m as u64);
    observed *= 2.0 / (coders_f * (coders_f - 1.0) * length * length);

    let units: Vec<f64> = coders.iter().flatten().map(|&(s, e)| f(e - s)).collect();
    let mut gaps: Vec<f64> = all
        .iter()
        .flatten()
        .filter(|s| !s.is_unit)
        .map(|s| f(s.len))
        .collect();
    gaps.sort_by(|a, b| b.total_cmp(a));
    let n_c = f(units.len() as u64);
    let mut sum = 0.0;
    for &l in &units {
        let within = (n_c - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0;
        let in_gaps: f64 = gaps
            .iter()
            .take_while(|&&g| g >= l)
            .map(|g| g - l + 1.0)
            .sum();
        sum += within + l * l * in_gaps;
    }
    let squared: f64 = units.iter().map(|l| l * (l - 1.0)).sum();
    let total = coders_f * length;
    let expected = 2.0 / length * sum / (total * (total - 1.0) - squared);
    Some(UnitizingAlpha { observed, expected })
}

/// Σ δ² over every pair of overlapping sections of two coders (others are 0).
fn pair_distance(a: &[Section], b: &[Section]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let mut sum = 0.0;
    while i < a.len() && j < b.len() {
        sum += distance(a[i], b[j]);
        let end_a = a[i].start + a[i].len;
        let end_b = b[j].start + b[j].len;
        if end_a <= end_b {
            i += 1;
        }
        if end_b <= end_a {
            j += 1;
        }
    }
    sum
}

/// αU over several categories as DKPro reports it: `1 − mean(observed) / mean(expected)`.
#[must_use]
pub fn alpha_u_overall(per_category: &[UnitizingAlpha]) -> Option<f64> {
    let observed: f64 = per_category.iter().map(|a| a.observed).sum();
    let expected: f64 = per_category.iter().map(|a| a.expected).sum();
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// Makes one coder's units of a category fit [`alpha_u`]: sorted, overlaps joined.
#[must_use]
pub fn normalize(mut units: Units) -> Units {
    units.retain(|&(s, e)| e > s);
    units.sort_unstable();
    let mut out: Units = Vec::with_capacity(units.len());
    for (s, e) in units {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(value: Option<f64>, expected: f64, tolerance: f64) {
        let value = value.unwrap_or(f64::NAN);
        assert!(
            (value - expected).abs() < tolerance,
            "{value} is not {expected}"
        );
    }

    /// Krippendorff (2004: 254), as DKPro's `Krippendorff2004Test` sets it up: a continuum of
    /// 300 from offset 150, two coders, categories c and k (shifted here to start at 0).
    fn example() -> (Vec<Units>, Vec<Units>) {
        let shift = |units: &[(u64, u64)]| -> Units {
            units.iter().map(|&(s, l)| (s - 150, s - 150 + l)).collect()
        };
        let c = vec![
            shift(&[(225, 70), (370, 30)]),
            shift(&[(220, 80), (355, 20), (400, 20)]),
        ];
        let k = vec![
            shift(&[(180, 60), (300, 50)]),
            shift(&[(180, 60), (300, 50)]),
        ];
        (c, k)
    }

    #[test]
    fn alpha_u_matches_krippendorffs_example() {
        let (c, k) = example();
        let c = alpha_u(300, &c).unwrap();
        let k = alpha_u(300, &k).unwrap();
        close(Some(c.observed), 0.0144, 1e-4);
        close(Some(c.expected), 0.0532, 1e-4);
        close(c.alpha(), 0.7286, 1e-4);
        close(Some(k.observed), 0.0, 1e-4);
        close(Some(k.expected), 0.0490, 1e-4);
        close(k.alpha(), 1.0, 1e-4);
        // Over both categories: 0.8587 (DKPro's test allows 0.8591 ± 0.0005).
        close(alpha_u_overall(&[c, k]), 0.8587, 1e-4);
    }

    #[test]
    fn distances_match_krippendorffs_worked_values() {
        let unit = |start, len| Section {
            start,
            len,
            is_unit: true,
        };
        let gap = |start, len| Section {
            start,
            len,
            is_unit: false,
        };
        assert_eq!(distance(unit(225, 70), unit(220, 80)), 50.0);
        assert_eq!(distance(unit(370, 30), unit(355, 20)), 850.0);
        assert_eq!(distance(gap(400, 50), unit(400, 20)), 400.0);
        assert_eq!(distance(unit(5, 6), unit(4, 2)), 26.0);
        assert_eq!(distance(unit(5, 6), unit(6, 4)), 2.0);
    }

    #[test]
    fn identical_unitizing_agrees_fully_and_disjoint_units_do_not() {
        let same = vec![vec![(10, 20), (50, 60)], vec![(10, 20), (50, 60)]];
        close(alpha_u(100, &same).and_then(|a| a.alpha()), 1.0, 1e-9);
        let apart = vec![vec![(10, 20)], vec![(50, 60)]];
        let alpha = alpha_u(100, &apart).and_then(|a| a.alpha()).unwrap_or(1.0);
        assert!(alpha < 0.0, "{alpha}");
        assert_eq!(
            normalize(vec![(5, 9), (0, 3), (2, 4), (9, 9)]),
            vec![(0, 4), (5, 9)]
        );
    }
}
