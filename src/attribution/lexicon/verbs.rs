//! Reporting verbs: every form news uses, with what may follow each (a quotation, a clause,
//! an infinitive, an object), and the same cue in the languages whose quotation marks the
//! engine reads.
//!
//! Written by hand for Stance from newswire usage (AP style's "said" and its alternatives,
//! the cue verbs of the attribution literature: PARC, the BBC's Citron); no list was
//! copied. Forms that are more often nouns ("states", "claims", "notes", "reports") are left
//! out, and so are verbs that report nothing without a clause ("recalled" an ambassador).

use super::lowercase;

/// What may follow a reporting verb, as bit flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Frames(u16);

impl Frames {
    /// Introduces or follows a quotation (`"…," she said` / `she said: "…"`).
    pub const QUOTE: Self = Self(1);
    /// Takes a clause with or without "that" (`said the talks failed`).
    pub const CLAUSE: Self = Self(2);
    /// Takes a clause only after "that", or a bare clause that shows a finite verb
    /// (`warned that …`, `warned the talks could fail`, never `warned Russia`).
    pub const THAT: Self = Self(4);
    /// Its object comes before the clause (`told reporters (that) …`).
    pub const OBJECT_FIRST: Self = Self(8);
    /// Takes an infinitive: an intention (`hopes to bring …`).
    pub const INFINITIVE: Self = Self(16);
    /// Takes an object and an infinitive (`urged both sides to release …`).
    pub const OBJECT_INFINITIVE: Self = Self(32);
    /// Summarises a speech act with its object (`accused Putin of stalling`).
    pub const SUMMARY: Self = Self(64);
    /// Quotes a few words of its object (`called the deal "a big win"`).
    pub const PARTIAL: Self = Self(128);
    /// A belief or feeling, held rather than said (`believes`, `fears`).
    pub const BELIEF: Self = Self(256);
    /// A participle that continues its clause's subject (`…, saying that …`).
    pub const PARTICIPLE: Self = Self(512);

