//! The analysis on hand-made talks: a few dated articles, actors on two sides, issues.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::model::{Actor, Annotation, Document, Issue, Relation};

pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, d).unwrap_or_default()
}

/// A project under construction: articles are added with their dates, statements by quoting
/// a fragment of an article.
pub(crate) struct Talks {
    pub(crate) p: Project,
}

impl Talks {
    pub(crate) fn new() -> Self {
        Self {
            p: Project::new("Talks"),
        }
    }

    pub(crate) fn article(&mut self, date: Option<NaiveDate>, text: &str) -> DocumentId {
        let mut doc = Document::new(
            format!("Article {}", self.p.documents().len()),
            text.to_owned(),
        );
        doc.date = date;
        let id = doc.id;
        self.p.rebuild(|parts| {
            parts.documents.push(doc);
        });
        id
    }

    pub(crate) fn actor(&mut self, name: &str, affiliation: Option<&str>) -> ActorId {
        let actor = Actor::new(name, affiliation);
        let id = actor.id;
        self.p.rebuild(|parts| {
            parts.actors.push(actor);
        });
        id
    }

    pub(crate) fn issue(&mut self, name: &str) -> IssueId {
        let issue = Issue::new(name);
        let id = issue.id;
        self.p.rebuild(|parts| {
            parts.issues.push(issue);
        });
        id
    }

    /// Marks `fragment` of `doc` with a tag, holder, issues and stance.
    pub(crate) fn say(
        &mut self,
        doc: DocumentId,
        fragment: &str,
        tag: &str,
        holder: ActorId,
        issues: &[IssueId],
        stance: Option<Stance>,
    ) -> AnnotationId {
        let d = self.p.document(doc).expect("the article exists");
        let span = d.find(fragment, 0).expect("the fragment is in the article");
        let now = Utc.timestamp_opt(0, 0).single().unwrap_or_default();
        let mut a = Annotation::bare(AnnotationId::random(), doc, tag, vec![span], fragment, now);
        a.holders = vec![holder];
        // A format-2-like stance: the same on each issue (the general stance without one).
        a.issues = issues
            .iter()
            .map(|&i| crate::model::IssueStance::new(i))
            .collect();
        a.stance = stance;
        a.settle_general_stance();
        let id = a.id;
        self.p.rebuild(|parts| {
            parts.annotations.push(a);
        });
        id
    }

    pub(crate) fn relate(&mut self, kind: &str, from: AnnotationId, to: AnnotationId) {
        self.p.rebuild(|parts| {
            parts.relations.push(Relation::new(kind, from, to));
        });
    }
}

/// Geneva (23 Nov), Moscow (2 Dec) and Florida (5 Dec), listed out of date order.
struct Fixture {
    t: Talks,
    moscow: DocumentId,
    florida: DocumentId,
    geneva: DocumentId,
    ushakov: ActorId,
    witkoff: ActorId,
    umerov: ActorId,
    territory: IssueId,
    ceasefire: IssueId,
}

fn fixture() -> Fixture {
    let mut t = Talks::new();
    let moscow = t.article(
        Some(day(2)),
        "Ushakov rejected the map. Later he accepted a freeze.",
    );
    let florida = t.article(
        Some(day(5)),
        "Witkoff offered a ceasefire. Umerov agreed to talk.",
    );
    let geneva = t.article(
        NaiveDate::from_ymd_opt(2025, 11, 23),
        "Ushakov wants the land. Witkoff urged a truce.",
    );
    let ushakov = t.actor("Yuri Ushakov", Some("Russia"));
    let witkoff = t.actor("Steve Witkoff", Some("United States"));
    let umerov = t.actor("Rustem Umerov", Some("Ukraine"));
    let territory = t.issue("Territory");
    let ceasefire = t.issue("Ceasefire");
    Fixture {
        t,
        moscow,
        florida,
        geneva,
        ushakov,
        witkoff,
        umerov,
        territory,
        ceasefire,
    }
}

