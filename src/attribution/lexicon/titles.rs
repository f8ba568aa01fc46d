//! Titles and roles (the words before or beside a name that are not the name), the nouns a
//! person, a body or a text is named by, and the places and peoples a title's affiliation
//! comes from. Written by hand for Stance from newswire usage; lowercase, matched ignoring
//! case.

use super::Words;
use super::lowercase;

/// Words that open a name but are not the name: honorifics, ranks, offices and the words
/// of their titles ("Senate Foreign Relations Committee Chairman Bob Corker").
static TITLES: Words = Words::new(&[
    "mr.",
    "mrs.",
    "ms.",
    "miss",
    "mx.",
    "dr.",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev.",
    "reverend",
    "father",
    "sen.",
    "sens.",
    "rep.",
    "reps.",
    "gov.",
    "gen.",
    "lt.",
    "col.",
    "maj.",
    "capt.",
    "adm.",
    "sgt.",
    "cmdr.",
    "brig.",
    "cpl.",
    "pvt.",
    "amb.",
    "hon.",
    "pres.",
    "messrs.",
    "mme",
    "mme.",
    "m.",
    "herr",
    "frau",
    "president",
    "president-elect",
    "prime",
    "minister",
    "secretary",
    "secretary-general",
    "undersecretary",
    "state",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "economy",
    "justice",
    "trade",
    "energy",
    "health",
    "home",
    "special",
    "envoy",
    "senator",
    "congressman",
    "congresswoman",
    "representative",
    "general",
    "lieutenant",
    "colonel",
    "captain",
    "admiral",
    "commander",
    "marshal",
    "sergeant",
    "chancellor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "vice",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "emir",
    "sultan",
    "sheikh",
    "sheikha",
    "crown",
    "governor",
    "mayor",
    "chief",
    "adviser",
    "advisor",
    "commissioner",
    "director",
    "director-general",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "leader",
    "negotiator",
    "official",
    "judge",
    "justice",
    "attorney",
    "solicitor",
    "inspector",
    "superintendent",
    "counselor",
    "counsellor",
    "council",
    "committee",
    "relations",
    "affairs",
    "armed",
    "services",
    "intelligence",
    "national",
    "security",
    "senate",
    "house",
    "majority",
    "minority",
    "whip",
    "speaker",
    "former",
    "ex",
    "acting",
    "interim",
    "senior",
    "top",
    "chief",
    "assistant",
    "associate",
    "executive",
    "general",
    "lawmaker",
    "legislator",
    "member",
    "u.s.",
    "us",
    "u.n.",
    "un",
    "e.u.",
    "eu",
    "uk",
    "u.k.",
    "nato",
    "white",
    "kremlin",
    "pentagon",
    "republican",
    "democratic",
    "democrat",
    "conservative",
    "labour",
    "labor",
    "liberal",
    "socialist",
    "communist",
    "green",
    "party",
    "opposition",
    "federal",
    "state",
    "cabinet",
    "presidential",
    "parliamentary",
    "army",
    "navy",
    "air",
    "force",
    "forces",
    "staff",
    "joint",
    "supreme",
    "high",
    "ceo",
    "cfo",
    "founder",
    "co-founder",
    "journalist",
    "correspondent",
    "analyst",
    "researcher",
    "economist",
    "expert",
    "aide",
]);

/// Royal and religious styles that, with a single given name, are the name itself by
/// custom ("King Charles", "Pope Francis", "Sheikh Hamad").
static STYLES: Words = Words::new(&[
    "king", "queen", "prince", "princess", "pope", "emir", "sultan", "sheikh", "sheikha", "crown",
    "saint", "st.",
]);

/// True if `word` is part of a title rather than a name.
#[must_use]
pub fn is_title(word: &str) -> bool {
    // Lowered once for the three lists: the cast asks this of every word of every name.
    let lower = lowercase(word);
    TITLES.contains_lowercase(&lower) || is_demonym(&lower) || is_foreign_title_lowercase(&lower)
}

