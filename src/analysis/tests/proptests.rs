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
                    a.holders = holder.map(|h| actors[h]).into_iter().collect();
                    a.issues = on.iter().map(|&i| crate::model::IssueStance::new(issues[i])).collect();
                    a.stance = stance.map(|s| Stance::ALL[s]);
                    a.settle_general_stance();
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
            f.t.p.iter_annotations().filter(|a| lookup.admits(a, &filter)).collect();
        let expected: usize = admitted
            .iter()
            .filter(|a| !a.holders.is_empty())
            .map(|a| distinct_issues(a).filter(|i| f.t.p.issue(*i).is_some()).count())
            .sum();
        let counted: usize = map.cells().map(|(_, _, c)| c.total()).sum();
        let listed: usize = map.cells().map(|(_, _, c)| c.evidence.len()).sum();
        prop_assert_eq!(counted, expected);
        prop_assert_eq!(listed, expected);
        prop_assert_eq!(map.admitted, admitted.len());
        let placed = admitted
            .iter()
            .filter(|a| !a.holders.is_empty() && a.issue_ids().any(|i| f.t.p.issue(i).is_some()))
            .count();
        prop_assert_eq!(map.unplaced, admitted.len() - placed);
        for (_, _, cell) in map.cells() {
            prop_assert!(cell.evidence.windows(2).all(|w| w[0].when <= w[1].when));
        }
    }
}

/// A random edit of one statement: which one, what (stance, holders, issues, tag, said_on)
/// and a value to draw the new field from.
fn statement_edit() -> impl Strategy<Value = (usize, usize, usize)> {
    (0..40usize, 0..5usize, 0..16usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The cached map follows edits that replace a statement; whatever it followed (or
    /// built again when it could not), it is the map built from scratch after the edit.
    #[test]
    fn a_map_that_follows_edits_is_the_map_built_after_them(
        statements in proptest::collection::vec(statement(), 1..25),
        edits in proptest::collection::vec(statement_edit(), 1..8),
        retraction in proptest::option::of((0..25usize, 0..25usize)),
        by_sides in any::<bool>(),
        tag_filter in proptest::option::of(0..5usize),
    ) {
        let mut f = fixture();
        let docs = [f.geneva, f.moscow, f.florida];
        let actors = [f.ushakov, f.witkoff, f.umerov];
        let issues = [f.territory, f.ceasefire];
        let tags = ["claim", "position", "concession", "remark", crate::model::AGREEMENT];
        // Umerov speaks for Witkoff's side, so the side roll-up joins two rows.
        f.t.p.rebuild(|parts| {
            if let Some(a) = parts.actors.iter_mut().find(|a| a.id == actors[2]) {
                a.side = Some(actors[1]);
            }
        });
        let mut ids = Vec::new();
        for (doc, holder, on, tag, stance) in &statements {
            let text = f.t.p.document(docs[*doc]).map(|d| d.text.clone()).unwrap_or_default();
            let fragment: String = text.chars().take(5).collect();
            let id = f.t.say(docs[*doc], &fragment, tags[*tag], actors[0], &[], None);
            f.t.p.rebuild(|parts| {
                if let Some(a) = parts.annotations.iter_mut().find(|a| a.id == id) {
                    a.holders = holder.map(|h| actors[h]).into_iter().collect();
                    a.issues = on
                        .iter()
                        .filter_map(|&i| issues.get(i))
                        .map(|&i| crate::model::IssueStance::new(i))
                        .collect();
                    a.stance = stance.map(|s| Stance::ALL[s]);
                    a.settle_general_stance();
                }
            });
            ids.push(id);
        }
        if let Some((from, to)) = retraction
            && let (Some(&from), Some(&to)) = (ids.get(from), ids.get(to))
            && from != to
        {
            f.t.p.rebuild(|parts| parts.relations.push(Relation::new(RETRACTS, from, to)));
        }
        let filter = AnalysisFilter {
            tags: tag_filter.map(|t| tags[t].to_owned()).into_iter().collect(),
            roll_up: if by_sides { RollUp::Sides } else { RollUp::Actors },
            ..AnalysisFilter::default()
        };
        let mut cache = AnalysisCache::default();
        for (which, field, value) in edits {
            cache.map(&f.t.p, &filter);
            let Some(mut a) = f.t.p.annotation(ids[which % ids.len()]).cloned() else {
                continue;
            };
            match field {
                0 => {
                    a.stance = Some(Stance::ALL[value % Stance::ALL.len()]);
                    a.settle_general_stance();
                }
                1 => {
                    a.holders = (0..3).filter(|i| value & (1 << i) != 0).map(|i| actors[i]).collect();
                }
                2 => {
                    a.issues = (0..2)
                        .filter(|i| value & (1 << i) != 0)
                        .map(|i| crate::model::IssueStance::new(issues[i]))
                        .collect();
                    a.settle_general_stance();
                }
                3 => a.tag = tags[value % tags.len()].to_owned(),
                _ => {
                    a.said_on = (value % 2 == 0)
                        .then(|| crate::model::PartialDate::Day(day(1 + value as u32)));
                }
            }
            if f.t.p.apply(crate::model::Edit::ReplaceAnnotation(Box::new(a))).is_err() {
                continue;
            }
            let followed = cache.map(&f.t.p, &filter).clone();
            prop_assert_eq!(followed, PositionMap::build(&f.t.p, &filter));
        }
    }
}