#[test]
fn the_latest_stance_goes_by_date_then_offset_not_by_project_order() {
    let mut f = fixture();
    let (u, terr) = (f.ushakov, f.territory);
    let wants = f.t.say(
        f.geneva,
        "wants the land",
        "position",
        u,
        &[terr],
        Some(Stance::For),
    );
    let rejected = f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        u,
        &[terr],
        Some(Stance::Against),
    );
    let accepted = f.t.say(
        f.moscow,
        "accepted a freeze",
        "position",
        u,
        &[terr],
        Some(Stance::Conditional),
    );
    f.t.say(f.moscow, "Later", "claim", u, &[terr], None);

    let map = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    let row = map.row_of(u).expect("Ushakov has a row");
    let cell = map
        .cell(row, map.column_of(terr).unwrap_or(9))
        .expect("a cell");
    assert_eq!(
        cell.stance,
        Some(Stance::Conditional),
        "the later offset of 2 Dec wins"
    );
    assert_eq!((cell.claims, cell.positions, cell.concessions), (1, 3, 0));
    assert_eq!(cell.latest.and_then(|w| w.date), Some(day(2)));
    let order: Vec<AnnotationId> = cell.evidence.iter().map(|e| e.annotation).collect();
    assert_eq!(order[..2], [wants, rejected]);
    assert_eq!(order.last(), Some(&accepted));
    assert_eq!(cell.evidence[0].quote(&f.t.p), "wants the land");
    assert!(!cell.is_conceded);
    // An actor with nothing to say on an issue has no row; an empty cell stays empty.
    assert_eq!(map.row_of(f.umerov), None);
    let ceasefire = map.cell(row, map.column_of(f.ceasefire).unwrap_or(9));
    assert!(ceasefire.is_some_and(Cell::is_empty));
}

#[test]
fn a_concession_marks_the_cell_and_a_retracted_stance_no_longer_counts() {
    let mut f = fixture();
    let (w, cf) = (f.witkoff, f.ceasefire);
    let urged = f.t.say(
        f.geneva,
        "urged a truce",
        "position",
        w,
        &[cf],
        Some(Stance::For),
    );
    let offered = f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        w,
        &[cf],
        Some(Stance::Against),
    );
    let rejected = f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        f.ushakov,
        &[cf],
        Some(Stance::Against),
    );
    let freeze = f.t.say(
        f.moscow,
        "accepted a freeze",
        "concession",
        f.ushakov,
        &[cf],
        Some(Stance::Conditional),
    );
    f.t.relate(CONCEDES_TO, freeze, urged);
    // Witkoff's 5 December statement is taken back by a later one: the 23 November stance stands.
    let talk =
        f.t.say(f.florida, "agreed to talk", "claim", w, &[cf], None);
    f.t.relate(crate::model::RETRACTS, talk, offered);

    let map = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    let column = map.column_of(cf).unwrap_or(9);
    let witkoff = map
        .cell(map.row_of(w).unwrap_or(9), column)
        .expect("a cell");
    assert_eq!(witkoff.stance, Some(Stance::For));
    assert!(
        witkoff
            .evidence
            .iter()
            .any(|e| e.annotation == offered && e.is_retracted)
    );
    let ushakov = map
        .cell(map.row_of(f.ushakov).unwrap_or(9), column)
        .expect("a cell");
    assert!(ushakov.is_conceded);
    assert_eq!(ushakov.stance, Some(Stance::Conditional));
    assert_eq!(ushakov.concessions, 1);
    let concessions = map.concessions();
    assert_eq!(concessions.len(), 1);
    assert_eq!(concessions[0].2.annotation, freeze);
    assert!(rejected != freeze);
}