/// Offices in the languages whose quotation marks the engine reads, by their ending: German
/// compounds ("Außenministerin"), French, Italian, Spanish, Polish and Russian titles.
#[must_use]
pub fn is_foreign_title(word: &str) -> bool {
    is_foreign_title_lowercase(&lowercase(word))
}

/// [`is_foreign_title`] of a word already in lowercase.
fn is_foreign_title_lowercase(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "minister",
        "ministerin",
        "präsident",
        "präsidentin",
        "kanzler",
        "kanzlerin",
        "sprecher",
        "sprecherin",
        "botschafter",
        "botschafterin",
        "sekretär",
        "sekretärin",
        "chef",
        "chefin",
        "ministre",
        "président",
        "présidente",
        "ambassadeur",
        "ambassadrice",
        "porte-parole",
        "ministro",
        "ministra",
        "presidente",
        "portavoce",
        "portavoz",
        "premier",
        "premiera",
        "prezydent",
        "rzecznik",
        "rzeczniczka",
        "министр",
        "президент",
        "премьер",
        "посол",
        "пресс-секретарь",
        "глава",
        "представитель",
        "спикер",
        "міністр",
        "президент",
    ];
    lower.chars().count() > 3 && ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Articles of the languages whose quotation marks the engine reads ("*la* ministre",
/// "*il* ministro", "*der* Minister"), which open a speaker's noun phrase after a verb.
#[must_use]
pub fn is_foreign_determiner(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "la" | "le"
            | "les"
            | "l'"
            | "l’"
            | "un"
            | "une"
            | "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "ein"
            | "eine"
            | "il"
            | "lo"
            | "gli"
            | "el"
            | "los"
            | "las"
            | "o"
            | "os"
    )
}

/// Days and times after a verb in the other languages ("a déclaré *jeudi*").
#[must_use]
pub fn is_foreign_time_word(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "hier"
            | "soir"
            | "matin"
            | "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonntag"
            | "gestern"
            | "am"
            | "lunedì"
            | "martedì"
            | "mercoledì"
            | "giovedì"
            | "venerdì"
            | "sabato"
            | "domenica"
            | "ieri"
            | "lunes"
            | "martes"
            | "miércoles"
            | "jueves"
            | "viernes"
            | "sábado"
            | "domingo"
            | "ayer"
            | "вчера"
            | "сегодня"
            | "wczoraj"
            | "dziś"
            | "dzisiaj"
            | "w"
            | "we"
            | "в"
            | "во"
            | "poniedziałek"
            | "wtorek"
            | "środę"
            | "czwartek"
            | "piątek"
            | "sobotę"
            | "niedzielę"
            | "понедельник"
            | "вторник"
            | "среду"
            | "четверг"
            | "пятницу"
    )
}

/// True for an honorific of address ("Mr.", "Ms.", "Dr."), which is followed by a surname.
#[must_use]
pub fn is_honorific(word: &str) -> bool {
    matches!(
        lowercase(word).trim_end_matches('.'),
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mx"
            | "dr"
            | "prof"
            | "sir"
            | "dame"
            | "messrs"
            | "mme"
            | "herr"
            | "frau"
            | "monsieur"
            | "madame"
    )
}

#[must_use]
pub fn is_style(word: &str) -> bool {
    STYLES.contains(word)
}

/// Head nouns of a person named by role ("the senior Russian *official*").
static PERSON_HEADS: Words = Words::new(&[
    "official",
    "president",
    "envoy",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "negotiator",
    "leader",
    "diplomat",
    "aide",
    "adviser",
    "advisor",
    "secretary",
    "chancellor",
    "ambassador",
    "senator",
    "general",
    "commander",
    "premier",
    "mayor",
    "governor",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "commissioner",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "representative",
    "judge",
    "prosecutor",
    "king",
    "queen",
    "prince",
    "emir",
    "sheikh",
    "officer",
    "colonel",
    "admiral",
    "mediator",
    "monarch",
    "ruler",
    "head",
    "candidate",
    "nominee",
    "deputy",
    "strategist",
    "economist",
    "analyst",
    "expert",
    "researcher",
    "activist",
    "witness",
    "resident",
    "source",
    "insider",
    "colleague",
    "counterpart",
    "host",
    "emissary",
    "foreign minister",
    "spy",
    "attorney",
    "ministre",
    "ministro",
    "ministra",
    "président",
    "présidente",
    "presidente",
    "porte-parole",
    "portavoce",
    "portavoz",
    "министр",
    "президент",
    "глава",
    "посол",
    "представитель",
    "пресс-секретарь",
    "rzecznik",
    "prezydent",
]);

