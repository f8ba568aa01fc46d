//! Scores annotated statements against a gold standard: span precision, recall and F1 at
//! overlap thresholds, speaker accuracy on matched spans, and the same per attribution type.
//!
//! Overlap of two spans (each possibly discontinuous) is the number of code points they share
//! divided by the number either covers (intersection over union, the Jaccard index): 1 for
//! the same code points, 0 for none in common. A prediction matches a gold item when their
//! overlap reaches the threshold; matching is one-to-one, best overlap first.

use serde::Serialize;

use crate::model::{Attribution, Span, name_key, normalize_ranges};

/// One statement: where it is, who holds it, how it is attributed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// Which text it is in (for example the text's hash); items of different texts never match.
    pub document: String,
    pub ranges: Vec<Span>,
    /// Every name of the holder (name and aliases); empty if none.
    pub speaker: Vec<String>,
    pub attribution: Option<Attribution>,
}

/// The thresholds every evaluation reports: exact, ≥ 0.8, ≥ 0.5 (the figure the issue
/// tracker's goals are set at) and ≥ 0.3.
pub const THRESHOLDS: [f64; 4] = [1.0, 0.8, 0.5, 0.3];

/// The overlap at which speakers are compared: a span found this well is one the analyst
/// would accept and fix, so its speaker counts.
pub const SPEAKER_THRESHOLD: f64 = 0.5;

/// Code points shared by `a` and `b` over code points in either (0 when both are empty).
#[must_use]
pub fn overlap(a: &[Span], b: &[Span]) -> f64 {
    let a = normalize_ranges(a.to_vec());
    let b = normalize_ranges(b.to_vec());
    let total = |r: &[Span]| r.iter().map(Span::len).sum::<usize>();
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        shared += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        if x.end <= y.end {
            i += 1;
        } else {
            j += 1;
        }
    }
    let union = total(&a) + total(&b) - shared;
    if union == 0 {
        return 0.0;
    }
    // Counts of code points in one document are far below 2^52: exact in f64.
    shared as f64 / union as f64
}

/// Precision, recall and F1 at one threshold.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub threshold: f64,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Of the pairs matched at [`SPEAKER_THRESHOLD`] where gold names a speaker, how many
/// predictions name the same one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerScores {
    pub compared: usize,
    pub correct: usize,
    pub accuracy: f64,
}

/// Scores for one attribution type (gold and predictions of that type only).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeScores {
    pub attribution: String,
    pub spans: Vec<Scores>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub spans: Vec<Scores>,
    pub speaker: SpeakerScores,
    pub by_type: Vec<TypeScores>,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    part as f64 / whole as f64
}

