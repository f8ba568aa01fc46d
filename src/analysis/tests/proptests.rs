//! Property tests of the position map on random statements over the hand-made talks.

use proptest::prelude::*;

use super::*;

/// A random statement: article, holder (or none), issues, tag and stance, by index.
fn statement() -> impl Strategy<Value = (usize, Option<usize>, Vec<usize>, usize, Option<usize>)> {
    (
        0..3usize,
        proptest::option::of(0..3usize),
        proptest::collection::vec(0..3usize, 0..4),
        0..4usize,
        proptest::option::of(0..4usize),
    )
}

proptest! {
    #[test]
    fn cell_counts_sum_to_the_placed_statements(
        statements in proptest::collection::vec(statement(), 0..30),
        from in proptest::option::of(20..31u32),
        tag_filter in proptest::option::of(0..4usize),
    ) {
        let mut f = fixture();
        let docs = [f.geneva, f.moscow, f.florida];
        let actors = [f.ushakov, f.witkoff, f.umerov];
        let issues = [f.territory, f.ceasefire, IssueId::random()]; // the last is unknown
        let tags = ["claim", "position", "concession", "remark"];
        for (doc, holder, on, tag, stance) in &statements {
            let text = f.t.p.document(docs[*doc]).map(|d| d.text.clone()).unwrap_or_default();
            let fragment: String = text.chars().take(5).collect();
            let id = f.t.say(docs[*doc], &fragment, tags[*tag], actors[0], &[], None);
            f.t.p.rebuild(|parts| {
                if let Some(a) = parts.annotations.iter_mut().find(|a| a.id == id) {
                    a.holder = holder.map(|h| actors[h]);
                    a.issues = on.iter().map(|&i| issues[i]).collect();
                    a.stance = stance.map(|s| Stance::ALL[s]);
                }
            });
        }
        let filter = AnalysisFilter {
            from: from.and_then(|d| NaiveDate::from_ymd_opt(2025, 11, d)),
            tags: tag_filter.map(|t| tags[t].to_owned()).into_iter().collect(),
            ..AnalysisFilter::default()
        };
        let map = PositionMap::build(&f.t.p, &filter);
        let lookup = Lookup::new(&f.t.p, &filter);
        let admitted: Vec<&Annotation> =
            f.t.p.annotations().iter().filter(|a| lookup.admits(a, &filter)).collect();
        let expected: usize = admitted
            .iter()
            .filter(|a| a.holder.is_some())
            .map(|a| distinct_issues(a).filter(|i| f.t.p.issue(*i).is_some()).count())
            .sum();
        let counted: usize = map.cells().map(|(_, _, c)| c.total()).sum();
        let listed: usize = map.cells().map(|(_, _, c)| c.evidence.len()).sum();
        prop_assert_eq!(counted, expected);
        prop_assert_eq!(listed, expected);
        prop_assert_eq!(map.admitted, admitted.len());
        let placed = admitted
            .iter()
            .filter(|a| a.holder.is_some() && a.issues.iter().any(|i| f.t.p.issue(*i).is_some()))
            .count();
        prop_assert_eq!(map.unplaced, admitted.len() - placed);
        for (_, _, cell) in map.cells() {
            prop_assert!(cell.evidence.windows(2).all(|w| w[0].when <= w[1].when));
        }
    }
}