#[must_use]
pub fn is_person_head(word: &str) -> bool {
    PERSON_HEADS.contains(word)
}

/// Person heads that speak for a body when no one is named ("a ministry *spokeswoman*").
#[must_use]
pub fn is_spokesperson(word: &str) -> bool {
    matches!(
        &*lowercase(word),
        "spokesman" | "spokeswoman" | "spokesperson" | "spokespeople" | "spokespersons"
    )
}

/// Head nouns of a speaking body or text ("the *statement*", "the *Kremlin*", "*officials*").
static BODY_HEADS: Words = Words::new(&[
    "statement",
    "kremlin",
    "ministry",
    "government",
    "delegation",
    "officials",
    "advisers",
    "diplomats",
    "negotiators",
    "leaders",
    "sources",
    "aides",
    "spokespeople",
    "communique",
    "communiqué",
    "declaration",
    "readout",
    "letter",
    "release",
    "document",
    "memo",
    "memorandum",
    "transcript",
    "report",
    "office",
    "administration",
    "embassy",
    "council",
    "commission",
    "parliament",
    "agency",
    "military",
    "army",
    "pentagon",
    "presidency",
    "department",
    "committee",
    "alliance",
    "coalition",
    "cabinet",
    "senate",
    "assembly",
    "court",
    "bank",
    "fund",
    "union",
    "party",
    "opposition",
    "authorities",
    "prosecutors",
    "police",
    "regime",
    "junta",
    "mission",
    "secretariat",
    "bloc",
    "group",
    "organisation",
    "organization",
    "company",
    "firm",
    "draft",
    "resolution",
    "proposal",
    "plan",
    "treaty",
    "agreement",
    "accord",
    "charter",
    "text",
    "note",
    "tweet",
    "post",
    "manifesto",
    "study",
    "survey",
    "poll",
    "analysis",
    "assessment",
    "directive",
    "decree",
    "order",
    "ruling",
    "verdict",
    "judgment",
    "indictment",
    "complaint",
    "filing",
    "bill",
    "law",
    "motion",
    "platform",
    "framework",
    "paper",
    "brief",
    "briefing",
    "dossier",
    "summary",
    "protocol",
    "minutes",
    "cable",
    "email",
    "message",
    "website",
    "spokespersons",
    "ministère",
    "gouvernement",
    "ministero",
    "governo",
    "ministerio",
    "gobierno",
    "министерство",
    "правительство",
    "ministerstwo",
    "rząd",
]);

#[must_use]
pub fn is_body_head(word: &str) -> bool {
    BODY_HEADS.contains(word)
}

/// Body heads that name a text, not a speaker by itself ("the *statement*"): the text
/// speaks for its issuer when one is named, or else under its fuller name.
static TEXT_HEADS: Words = Words::new(&[
    "statement",
    "communique",
    "communiqué",
    "declaration",
    "report",
    "readout",
    "letter",
    "release",
    "document",
    "memo",
    "memorandum",
    "transcript",
    "draft",
    "resolution",
    "proposal",
    "plan",
    "treaty",
    "agreement",
    "accord",
    "charter",
    "text",
    "note",
    "tweet",
    "post",
    "manifesto",
    "study",
    "survey",
    "poll",
    "analysis",
    "assessment",
    "directive",
    "decree",
    "order",
    "ruling",
    "verdict",
    "judgment",
    "indictment",
    "complaint",
    "filing",
    "bill",
    "law",
    "motion",
    "platform",
    "framework",
    "paper",
    "brief",
    "briefing",
    "dossier",
    "summary",
    "protocol",
    "minutes",
    "cable",
    "email",
    "message",
    "website",
]);

