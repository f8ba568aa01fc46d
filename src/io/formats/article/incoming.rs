//! [`IncomingArticle`]: what every article reader produces (plain text, Nexis, Factiva, PDF,
//! HTML, feeds, Word files, the clipboard), before the import pipeline
//! ([`crate::io::import`]) turns it into a [`crate::model::Document`].
//!
//! Each metadata value carries where it came from ([`Sourced`], [`MetaSource`]), so an import
//! never guesses silently: `stance import` prints `date: 2016-09-06 (file name)` and the
//! app's review table shows the same before anything is added.
//!
//! A reader of one file returns [`ArticlesRead`]: the articles it found (a Nexis or Factiva
//! export, a feed, holds several) and the ones it refused, each with its reason. A file that
//! cannot be read at all is an [`crate::io::ImportError`] instead.
//!
//! Every reader has one shape: `fn read_…(path: &Path, bytes: &[u8]) -> Result<ArticlesRead,
//! ImportError>`. The pipeline reads the file once, under the size cap, and hands its bytes to
//! the reader the content calls for; a reader never opens the file itself, so tests and the
//! fuzz suite can feed it bytes.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;

/// One article as a reader found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingArticle {
    /// The article's text: paragraphs separated by blank lines, no field lines, no markup.
    /// The pipeline normalises it (line ends, BOM) before it becomes a document.
    pub text: String,
    pub meta: ArticleMeta,
    pub origin: Origin,
}

/// An article's metadata, each field only when the reader found it, with where from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    pub title: Option<Sourced<String>>,
    /// The publication date.
    pub date: Option<Sourced<NaiveDate>>,
    /// Who published it ("Reuters", "The New York Times").
    pub outlet: Option<Sourced<String>>,
    pub author: Option<Sourced<String>>,
    /// The article's own address (a canonical URL, a feed item's link).
    pub url: Option<Sourced<String>>,
    /// A language tag as the source gives it (`en`, `en-GB`, `ENGLISH` is normalised to `en`
    /// by the reader where it can).
    pub language: Option<Sourced<String>>,
}

/// A value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub from: MetaSource,
}

/// Where a metadata value came from. Its [`fmt::Display`] is what `stance import` and the
/// review table print in parentheses: `date: 2016-09-06 (file name)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaSource {
    /// A `---` block at the top of a text file (wins over everything a text file suggests).
    FrontMatter,
    /// The file's name (`nyt_2016-09-06_….txt`), or its prettified stem as a last-resort title.
    FileName,
    /// The first line of a text file, read as a headline.
    FirstLine,
    /// A Markdown `# heading` opening the text.
    MarkdownHeading,
    /// A dateline or date line in the first lines of the text.
    Dateline,
    /// A JSON-LD `NewsArticle` (or `Article`) block in a web page.
    JsonLd,
    /// An OpenGraph, `article:*` or other `<meta>` tag.
    MetaTag,
    /// A `<time datetime>` element.
    TimeElement,
    /// The page's `<h1>`.
    HtmlHeading,
    /// The page's `<title>` (less the outlet's suffix).
    HtmlTitle,
    /// The page's `<link rel="canonical">`.
    CanonicalLink,
    /// The address a page was fetched from.
    FetchedUrl,
    /// A PDF's document information or XMP metadata.
    PdfMetadata,
    /// The first heading of a PDF's text (the largest type on the first page).
    PdfHeading,
    /// A field of a Nexis / LexisNexis export (headline, date line, `BYLINE:`, …).
    NexisField,
    /// A field of a Factiva export (`HD`, `PD`, `SN`, `BY`, `LA`, …).
    FactivaField,
    /// An RSS or Atom item (or the feed it belongs to, for the outlet).
    FeedItem,
    /// A Word or OpenDocument file's core properties.
    DocumentProperties,
    /// The first heading of a Word or OpenDocument file.
    DocumentHeading,
    /// The HTML flavour of pasted text.
    ClipboardHtml,
    /// Typed by the analyst (in the import review table).
    Analyst,
}

impl MetaSource {
    /// How the source reads in `stance import`'s output and the review table.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::FrontMatter => "front matter",
            Self::FileName => "file name",
            Self::FirstLine => "first line",
            Self::MarkdownHeading => "Markdown heading",
            Self::Dateline => "dateline",
            Self::JsonLd => "JSON-LD",
            Self::MetaTag => "meta tag",
            Self::TimeElement => "<time>",
            Self::HtmlHeading => "<h1>",
            Self::HtmlTitle => "<title>",
            Self::CanonicalLink => "canonical link",
            Self::FetchedUrl => "fetched URL",
            Self::PdfMetadata => "PDF metadata",
            Self::PdfHeading => "PDF first heading",
            Self::NexisField => "Nexis field",
            Self::FactivaField => "Factiva field",
            Self::FeedItem => "feed item",
            Self::DocumentProperties => "document properties",
            Self::DocumentHeading => "first heading",
            Self::ClipboardHtml => "clipboard HTML",
            Self::Analyst => "typed in",
        }
    }
}