/// One-to-one matches (gold index, predicted index) with overlap ≥ `threshold`, best first.
#[must_use]
pub fn matches(gold: &[Item], predicted: &[Item], threshold: f64) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (g, gi) in gold.iter().enumerate() {
        let g_extent = crate::model::extent(&gi.ranges).unwrap_or_default();
        for (p, pi) in predicted.iter().enumerate() {
            let p_extent = crate::model::extent(&pi.ranges).unwrap_or_default();
            if gi.document != pi.document || !g_extent.overlaps(&p_extent) {
                continue;
            }
            let o = overlap(&gi.ranges, &pi.ranges);
            // `1.0` means the same code points; compare with a margin for rounding.
            let enough = if threshold >= 1.0 {
                o >= 1.0 - 1e-12
            } else {
                o >= threshold
            };
            if o > 0.0 && enough {
                pairs.push((o, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; predicted.len()];
    let mut out = Vec::new();
    for (_, g, p) in pairs {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            out.push((g, p));
        }
    }
    out.sort_unstable();
    out
}

fn scores(gold: &[Item], predicted: &[Item], threshold: f64) -> Scores {
    let matched = matches(gold, predicted, threshold).len();
    let precision = ratio(matched, predicted.len());
    let recall = ratio(matched, gold.len());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        threshold,
        gold: gold.len(),
        predicted: predicted.len(),
        matched,
        precision,
        recall,
        f1,
    }
}

/// True if the two items name one speaker (any name of one is a name of the other).
#[must_use]
pub fn same_speaker(gold: &Item, predicted: &Item) -> bool {
    gold.speaker
        .iter()
        .any(|g| predicted.speaker.iter().any(|p| name_key(g) == name_key(p)))
}

/// Scores `predicted` against `gold` at every threshold of [`THRESHOLDS`].
#[must_use]
pub fn evaluate(gold: &[Item], predicted: &[Item]) -> Evaluation {
    let spans = THRESHOLDS
        .iter()
        .map(|&t| scores(gold, predicted, t))
        .collect();
    let pairs = matches(gold, predicted, SPEAKER_THRESHOLD);
    let compared: Vec<_> = pairs
        .iter()
        .filter(|(g, _)| !gold[*g].speaker.is_empty())
        .collect();
    let correct = compared
        .iter()
        .filter(|(g, p)| same_speaker(&gold[*g], &predicted[*p]))
        .count();
    let speaker = SpeakerScores {
        compared: compared.len(),
        correct,
        accuracy: ratio(correct, compared.len()),
    };
    let by_type = Attribution::ALL
        .iter()
        .filter_map(|&t| {
            let of = |items: &[Item]| -> Vec<Item> {
                items
                    .iter()
                    .filter(|i| i.attribution == Some(t))
                    .cloned()
                    .collect()
            };
            let (g, p) = (of(gold), of(predicted));
            (!g.is_empty() || !p.is_empty()).then(|| TypeScores {
                attribution: t.as_str().to_owned(),
                spans: THRESHOLDS.iter().map(|&th| scores(&g, &p, th)).collect(),
            })
        })
        .collect();
    Evaluation {
        spans,
        speaker,
        by_type,
    }
}

impl Evaluation {
    /// The span scores at `threshold`, one of [`THRESHOLDS`].
    #[must_use]
    pub fn at(&self, threshold: f64) -> Option<&Scores> {
        self.spans
            .iter()
            .find(|s| (s.threshold - threshold).abs() < 1e-9)
    }

    /// The scores as plain text, one line per threshold and type.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, label: &str, s: &Scores| {
            let name = if s.threshold >= 1.0 {
                "exact".to_owned()
            } else {
                format!(">= {}", s.threshold)
            };
            out.push_str(&format!(
                "{label}\t{name}\tP {:.3}\tR {:.3}\tF1 {:.3}\t({} matched, {} gold, {} predicted)\n",
                s.precision, s.recall, s.f1, s.matched, s.gold, s.predicted
            ));
        };
        for s in &self.spans {
            line(&mut out, "spans", s);
        }
        out.push_str(&format!(
            "speaker\taccuracy {:.3}\t({} of {} matched spans)\n",
            self.speaker.accuracy, self.speaker.correct, self.speaker.compared
        ));
        for t in &self.by_type {
            for s in &t.spans {
                line(&mut out, &t.attribution, s);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(ranges: &[(usize, usize)], speaker: &str, attribution: Attribution) -> Item {
        Item {
            document: String::new(),
            ranges: ranges.iter().map(|&(a, b)| Span::new(a, b)).collect(),
            speaker: if speaker.is_empty() {
                Vec::new()
            } else {
                vec![speaker.to_owned()]
            },
            attribution: Some(attribution),
        }
    }

    #[test]
    fn overlap_is_intersection_over_union_of_code_points() {
        let s = |a, b| [Span::new(a, b)];
        assert!((overlap(&s(0, 10), &s(0, 10)) - 1.0).abs() < 1e-12);
        // 5 shared of 15 covered.
        assert!((overlap(&s(0, 10), &s(5, 15)) - 5.0 / 15.0).abs() < 1e-12);
        assert!(overlap(&s(0, 10), &s(10, 20)).abs() < 1e-12);
        // A split gold quote [0,10)+[20,30) against one prediction [0,30): 20 of 30.
        let split = [Span::new(0, 10), Span::new(20, 30)];
        assert!((overlap(&split, &s(0, 30)) - 20.0 / 30.0).abs() < 1e-12);
        assert!((overlap(&split, &[Span::new(5, 25)]) - 10.0 / 30.0).abs() < 1e-12);
    }

    #[test]
    fn hand_computed_scores_at_each_threshold() {
        use Attribution::{Direct, Indirect};
        let gold = [
            item(&[(0, 10)], "Ushakov", Direct),
            item(&[(20, 40)], "Trump", Direct),
            item(&[(50, 60)], "Putin", Indirect),
            item(&[(70, 80)], "Rubio", Direct),
        ];
        let predicted = [
            item(&[(0, 10)], "ushakov", Direct), // exact, right speaker (case ignored)
            item(&[(20, 38)], "Witkoff", Direct), // 18/20 = 0.9, wrong speaker
            item(&[(50, 55)], "Putin", Indirect), // 5/10 = 0.5
            item(&[(90, 95)], "Kushner", Direct), // nothing
        ];
        let e = evaluate(&gold, &predicted);
        let matched: Vec<usize> = e.spans.iter().map(|s| s.matched).collect();
        assert_eq!(matched, [1, 2, 3, 3]);
        assert!((e.spans[0].precision - 0.25).abs() < 1e-12);
        assert!((e.spans[1].recall - 0.5).abs() < 1e-12);
        // At 0.5 and 0.3: P = R = 3/4, F1 = 3/4.
        assert!((e.at(0.5).unwrap().f1 - 0.75).abs() < 1e-12);
        assert!((e.at(0.3).unwrap().f1 - 0.75).abs() < 1e-12);
        assert_eq!((e.speaker.correct, e.speaker.compared), (2, 3));
        let direct = e
            .by_type
            .iter()
            .find(|t| t.attribution == "direct")
            .unwrap();
        // Direct: gold 3, predicted 3, matched at 0.3: 2.
        assert_eq!(
            (
                direct.spans[3].gold,
                direct.spans[3].predicted,
                direct.spans[3].matched
            ),
            (3, 3, 2)
        );
        let indirect = e
            .by_type
            .iter()
            .find(|t| t.attribution == "indirect")
            .unwrap();
        assert_eq!(indirect.spans[1].matched, 0);
        assert_eq!(indirect.spans[3].matched, 1);
        assert!(e.to_text().contains("speaker\taccuracy 0.667"));
    }

    #[test]
    fn matching_is_one_to_one_best_first() {
        use Attribution::Direct;
        let gold = [item(&[(0, 10)], "", Direct)];
        let predicted = [item(&[(0, 8)], "", Direct), item(&[(0, 10)], "", Direct)];
        assert_eq!(matches(&gold, &predicted, 0.3), [(0, 1)]);
        let e = evaluate(&gold, &predicted);
        assert!((e.at(0.3).unwrap().precision - 0.5).abs() < 1e-12);
        assert_eq!(e.speaker.compared, 0);
    }
}