#[must_use]
pub fn is_text_head(word: &str) -> bool {
    TEXT_HEADS.contains(word)
}

/// Words that make a capitalised run an organisation's name ("Foreign *Ministry*").
static ORGANISATION_WORDS: Words = Words::new(&[
    "ministry",
    "department",
    "committee",
    "council",
    "commission",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "agency",
    "office",
    "bureau",
    "administration",
    "government",
    "cabinet",
    "party",
    "union",
    "alliance",
    "organization",
    "organisation",
    "bank",
    "fund",
    "court",
    "army",
    "navy",
    "forces",
    "service",
    "services",
    "institute",
    "university",
    "foundation",
    "association",
    "federation",
    "league",
    "group",
    "corporation",
    "company",
    "inc.",
    "corp.",
    "ltd.",
    "co.",
    "news",
    "times",
    "post",
    "press",
    "journal",
    "herald",
    "tribune",
    "kremlin",
    "pentagon",
    "presidency",
    "embassy",
    "mission",
    "secretariat",
    "authority",
    "board",
    "coalition",
    "front",
    "movement",
    "nations",
    "states",
    "house",
    "duma",
    "rada",
    "knesset",
    "bundestag",
    "diet",
    "delegation",
    "police",
    "guard",
    "command",
    "headquarters",
    "staff",
    "network",
    "television",
    "radio",
    "agency",
]);

#[must_use]
pub fn is_organisation_word(word: &str) -> bool {
    ORGANISATION_WORDS.contains(word)
}

/// Countries and places that are named like people but speak as bodies or are no one's
/// antecedent of `he`. Real ones; an invented country is known by its ending
/// ([`looks_like_country`]) or by being named as a place in the text.
static PLACES: Words = Words::new(&[
    "russia",
    "ukraine",
    "moscow",
    "kyiv",
    "kiev",
    "washington",
    "florida",
    "europe",
    "india",
    "china",
    "israel",
    "germany",
    "france",
    "britain",
    "london",
    "paris",
    "berlin",
    "beijing",
    "brussels",
    "geneva",
    "istanbul",
    "turkey",
    "türkiye",
    "poland",
    "donetsk",
    "crimea",
    "america",
    "white",
    "house",
    "nato",
    "iran",
    "iraq",
    "syria",
    "lebanon",
    "gaza",
    "egypt",
    "qatar",
    "japan",
    "korea",
    "taiwan",
    "canada",
    "mexico",
    "brazil",
    "spain",
    "italy",
    "greece",
    "sweden",
    "norway",
    "finland",
    "denmark",
    "austria",
    "hungary",
    "romania",
    "belarus",
    "georgia",
    "armenia",
    "azerbaijan",
    "kazakhstan",
    "pakistan",
    "afghanistan",
    "yemen",
    "saudi",
    "arabia",
    "emirates",
    "jordan",
    "libya",
    "sudan",
    "ethiopia",
    "kenya",
    "nigeria",
    "africa",
    "asia",
    "tehran",
    "tokyo",
    "seoul",
    "ankara",
    "warsaw",
    "vienna",
    "rome",
    "madrid",
    "minsk",
    "riyadh",
    "doha",
    "cairo",
    "delhi",
    "jerusalem",
    "kharkiv",
    "odesa",
    "odessa",
    "mariupol",
    "zaporizhzhia",
    "kherson",
    "luhansk",
    "donbas",
    "donbass",
    "baltic",
    "alaska",
    "switzerland",
    "netherlands",
    "belgium",
    "ireland",
    "scotland",
    "wales",
    "england",
    "portugal",
    "serbia",
    "kosovo",
    "moldova",
    "lithuania",
    "latvia",
    "estonia",
    "czechia",
    "slovakia",
    "bulgaria",
    "croatia",
    "bosnia",
    "venezuela",
    "colombia",
    "argentina",
    "chile",
    "peru",
    "cuba",
    "vietnam",
    "indonesia",
    "philippines",
    "thailand",
    "malaysia",
    "singapore",
    "australia",
]);

