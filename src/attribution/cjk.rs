//! Japanese and Chinese attribution, where words are not spaced: the cue written right after
//! a quotation (`「…」と述べた`, speaker the topic before it, `山田外相は`) or before it
//! (`外交部發言人王明表示：「…」`), reported speech without quotation marks (`…と述べた`,
//! `他說，…`) and `…によると` (according to). A title follows the name in Japanese and comes
//! before it in Chinese.

use std::ops::Range;

use super::engine::Resolved;
use super::engine::{Draft, Engine};
use super::lexicon::verbs::{cjk_according_to, cjk_cue_after, cjk_cue_before};
use super::tokens::is_cjk;
use super::{Reason, Suggestion, Tier};
use crate::model::{Attribution, Document};

impl Engine<'_> {
    /// `「…」と述べた` (speaker before the quotation, ending in は or が) or `表示：「…」`.
    pub(super) fn cjk(
        &mut self,
        qi: usize,
        content: &[Range<usize>],
        doc: &Document,
    ) -> Option<Suggestion> {
        let quote = self.scan.quotes[qi].clone();
        let (open, close) = (quote.open(), quote.close());
        let after = self.scan.word(close + 1).and_then(cjk_cue_after);
        let colon = open > 0 && matches!(self.scan.punct(open - 1), Some('：' | ':' | '，' | ','));
        let before_run = if colon {
            open.checked_sub(2)
        } else {
            open.checked_sub(1)
        };
        let before = before_run
            .and_then(|i| self.scan.word(i).map(|w| (i, w)))
            .and_then(|(i, w)| cjk_cue_before(w).map(|cue| (i, w, cue)));
        let (token, name, cue_text) = if let Some(cue) = after {
            let (i, topic) = (open.saturating_sub(12)..open)
                .rev()
                .filter_map(|i| self.scan.word(i).map(|w| (i, w)))
                .find(|(_, w)| {
                    w.chars().next().is_some_and(is_cjk) && (w.ends_with('は') || w.ends_with('が'))
                })?;
            let bare = topic.trim_end_matches(['は', 'が']);
            (i, strip_cjk_title(bare, true), cue)
        } else if let Some((i, run, cue)) = before {
            let bare = run.strip_suffix(cue).unwrap_or(run);
            (i, strip_cjk_title(bare, false), cue)
        } else {
            return None;
        };
        let name = name.filter(|n| !n.is_empty())?;
        let resolved = self.named_speaker(&name);
        let draft = Draft {
            content: content.to_vec(),
            cue: vec![if after.is_some() { close + 1 } else { token }],
            attribution: Attribution::Direct,
            tier: Tier::Medium,
            reason: Reason::CjkCue {
                speaker: name,
                cue: cue_text.to_owned(),
            },
        };
        Some(self.attributed(doc, draft, Some((token, token)), Some(resolved)))
    }
}