    #[must_use]
    pub const fn has(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    const fn or(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

const Q: Frames = Frames::QUOTE;
const C: Frames = Frames::CLAUSE.or(Frames::THAT);
const T: Frames = Frames::THAT;
const OF: Frames = Frames::OBJECT_FIRST;
const I: Frames = Frames::INFINITIVE;
const OI: Frames = Frames::OBJECT_INFINITIVE;
const S: Frames = Frames::SUMMARY;
const P: Frames = Frames::PARTIAL;
const B: Frames = Frames::BELIEF;
const ING: Frames = Frames::PARTICIPLE;

const fn f(a: Frames, b: Frames) -> Frames {
    a.or(b)
}

const QC: Frames = f(Q, C);
const QT: Frames = f(Q, T);

/// English reporting verbs, every form, with their frames.
const ENGLISH: &[(&str, Frames)] = &[
    ("say", QC),
    ("says", QC),
    ("said", QC),
    ("saying", f(QC, ING)),
    ("tell", f(f(QC, OF), OI)),
    ("tells", f(f(QC, OF), OI)),
    ("told", f(f(QC, OF), OI)),
    ("telling", f(f(f(QC, OF), OI), ING)),
    ("add", QC),
    ("adds", QC),
    ("added", QC),
    ("adding", f(QC, ING)),
    ("stated", QT),
    ("wrote", QC),
    ("writes", QC),
    ("writing", f(QT, ING)),
    ("reads", Q),
    ("read", Q),
    ("declared", QT),
    ("declares", QT),
    ("explained", QT),
    ("explains", QT),
    ("asked", f(Q, OI)),
    ("asks", f(Q, OI)),
    ("replied", QT),
    ("replies", QT),
    ("responded", QT),
    ("answered", QT),
    ("noted", QT),
    ("argued", QT),
    ("argues", QT),
    ("arguing", f(QT, ING)),
    ("claimed", QT),
    ("announced", QT),
    ("announces", QT),
    ("insisted", QT),
    ("insists", QT),
    ("insisting", f(QT, ING)),
    ("warned", f(f(QT, OF), OI)),
    ("warns", f(f(QT, OF), OI)),
    ("warning", f(QT, ING)),
    ("stressed", QT),
    ("stresses", QT),
    ("emphasized", QT),
    ("emphasised", QT),
    ("emphasizes", QT),
    ("emphasises", QT),
    ("underlined", QT),
    ("acknowledged", QT),
    ("acknowledges", QT),
    ("admitted", QT),
    ("admits", QT),
    ("conceded", QT),
    ("concedes", QT),
    ("confirmed", QT),
    ("confirms", QT),
    ("denied", QT),
    ("denies", QT),
    ("denying", f(QT, ING)),
    ("demanded", f(f(QT, OI), S)),
    ("demands", f(T, OI)),
    ("promised", f(f(QT, I), OI)),
    ("promises", f(T, I)),
    ("vowed", f(QT, I)),
    ("vows", f(QT, I)),
    ("pledged", f(QT, I)),
    ("pledges", f(QT, I)),
    ("predicted", QT),
    ("predicts", QT),
    ("remarked", QT),
    ("reiterated", QT),
    ("complained", QT),
    ("suggested", QT),
    ("suggests", QT),
    ("cautioned", f(QT, OF)),
    ("threatened", f(QT, I)),
    ("threatens", f(QT, I)),
    ("asserted", QT),
    ("asserts", QT),
    ("maintained", QT),
    ("maintains", QT),
    ("contended", QT),
    ("alleged", QT),
    ("observed", QT),
    ("revealed", QT),
    ("disclosed", QT),
    ("indicated", QT),
    ("signaled", QT),
    ("signalled", QT),
    ("hinted", QT),
    ("estimated", QT),
    ("agreed", T),
    ("assured", f(QT, OF)),
    ("reminded", f(QT, OF)),
    ("informed", f(T, OF)),
    ("testified", QT),
    ("concluded", QT),
    ("countered", QT),
    ("retorted", Q),
    ("quipped", Q),
    ("joked", QT),
    ("boasted", QT),
    ("recalled", Q),
    ("continued", Q),
    ("tweeted", QT),
    ("posted", Q),
    ("exclaimed", Q),
    ("shouted", Q),
    ("pointed", T),
    ("believes", f(C, B)),
    ("believed", f(C, B)),
    ("believe", f(C, B)),
    ("thinks", f(C, B)),
    ("thought", f(T, B)),
    ("think", f(C, B)),
    ("feels", f(T, B)),
    ("felt", f(T, B)),
    ("fears", f(C, B)),
    ("feared", f(C, B)),
    ("hopes", f(f(T, I), B)),
    ("hoped", f(f(T, I), B)),
    ("expects", f(f(T, OI), B)),
    ("expected", f(T, B)),
    ("doubts", f(T, B)),
    ("doubted", f(T, B)),
    ("suspects", f(T, B)),
    ("suspected", f(T, B)),
    ("worries", f(T, B)),
    ("knows", f(T, B)),
    ("wants", f(f(f(I, OI), S), B)),
    ("wanted", f(f(f(I, OI), S), B)),
    ("want", f(f(I, OI), B)),
    ("intends", f(I, B)),
    ("intended", f(I, B)),
    ("plans", f(I, B)),
    ("planned", f(I, B)),
    ("seeks", f(I, B)),
    ("sought", f(I, B)),
    ("aims", f(I, B)),
    ("wishes", f(I, B)),
    ("urged", f(Q, OI)),
    ("urges", f(Q, OI)),
    ("urging", f(OI, ING)),
    ("pressed", OI),
    ("encouraged", OI),
    ("called", f(f(Q, OI), P)),
    ("calls", f(OI, P)),
    ("accused", f(Q, S)),
    ("accuses", f(Q, S)),
    ("praised", f(f(Q, S), P)),
    ("praises", f(Q, S)),
    ("hailed", f(f(Q, S), P)),
    ("criticized", f(Q, S)),
    ("criticised", f(Q, S)),
    ("welcomed", f(Q, S)),
    ("dismissed", f(f(Q, S), P)),
    ("rejected", f(Q, S)),
    ("condemned", f(Q, S)),
    ("blamed", f(Q, S)),
    ("described", f(Q, P)),
    ("describes", f(Q, P)),
    ("termed", f(Q, P)),
    ("labeled", f(Q, P)),
    ("labelled", f(Q, P)),
    ("branded", f(Q, P)),
    ("recommends", f(T, S)),
    ("recommended", f(T, S)),
    ("provides", S),
    ("envisages", f(T, S)),
    ("envisions", f(T, S)),
    ("commits", S),
    ("proposed", f(T, S)),
    ("proposes", f(T, S)),
];

/// Reporting verbs of other languages, for quotations in their marks (`«…», a déclaré…`,
/// `„…“, sagte…`, `«…», — заявил…`). Lowercase; matched as whole words.
static OTHER_LANGUAGES: super::Words = super::Words::new(&[
    // German
    "sagte",
    "sagt",
    "erklärte",
    "erklärt",
    "betonte",
    "betont",
    "meinte",
    "fügte",
    "sagten",
    "schrieb",
    "warnte",
    // French (the auxiliary stands before: "a déclaré")
    "dit",
    "déclaré",
    "déclare",
    "affirmé",
    "affirme",
    "ajouté",
    "ajoute",
    "souligné",
    "souligne",
    "estime",
    "estimé",
    "expliqué",
    "explique",
    "prévenu",
    "assuré",
    "insisté",
    // Italian
    "detto",
    "dichiarato",
    "aggiunto",
    "affermato",
    "sottolineato",
    "spiegato",
    "dice",
    "afferma",
    // Spanish and Portuguese
    "dijo",
    "afirmó",
    "declaró",
    "añadió",
    "aseguró",
    "señaló",
    "disse",
    "afirmou",
    "declarou",
    // Russian and Ukrainian
    "заявил",
    "заявила",
    "сказал",
    "сказала",
    "отметил",
    "отметила",
    "добавил",
    "добавила",
    "подчеркнул",
    "подчеркнула",
    "заявив",
    "заявив",
    "сказав",
    "сказала",
    // Polish
    "powiedział",
    "powiedziała",
    "dodał",
    "dodała",
    "stwierdził",
    "stwierdziła",
    "podkreślił",
    "podkreśliła",
    "oświadczył",
    "oświadczyła",
    "mówi",
    // Dutch and Scandinavian
    "zei",
    "zegt",
    "verklaarde",
    "sade",
    "sa",
    "säger",
    "sagde",
    "siger",
]);

/// The frames of `word` as an English reporting verb.
#[must_use]
pub fn english_frames(word: &str) -> Option<Frames> {
    static TABLE: std::sync::OnceLock<crate::model::FastMap<&'static str, Frames>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| ENGLISH.iter().copied().collect());
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        table.get(word).copied()
    } else {
        table.get(&*lowercase(word)).copied()
    }
}

/// True if `word` reports speech next to a quotation, in any language the engine reads.
#[must_use]
pub fn is_quote_verb(word: &str) -> bool {
    if english_frames(word).is_some_and(|f| f.has(Frames::QUOTE)) {
        return true;
    }
    OTHER_LANGUAGES.contains(word)
}

/// True for a reporting verb in another language (for the reason text and for speakers
/// written after it, as in `«…», a déclaré la ministre`).
#[must_use]
pub fn is_foreign_quote_verb(word: &str) -> bool {
    OTHER_LANGUAGES.contains(word)
}

/// The preposition that names a source, in the languages the engine reads (`according
/// to`, `selon`, `laut`, `по словам`, `według`, `secondo`, `según`, `segundo`, `volgens`,
/// `enligt`): how many words it takes at `words[0]`.
#[must_use]
pub fn according_to(words: &[&str]) -> Option<usize> {
    const ONE_WORD: [&str; 9] = [
        "selon", "laut", "według", "secondo", "según", "segundo", "volgens", "enligt", "ifølge",
    ];
    // Asked at every word of a document: an ASCII word is compared without lowering it (no
    // ASCII word lowers to a non-ASCII one, nor a non-ASCII one to "according").
    let first = words.first()?;
    if first.is_ascii() {
        if first.eq_ignore_ascii_case("according") {
            return (words.get(1))
                .is_some_and(|w| w.eq_ignore_ascii_case("to"))
                .then_some(2);
        }
        return (ONE_WORD.iter())
            .any(|cue| first.eq_ignore_ascii_case(cue))
            .then_some(1);
    }
    let lower = |i: usize| words.get(i).map(|w| lowercase(w));
    let first = lower(0)?;
    match &*first {
        "по" => matches!(lower(1).as_deref(), Some("словам" | "его" | "её" | "ее")).then_some(2),
        word => ONE_WORD.contains(&word).then_some(1),
    }
}

/// Japanese and Chinese cues written right after a quotation or before it, inside a run
/// of characters (`「…」と述べた`, `表示：「…」`): the cue's text if `run` starts (after) or
/// ends (before) with one.
const CJK_AFTER: &[&str] = &[
    "と述べた",
    "と語った",
    "と話した",
    "と強調した",
    "と説明した",
    "と指摘した",
    "と発表した",
    "と明らかにした",
    "と述べ",
    "と語り",
    "と話し",
    "と強調し",
    "と説明し",
    "と指摘し",
    "と主張した",
    "と訴えた",
    "と表明した",
    "と書いた",
    "とした",
];
const CJK_BEFORE: &[&str] = &[
    "表示",
    "說",
    "说",
    "指出",
    "強調",
    "强调",
    "稱",
    "称",
    "認為",
    "认为",
    "宣布",
    "透露",
    "坦言",
    "聲明",
    "声明",
    "寫道",
    "写道",
    "述べた",
    "語った",
];

/// The cue at the start of a CJK run that follows a quotation, if any.
#[must_use]
pub fn cjk_cue_after(run: &str) -> Option<&'static str> {
    CJK_AFTER.iter().copied().find(|cue| run.starts_with(cue))
}

/// The cue at the end of a CJK run that precedes a quotation (before its colon), if any.
#[must_use]
pub fn cjk_cue_before(run: &str) -> Option<&'static str> {
    CJK_BEFORE.iter().copied().find(|cue| run.ends_with(cue))
}

/// Japanese and Chinese "according to": `…によると`, `据…`/`據…`.
#[must_use]
pub fn cjk_according_to(run: &str) -> Option<&'static str> {
    ["によると", "によれば"]
        .into_iter()
        .find(|cue| run.ends_with(cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_say_what_may_follow() {
        let said = english_frames("Said").unwrap_or_default();
        assert!(said.has(Frames::QUOTE) && said.has(Frames::CLAUSE));
        let warned = english_frames("warned").unwrap_or_default();
        assert!(warned.has(Frames::THAT) && !warned.has(Frames::CLAUSE));
        assert!(
            english_frames("urged")
                .unwrap_or_default()
                .has(Frames::OBJECT_INFINITIVE)
        );
        assert!(english_frames("states").is_none());
        assert!(is_quote_verb("заявила") && is_quote_verb("déclaré"));
        assert_eq!(according_to(&["According", "to", "X"]), Some(2));
        assert_eq!(cjk_cue_after("と述べた。"), Some("と述べた"));
        assert_eq!(cjk_cue_before("外相は記者団に表示"), Some("表示"));
    }
}