#[must_use]
pub fn is_place(word: &str) -> bool {
    PLACES.contains(word)
}

/// Endings of country names ("Lusovia", "Kessaria", "Finland", "Kazakhstan"): a lone
/// capitalised word with one, which no first-name list knows, is taken for a place.
#[must_use]
pub fn looks_like_country(word: &str) -> bool {
    let lower = lowercase(word);
    lower.chars().count() >= 5
        && ["ia", "land", "stan", "istan"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// Peoples and their countries, for a title's affiliation ("Russian Foreign Minister" →
/// Russia).
const DEMONYMS: &[(&str, &str)] = &[
    ("russian", "Russia"),
    ("ukrainian", "Ukraine"),
    ("american", "United States"),
    ("u.s.", "United States"),
    ("us", "United States"),
    ("british", "United Kingdom"),
    ("uk", "United Kingdom"),
    ("u.k.", "United Kingdom"),
    ("english", "United Kingdom"),
    ("german", "Germany"),
    ("french", "France"),
    ("chinese", "China"),
    ("japanese", "Japan"),
    ("indian", "India"),
    ("israeli", "Israel"),
    ("palestinian", "Palestine"),
    ("iranian", "Iran"),
    ("iraqi", "Iraq"),
    ("syrian", "Syria"),
    ("turkish", "Turkey"),
    ("polish", "Poland"),
    ("italian", "Italy"),
    ("spanish", "Spain"),
    ("european", "European Union"),
    ("eu", "European Union"),
    ("e.u.", "European Union"),
    ("canadian", "Canada"),
    ("mexican", "Mexico"),
    ("brazilian", "Brazil"),
    ("saudi", "Saudi Arabia"),
    ("qatari", "Qatar"),
    ("egyptian", "Egypt"),
    ("korean", "Korea"),
    ("taiwanese", "Taiwan"),
    ("belarusian", "Belarus"),
    ("georgian", "Georgia"),
    ("hungarian", "Hungary"),
    ("swiss", "Switzerland"),
    ("dutch", "Netherlands"),
    ("swedish", "Sweden"),
    ("finnish", "Finland"),
    ("norwegian", "Norway"),
    ("danish", "Denmark"),
    ("austrian", "Austria"),
    ("greek", "Greece"),
    ("irish", "Ireland"),
    ("pakistani", "Pakistan"),
    ("afghan", "Afghanistan"),
    ("nato", "NATO"),
    ("u.n.", "United Nations"),
    ("un", "United Nations"),
];

#[must_use]
pub fn is_demonym(lower: &str) -> bool {
    DEMONYMS.iter().any(|(d, _)| *d == lower)
}

/// The country a people's adjective names, if the list knows it.
#[must_use]
pub fn demonym_country(word: &str) -> Option<&'static str> {
    let lower = lowercase(word);
    DEMONYMS
        .iter()
        .find(|(d, _)| *d == &*lower)
        .map(|&(_, country)| country)
}

/// The place names an unlisted people's adjective may come from ("Lusovian" → "Lusovia",
/// "Vardanian" → "Vardania", "Kessarian" → "Kessaria"), to check against the text.
#[must_use]
pub fn demonym_stems(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = word.strip_suffix("ian") {
        out.push(format!("{stem}ia"));
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("an") {
        out.push(format!("{stem}a"));
        out.push(stem.to_owned());
    }
    if let Some(stem) = word.strip_suffix("ese") {
        out.push(stem.to_owned());
        out.push(format!("{stem}a"));
    }
    if let Some(stem) = word.strip_suffix('i') {
        out.push(stem.to_owned());
    }
    out
}