#[test]
fn filters_narrow_dates_tags_and_sides_and_rows_group_by_affiliation() {
    let mut f = fixture();
    let undated = f.t.article(None, "Umerov spoke of land.");
    f.t.say(
        undated,
        "spoke of land",
        "claim",
        f.umerov,
        &[f.territory],
        None,
    );
    f.t.say(
        f.geneva,
        "wants the land",
        "position",
        f.ushakov,
        &[f.territory],
        Some(Stance::For),
    );
    f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        f.witkoff,
        &[f.ceasefire],
        Some(Stance::For),
    );
    f.t.say(
        f.florida,
        "agreed to talk",
        "concession",
        f.umerov,
        &[f.ceasefire],
        None,
    );

    let all = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    assert_eq!(all.rows.len(), 3);
    assert_eq!(all.admitted, 4);

    let from_december = AnalysisFilter {
        from: Some(day(1)),
        ..AnalysisFilter::default()
    };
    let map = PositionMap::build(&f.t.p, &from_december);
    // Geneva (23 Nov) and the undated article fall outside.
    assert_eq!(map.admitted, 2);
    assert_eq!(map.row_of(f.ushakov), None);

    let until_november = AnalysisFilter {
        to: NaiveDate::from_ymd_opt(2025, 11, 30),
        ..AnalysisFilter::default()
    };
    assert_eq!(
        PositionMap::build(&f.t.p, &until_november).admitted,
        2,
        "undated stays"
    );

    let positions = AnalysisFilter {
        tags: ["position".to_owned()].into(),
        ..AnalysisFilter::default()
    };
    assert_eq!(PositionMap::build(&f.t.p, &positions).admitted, 2);

    let ukraine = AnalysisFilter {
        affiliations: ["Ukraine".to_owned()].into(),
        ..AnalysisFilter::default()
    };
    let map = PositionMap::build(&f.t.p, &ukraine);
    let names: Vec<&str> = map.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Rustem Umerov"]);

    let no_side = f.t.actor("A reporter", None);
    f.t.say(
        f.geneva,
        "urged a truce",
        "claim",
        no_side,
        &[f.ceasefire],
        None,
    );
    let grouped = AnalysisFilter {
        group_by_affiliation: true,
        ..AnalysisFilter::default()
    };
    let map = PositionMap::build(&f.t.p, &grouped);
    let sides: Vec<Option<&str>> = map
        .groups
        .iter()
        .map(|g| g.affiliation.as_deref())
        .collect();
    assert_eq!(
        sides,
        [Some("Russia"), Some("Ukraine"), Some("United States"), None]
    );
    assert_eq!(map.rows.last().map(|r| r.actor), Some(no_side));
    assert!(
        PositionMap::build(&f.t.p, &AnalysisFilter::default())
            .groups
            .is_empty()
    );
}

#[test]
fn the_timeline_orders_marks_by_date_and_links_related_statements() {
    let mut f = fixture();
    let undated = f.t.article(None, "Umerov spoke of land.");
    f.t.say(
        undated,
        "spoke of land",
        "claim",
        f.umerov,
        &[f.territory],
        None,
    );
    let offer = f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        f.witkoff,
        &[f.ceasefire],
        Some(Stance::For),
    );
    let wants = f.t.say(
        f.geneva,
        "wants the land",
        "position",
        f.ushakov,
        &[f.territory, f.ceasefire],
        Some(Stance::For),
    );
    let freeze = f.t.say(
        f.moscow,
        "accepted a freeze",
        "concession",
        f.ushakov,
        &[f.ceasefire],
        None,
    );
    f.t.relate(CONCEDES_TO, freeze, offer);

    let timeline = Timeline::build(&f.t.p, &AnalysisFilter::default(), TimelineRows::Issues);
    assert_eq!(timeline.undated, 1);
    let dates: Vec<NaiveDate> = timeline.marks.iter().map(|m| m.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(timeline.dates.len(), 3);
    // The Geneva position is on both issues: two marks.
    assert_eq!(
        timeline
            .marks
            .iter()
            .filter(|m| m.evidence.annotation == wants)
            .count(),
        2
    );
    let labels: Vec<&str> = timeline.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Territory", "Ceasefire"]);
    assert_eq!(timeline.links.len(), 1);
    let link = &timeline.links[0];
    assert_eq!(timeline.marks[link.from].evidence.annotation, freeze);
    assert_eq!(timeline.marks[link.to].evidence.annotation, offer);
    assert_eq!(link.kind, CONCEDES_TO);

    let by_actor = Timeline::build(&f.t.p, &AnalysisFilter::default(), TimelineRows::Actors);
    assert_eq!(by_actor.rows.len(), 2);
    assert_eq!(by_actor.marks.len(), 3);
}