impl fmt::Display for MetaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl<T> Sourced<T> {
    #[must_use]
    pub fn new(value: T, from: MetaSource) -> Self {
        Self { value, from }
    }
}

impl<T: fmt::Display> fmt::Display for Sourced<T> {
    /// `2016-09-06 (file name)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.value, self.from)
    }
}

impl ArticleMeta {
    /// Fills each field `self` lacks from `weaker`: what `self` found wins. Readers stack their
    /// sources strongest first, e.g. `front_matter.or(dateline).or(file_name)`.
    #[must_use]
    pub fn or(self, weaker: ArticleMeta) -> ArticleMeta {
        ArticleMeta {
            title: self.title.or(weaker.title),
            date: self.date.or(weaker.date),
            outlet: self.outlet.or(weaker.outlet),
            author: self.author.or(weaker.author),
            url: self.url.or(weaker.url),
            language: self.language.or(weaker.language),
        }
    }
}

/// Where an article was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file; `part` places the article when the file holds several.
    File { path: PathBuf, part: Option<Part> },
    /// A page fetched from the web: the address asked for (the canonical one, when the page
    /// names it, is in [`ArticleMeta::url`]).
    Web { url: String },
    /// Text pasted from the clipboard.
    Clipboard,
}

/// One article's place in a file of several: `article 3 of 12, line 240`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// 1-based.
    pub number: usize,
    pub of: usize,
    /// 1-based line where the article starts, when the format has lines.
    pub line: Option<usize>,
}

impl Origin {
    /// A whole file.
    #[must_use]
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self::File {
            path: path.into(),
            part: None,
        }
    }

    /// What a document's `source` records when the article names no URL of its own: the
    /// file's path or the fetched address; nothing for the clipboard.
    #[must_use]
    pub fn source(&self) -> Option<String> {
        match self {
            Self::File { path, .. } => Some(path.display().to_string()),
            Self::Web { url } => Some(url.clone()),
            Self::Clipboard => None,
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "article {} of {}", self.number, self.of)?;
        match self.line {
            Some(line) => write!(f, ", line {line}"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Origin {
    /// `exports/nexis.txt (article 3 of 12, line 240)`, `https://…`, `the clipboard`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { path, part: None } => write!(f, "{}", path.display()),
            Self::File {
                path,
                part: Some(part),
            } => write!(f, "{} ({part})", path.display()),
            Self::Web { url } => f.write_str(url),
            Self::Clipboard => f.write_str("the clipboard"),
        }
    }
}

/// What a reader of one file (or page, or feed) returns: the articles it found, and the ones
/// it could not take with the reason, so a batch adds the good ones and lists the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticlesRead {
    pub articles: Vec<IncomingArticle>,
    pub refused: Vec<RefusedArticle>,
}

/// An article a reader found but could not take (an empty Nexis block, an item with no text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedArticle {
    pub origin: Origin,
    pub reason: String,
}

impl ArticlesRead {
    /// A file that holds one article.
    #[must_use]
    pub fn one(article: IncomingArticle) -> Self {
        Self {
            articles: vec![article],
            refused: Vec::new(),
        }
    }
}

impl fmt::Display for RefusedArticle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A reason that starts at a place in the file reads `file:line:col: …`, the form
        // editors and terminals jump to.
        let mut parts = self.reason.splitn(3, ':');
        let is_number = |n: Option<&str>| {
            n.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        let is_place = is_number(parts.next()) && is_number(parts.next()) && parts.next().is_some();
        if is_place {
            write!(f, "{}:{}", self.origin, self.reason)
        } else {
            write!(f, "{}: {}", self.origin, self.reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sourced_value_reads_with_its_source() {
        let date = Sourced::new(
            NaiveDate::from_ymd_opt(2016, 9, 6).unwrap_or_default(),
            MetaSource::FileName,
        );
        assert_eq!(date.to_string(), "2016-09-06 (file name)");
    }

    #[test]
    fn the_stronger_meta_wins_field_by_field() {
        let strong = ArticleMeta {
            title: Some(Sourced::new("Truce".to_owned(), MetaSource::FrontMatter)),
            ..ArticleMeta::default()
        };
        let weak = ArticleMeta {
            title: Some(Sourced::new("nyt truce".to_owned(), MetaSource::FileName)),
            outlet: Some(Sourced::new("NYT".to_owned(), MetaSource::FileName)),
            ..ArticleMeta::default()
        };
        let meta = strong.or(weak);
        assert_eq!(meta.title.map(|t| t.from), Some(MetaSource::FrontMatter));
        assert_eq!(meta.outlet.map(|o| o.value).as_deref(), Some("NYT"));
    }

    #[test]
    fn an_origin_places_the_article_in_its_file() {
        let origin = Origin::File {
            path: PathBuf::from("exports/nexis.txt"),
            part: Some(Part {
                number: 3,
                of: 12,
                line: Some(240),
            }),
        };
        assert_eq!(
            origin.to_string(),
            "exports/nexis.txt (article 3 of 12, line 240)"
        );
        assert_eq!(origin.source().as_deref(), Some("exports/nexis.txt"));
        assert_eq!(Origin::Clipboard.source(), None);
    }
}