/// The name in a Japanese or Chinese speaker phrase without its title: Japanese titles
/// follow the name (`山田外相` → 山田), Chinese ones precede it (`外交部發言人王明` → 王明).
impl Engine<'_> {
    /// Reported speech in a Japanese or Chinese sentence without quotation marks:
    /// `Sは、…と述べた`, `Sによると、…`, `S說，…`.
    pub(super) fn cjk_reported(
        &mut self,
        sentence: Range<usize>,
        doc: &Document,
    ) -> Option<Suggestion> {
        let (s, e) = (sentence.start, sentence.end);
        let runs: Vec<(usize, &str)> = (s..e)
            .filter_map(|i| self.scan.word(i).map(|w| (i, w)))
            .filter(|(_, w)| w.chars().next().is_some_and(is_cjk))
            .collect();
        let end_byte = (s..e)
            .rev()
            .find(|&i| self.scan.punct(i).is_none())
            .map(|i| self.scan.tokens[i].end)?;
        // "Sによると、…": according to S.
        if let Some(&(i, run)) = runs.iter().find(|(_, w)| cjk_according_to(w).is_some()) {
            let cue = cjk_according_to(run)?;
            let name = strip_cjk_title(run.strip_suffix(cue).unwrap_or(run), true)?;
            let start = self
                .scan
                .tokens
                .get(i + 1)
                .map(|t| t.end)
                .filter(|_| self.scan.punct(i + 1).is_some())?;
            return self.cjk_statement(doc, (i, name), start..end_byte, cue);
        }
        // "Sは、…と述べた": the cue inside the last run, the topic (up to は or が) before.
        for &(i, run) in runs.iter().rev() {
            let Some((at, cue)) = cjk_cue_inside(run) else {
                continue;
            };
            let (ti, topic, cut) = runs.iter().copied().find_map(|(j, w)| {
                let cut = w.find(['は', 'が'])?;
                (j < i || (j == i && cut < at)).then_some((j, w, cut))
            })?;
            let name = strip_cjk_title(&topic[..cut], true)?;
            let (mut start, mut k) = if ti == i {
                (self.scan.tokens[ti].start + cut + 'は'.len_utf8(), ti)
            } else {
                (self.scan.tokens[ti].end, ti + 1)
            };
            // "、", "また、": punctuation and "also" before the words.
            while k < i && (self.scan.punct(k).is_some() || self.scan.word(k) == Some("また")) {
                start = self.scan.tokens[k].end;
                k += 1;
            }
            let end = self.scan.tokens[i].start + at;
            return self.cjk_statement(doc, (ti, name), start..end, cue);
        }
        // "他說，…" / "王明表示：…": the cue ends the run before a comma or colon.
        let (i, run, cue) = runs.iter().find_map(|&(i, w)| {
            let cue = cjk_cue_before(w)?;
            matches!(self.scan.punct(i + 1), Some('，' | '：' | ',' | ':')).then_some((i, w, cue))
        })?;
        let who = run.strip_suffix(cue).unwrap_or(run);
        let start = self.scan.tokens.get(i + 1)?.end;
        if matches!(who, "他" | "她") {
            let last = self.last.clone()?;
            let paragraph = self.scan.paragraph_of.get(i).copied().unwrap_or(0);
            if paragraph.saturating_sub(last.paragraph) > 2 {
                return None;
            }
            let mut resolved = last.resolved;
            resolved.resolution = Some(super::Resolution {
                words: who.to_owned(),
                antecedent: resolved.name.clone(),
                why: "the last speaker".to_owned(),
            });
            return self.cjk_draft(doc, i, resolved, start..end_byte, cue);
        }
        let name = strip_cjk_title(who, false)?;
        self.cjk_statement(doc, (i, name), start..end_byte, cue)
    }

    fn cjk_statement(
        &mut self,
        doc: &Document,
        (token, name): (usize, String),
        content: Range<usize>,
        cue: &str,
    ) -> Option<Suggestion> {
        let resolved = self.named_speaker(&name);
        self.cjk_draft(doc, token, resolved, content, cue)
    }

    fn cjk_draft(
        &mut self,
        doc: &Document,
        token: usize,
        resolved: Resolved,
        content: Range<usize>,
        cue: &str,
    ) -> Option<Suggestion> {
        let text = self.scan.text.get(content.clone())?;
        let trimmed = text.trim_end_matches(['。', '、', '，', ' ']);
        let trimmed_start = text.len() - text.trim_start_matches(['、', '，', ' ']).len();
        let content = content.start + trimmed_start..content.start + trimmed.len();
        if content.is_empty() || self.scan.text.get(content.clone())?.chars().count() < 4 {
            return None;
        }
        let draft = Draft {
            content: vec![content],
            cue: vec![token],
            attribution: Attribution::Indirect,
            tier: Tier::Low,
            reason: Reason::CjkCue {
                speaker: resolved.name.clone(),
                cue: cue.to_owned(),
            },
        };
        Some(self.attributed(doc, draft, Some((token, token)), Some(resolved)))
    }
}

/// A Japanese cue inside a run, after the reported words (`…続けると述べた`): where it
/// starts and the cue.
fn cjk_cue_inside(run: &str) -> Option<(usize, &'static str)> {
    run.char_indices()
        .filter(|&(i, c)| i > 0 && c == 'と')
        .find_map(|(i, _)| cjk_cue_after(&run[i..]).map(|cue| (i, cue)))
}

fn strip_cjk_title(phrase: &str, title_after: bool) -> Option<String> {
    const JAPANESE: &[&str] = &[
        "官房長官",
        "外務大臣",
        "国務長官",
        "副大統領",
        "大統領",
        "外相",
        "首相",
        "長官",
        "報道官",
        "大臣",
        "議長",
        "大使",
        "代表",
        "総理",
        "主席",
        "氏",
        "さん",
        "防衛相",
        "財務相",
    ];
    const CHINESE: &[&str] = &[
        "外交部發言人",
        "外交部发言人",
        "發言人",
        "发言人",
        "外長",
        "外长",
        "總統",
        "总统",
        "總理",
        "总理",
        "部長",
        "部长",
        "主席",
        "大使",
        "代表",
        "國務卿",
        "国务卿",
    ];
    // A date or place before the name ("12日、") is no part of it.
    let phrase = phrase.rsplit(['、', '，', ',']).next().unwrap_or(phrase);
    if title_after {
        let name = JAPANESE
            .iter()
            .find_map(|t| phrase.find(t).map(|at| &phrase[..at]))
            .unwrap_or(phrase);
        return Some(name.to_owned()).filter(|n| !n.is_empty());
    }
    let after_title = CHINESE
        .iter()
        .filter_map(|t| phrase.rfind(t).map(|at| at + t.len()))
        .max()
        .map_or(phrase, |at| &phrase[at..]);
    Some(after_title.to_owned()).filter(|n| !n.is_empty())
}

impl Engine<'_> {
    /// A speaker named by text the cast does not hold (a CJK name).
    fn named_speaker(&self, name: &str) -> Resolved {
        let actor = self.actors.iter().find(|a| a.is_called(name));
        let (actor, shown) = match actor {
            Some(a) => (super::SpeakerMatch::Existing(a.id), a.name.clone()),
            None => (
                super::SpeakerMatch::Proposed {
                    name: name.to_owned(),
                },
                name.to_owned(),
            ),
        };
        Resolved {
            actor,
            name: shown,
            resolution: None,
            person: None,
            is_sure: true,
            role: None,
            affiliation: None,
        }
    }
}