#[test]
fn the_cache_rebuilds_only_when_the_project_or_the_filter_changes() {
    let mut f = fixture();
    f.t.say(
        f.geneva,
        "wants the land",
        "position",
        f.ushakov,
        &[f.territory],
        Some(Stance::For),
    );
    let mut cache = AnalysisCache::default();
    let filter = AnalysisFilter::default();
    for _ in 0..3 {
        assert_eq!(cache.map(&f.t.p, &filter).rows.len(), 1);
    }
    assert_eq!(cache.map_builds(), 1);
    f.t.say(
        f.geneva,
        "urged a truce",
        "position",
        f.witkoff,
        &[f.ceasefire],
        None,
    );
    assert_eq!(cache.map(&f.t.p, &filter).rows.len(), 2);
    let grouped = AnalysisFilter {
        group_by_affiliation: true,
        ..filter
    };
    cache.map(&f.t.p, &grouped);
    cache.map(&f.t.p, &grouped);
    assert_eq!(cache.map_builds(), 3);
    cache.timeline(&f.t.p, &grouped, TimelineRows::Issues);
    cache.timeline(&f.t.p, &grouped, TimelineRows::Issues);
    assert_eq!(cache.timeline_builds(), 1);
}

mod history;
mod proptests;

#[test]
fn a_stance_edit_updates_the_cached_map_without_a_new_pass() {
    let mut f = fixture();
    let (u, terr) = (f.ushakov, f.territory);
    let rejected = f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        u,
        &[terr],
        Some(Stance::Against),
    );
    f.t.say(
        f.geneva,
        "wants the land",
        "position",
        u,
        &[terr],
        Some(Stance::For),
    );
    let filter = AnalysisFilter::default();
    let mut cache = AnalysisCache::default();
    assert_eq!(
        cache.map(&f.t.p, &filter).cell(0, 0).and_then(|c| c.stance),
        Some(Stance::Against)
    );
    let edit =
        f.t.p
            .set_stance(rejected, Some(Stance::Conditional), Utc::now())
            .expect("an edit");
    f.t.p.apply(edit).expect("applied");
    let map = cache.map(&f.t.p, &filter).clone();
    assert_eq!(
        map.cell(0, 0).and_then(|c| c.stance),
        Some(Stance::Conditional)
    );
    assert_eq!(map, PositionMap::build(&f.t.p, &filter));
    assert_eq!((cache.map_builds(), cache.map_follows()), (1, 1));
    // An edit of another kind (a new issue) builds the map again.
    let edit = crate::model::Edit::InsertIssue {
        index: 2,
        issue: crate::model::Issue::new("Sanctions"),
    };
    f.t.p.apply(edit).expect("applied");
    assert_eq!(cache.map(&f.t.p, &filter).issues.len(), 3);
    assert_eq!((cache.map_builds(), cache.map_follows()), (2, 1));
}

#[test]
fn a_batch_that_edits_one_statement_twice_leaves_the_map_as_built() {
    let mut f = fixture();
    let (u, w, terr) = (f.ushakov, f.witkoff, f.territory);
    let id = f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        u,
        &[terr],
        Some(Stance::Against),
    );
    f.t.say(
        f.geneva,
        "wants the land",
        "position",
        u,
        &[terr],
        Some(Stance::For),
    );
    f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        w,
        &[terr],
        Some(Stance::For),
    );
    let filter = AnalysisFilter::default();
    let mut cache = AnalysisCache::default();
    cache.map(&f.t.p, &filter);
    let original = f.t.p.annotation(id).cloned().expect("the statement");
    // The first edit keeps the holder, the second moves the statement to another row.
    let mut first = original.clone();
    first.stance = Some(Stance::Conditional);
    first.settle_general_stance();
    let mut second = original;
    second.holders = vec![w];
    let batch = crate::model::Edit::Batch(vec![
        crate::model::Edit::ReplaceAnnotation(Box::new(first)),
        crate::model::Edit::ReplaceAnnotation(Box::new(second)),
    ]);
    f.t.p.apply(batch).expect("applied");
    assert_eq!(
        cache.map(&f.t.p, &filter),
        &PositionMap::build(&f.t.p, &filter)
    );
}
