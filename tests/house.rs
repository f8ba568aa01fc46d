//! The house rules, read from the source: which folder of `src/` may import which, and no
//! import circle between files.
//!
//! A quick reader of Rust's paths, not a compiler: it strips comments and strings, then reads
//! every `use` tree and every `crate::…`, `super::…` and `self::…` path (and paths through a
//! child module) in each file, resolves them to the file that defines the item — following
//! `pub use` re-exports — and draws an arrow from the file to it. A file may always use its
//! ancestors (a folder's `mod.rs` is the front door of its room); every other arrow counts.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Which top-level folders (or `lib`/`main` files) each folder may import.
const MAY_IMPORT: &[(&str, &[&str])] = &[
    // The core only: saved data, edits, history, the index and the rules.
    ("model", &[]),
    // Features stand on the core alone.
    ("analysis", &["model"]),
    ("attribution", &["model"]),
    ("team", &["model"]),
    // One home per format; never the widgets or the app.
    ("io", &["model", "analysis"]),
    // Widgets draw the model and the features and return intents; they never touch io.
    ("ui", &["model", "analysis", "attribution", "team"]),
    (
        "app",
        &["model", "analysis", "attribution", "team", "io", "ui"],
    ),
    (
        "cli",
        &[
            "model",
            "analysis",
            "attribution",
            "team",
            "io",
            "ui",
            "app",
            "bench",
        ],
    ),
    (
        "bench",
        &[
            "model",
            "analysis",
            "attribution",
            "team",
            "io",
            "ui",
            "app",
        ],
    ),
];

/// Arrows and circles known to break the rules, each on the core's side of issue 18 and
/// still to mend there; listed so that the test fails on any new one, and on any of these
/// once it is mended (then strike it from the list).
const KNOWN_WRONG_IMPORTS: &[&str] = &[];
const KNOWN_CIRCLES: &[&str] = &[];

/// What the core and the features must not mention at all.
const CORE_MAY_NOT_MENTION: &[&str] = &["egui", "eframe", "std::fs", "rfd"];
const CORE_FOLDERS: &[&str] = &["model", "analysis", "attribution", "team"];

#[test]
fn no_folder_imports_one_it_may_not() {
    let house = House::read();
    let mut wrong = Vec::new();
    for (from, to) in house.edges() {
        let (a, b) = (top_folder(&from), top_folder(&to));
        if a == b || a == "lib" || a == "main" {
            continue;
        }
        let allowed = MAY_IMPORT
            .iter()
            .find(|(folder, _)| *folder == a)
            .is_some_and(|(_, may)| may.contains(&b.as_str()));
        if !allowed {
            wrong.push(format!("{} -> {}", show(&from), show(&to)));
        }
    }
    assert_only_known(
        "imports against the house rules",
        &wrong,
        KNOWN_WRONG_IMPORTS,
    );
}

#[test]
fn the_core_and_the_features_mention_no_ui_and_no_file_system() {
    let house = House::read();
    let mut wrong = Vec::new();
    for (file, text) in &house.stripped {
        if !CORE_FOLDERS.contains(&top_folder(file).as_str()) {
            continue;
        }
        for word in CORE_MAY_NOT_MENTION {
            if mentions(text, word) {
                wrong.push(format!("{} mentions {word}", show(file)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_import_circle_between_files() {
    let house = House::read();
    let circles = house.circles();
    let shown: Vec<String> = (circles.iter())
        .map(|c| c.iter().map(|f| show(f)).collect::<Vec<_>>().join(" <-> "))
        .collect();
    assert_only_known("import circles", &shown, KNOWN_CIRCLES);
}

/// Fails on anything found that is not known, and on anything known no longer found.
fn assert_only_known(what: &str, found: &[String], known: &[&str]) {
    let new: Vec<&String> = found
        .iter()
        .filter(|f| !known.contains(&f.as_str()))
        .collect();
    let mended: Vec<&&str> = known
        .iter()
        .filter(|k| !found.iter().any(|f| f == *k))
        .collect();
    assert!(new.is_empty(), "{what}:\n{new:#?}");
    assert!(
        mended.is_empty(),
        "mended (strike them from the known list): {mended:#?}"
    );
}

/// The reader can be trusted: a circle and a re-export are found where they are.
#[test]
fn the_reader_finds_circles_through_re_exports() {
    let files = [
        ("a/mod.rs", "mod b; mod c; pub use c::Thing;"),
        ("a/b.rs", "use super::Thing; pub struct Other;"),
        (
            "a/c.rs",
            "pub struct Thing(crate::a::b::Other); // use crate::nowhere;",
        ),
        (
            "d.rs",
            "fn f() { let s = \"use crate::a::Thing;\"; crate::a::Thing::new(); }",
        ),
    ];
    let house = House::from_files(
        files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), (*text).to_owned())),
    );
    let edges: BTreeSet<(String, String)> = (house.edges().into_iter())
        .map(|(a, b)| (show(&a), show(&b)))
        .collect();
    let expected = [
        ("a/b.rs", "a/c.rs"),
        ("a/c.rs", "a/b.rs"),
        ("d.rs", "a/c.rs"),
    ];
    let expected: BTreeSet<(String, String)> = (expected.iter())
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(edges, expected);
    assert_eq!(house.circles().len(), 1);
}

/// A file as the messages name it: its path under `src/`, with `/`.
fn show(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The top-level folder of a file under `src/` (`lib` and `main` for those files).
fn top_folder(path: &Path) -> String {
    let first = path.components().next().map_or_else(String::new, |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    first.trim_end_matches(".rs").to_owned()
}

/// True if `word` appears in `text` as a whole path segment.
fn mentions(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// A module path, e.g. `["io", "formats", "csv"]`; the crate root is empty.
type ModPath = Vec<String>;

/// One path a file refers to, resolved against its module.
#[derive(Clone, Debug)]
struct Reference {
    path: ModPath,
    /// The name it is known by in the module (`use a::b as c` → `c`), for re-exports.
    alias: Option<String>,
    /// A `pub use` at the file's top level: a re-export, not an import of the file's own.
    is_re_export: bool,
}

struct House {
    /// Module path → file.
    modules: HashMap<ModPath, PathBuf>,
    /// File → its text without comments and string contents.
    stripped: BTreeMap<PathBuf, String>,
    /// File → the paths it refers to.
    references: BTreeMap<PathBuf, Vec<Reference>>,
    /// Module → name → the path it re-exports (or imports) under that name.
    names: HashMap<ModPath, HashMap<String, ModPath>>,
}

impl House {
    /// Every `.rs` file under `src/`.
    fn read() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files.push((path.strip_prefix(&root).unwrap().to_path_buf(), text));
                }
            }
        }
        Self::from_files(files)
    }

    fn from_files(files: impl IntoIterator<Item = (PathBuf, String)>) -> Self {
        let stripped: BTreeMap<PathBuf, String> = (files.into_iter())
            .map(|(path, text)| (path, strip(&text)))
            .collect();
        let modules: HashMap<ModPath, PathBuf> = (stripped.keys())
            .filter(|p| p.as_os_str() != "main.rs")
            .map(|p| (module_of(p), p.clone()))
            .collect();
        let mut house = Self {
            modules,
            stripped,
            references: BTreeMap::new(),
            names: HashMap::new(),
        };
        let files: Vec<PathBuf> = house.stripped.keys().cloned().collect();
        for file in files {
            let references = house.read_references(&file);
            let module = module_of(&file);
            for r in &references {
                if let Some(alias) = &r.alias {
                    (house.names.entry(module.clone()).or_default())
                        .insert(alias.clone(), r.path.clone());
                }
            }
            house.references.insert(file, references);
        }
        house
    }

    /// The paths `file` refers to, from its `use` trees and the paths in its code.
    fn read_references(&self, file: &Path) -> Vec<Reference> {
        let text = &self.stripped[file];
        let module = module_of(file);
        let inline = inline_modules(text);
        let mut out = Vec::new();
        let mut use_spans = Vec::new();
        for (start, end, is_pub, tree) in use_items(text) {
            use_spans.push(start..end);
            let inside = inline_at(&inline, start);
            let here: ModPath = module.iter().cloned().chain(inside.clone()).collect();
            let mut leaves = Vec::new();
            parse_tree(&tree, &[], &mut leaves);
            for (segments, alias) in leaves {
                if let Some(path) = self.absolute(&segments, &here) {
                    out.push(Reference {
                        path,
                        alias: if inside.is_empty() { alias } else { None },
                        is_re_export: is_pub && inside.is_empty(),
                    });
                }
            }
        }
        for (start, segments) in code_paths(text) {
            if use_spans.iter().any(|r| r.contains(&start)) {
                continue;
            }
            let inside = inline_at(&inline, start);
            let here: ModPath = module.iter().cloned().chain(inside).collect();
            let is_anchored = matches!(segments[0].as_str(), "crate" | "super" | "self");
            let is_child = {
                let mut child = here.clone();
                child.push(segments[0].clone());
                self.modules.contains_key(&child)
            };
            if (is_anchored || is_child)
                && let Some(path) = self.absolute(&segments, &here)
            {
                out.push(Reference {
                    path,
                    alias: None,
                    is_re_export: false,
                });
            }
        }
        out
    }

    /// `segments` (maybe starting with `crate`, `super`, `self` or a child module) as a path
    /// from the crate root, seen from module `here`.
    fn absolute(&self, segments: &[String], here: &[String]) -> Option<ModPath> {
        let (first, rest) = segments.split_first()?;
        match first.as_str() {
            "crate" => Some(rest.to_vec()),
            "self" => Some(here.iter().chain(rest).cloned().collect()),
            "super" => {
                let mut base = here.to_vec();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
                Some(base.into_iter().chain(rest.iter().cloned()).collect())
            }
            _ => {
                let mut child = here.to_vec();
                child.push(first.clone());
                self.modules
                    .contains_key(&child)
                    .then(|| here.iter().chain(segments).cloned().collect())
            }
        }
    }

    /// The file defining what `path` names, through re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<PathBuf> {
        let module_len = (0..=path.len())
            .rev()
            .find(|&n| self.modules.contains_key(&path[..n]))?;
        let module = &path[..module_len];
        if depth < 16
            && let Some(name) = path.get(module_len)
            && let Some(target) = self.names.get(module).and_then(|n| n.get(name))
            && target.as_slice() != path
        {
            let mut through: ModPath = target.clone();
            through.extend(path[module_len + 1..].iter().cloned());
            if let Some(file) = self.resolve(&through, depth + 1) {
                return Some(file);
            }
        }
        self.modules.get(module).cloned()
    }

    /// Every arrow from a file to a file it imports (not to itself, not to its ancestors).
    fn edges(&self) -> BTreeSet<(PathBuf, PathBuf)> {
        let mut edges = BTreeSet::new();
        for (file, references) in &self.references {
            let module = module_of(file);
            for r in references.iter().filter(|r| !r.is_re_export) {
                let Some(target) = self.resolve(&r.path, 0) else {
                    continue;
                };
                let target_module = module_of(&target);
                let is_ancestor = module.starts_with(&target_module);
                if target != *file && !is_ancestor {
                    edges.insert((file.clone(), target));
                }
            }
        }
        edges
    }

    /// The strongly connected groups of more than one file (Tarjan).
    fn circles(&self) -> Vec<Vec<PathBuf>> {
        let mut next: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        for (a, b) in self.edges() {
            next.entry(a).or_default().push(b);
        }
        let mut tarjan = Tarjan::default();
        for file in self.stripped.keys() {
            if !tarjan.index.contains_key(file) {
                tarjan.visit(file, &next);
            }
        }
        tarjan.circles
    }
}

#[derive(Default)]
struct Tarjan {
    counter: usize,
    index: HashMap<PathBuf, usize>,
    low: HashMap<PathBuf, usize>,
    stack: Vec<PathBuf>,
    on_stack: BTreeSet<PathBuf>,
    circles: Vec<Vec<PathBuf>>,
}

impl Tarjan {
    fn visit(&mut self, file: &Path, next: &BTreeMap<PathBuf, Vec<PathBuf>>) {
        let file = file.to_path_buf();
        self.index.insert(file.clone(), self.counter);
        self.low.insert(file.clone(), self.counter);
        self.counter += 1;
        self.stack.push(file.clone());
        self.on_stack.insert(file.clone());
        for to in next.get(&file).into_iter().flatten() {
            if !self.index.contains_key(to) {
                self.visit(to, next);
                let low = self.low[&file].min(self.low[to]);
                self.low.insert(file.clone(), low);
            } else if self.on_stack.contains(to) {
                let low = self.low[&file].min(self.index[to]);
                self.low.insert(file.clone(), low);
            }
        }
        if self.low[&file] == self.index[&file] {
            let mut group = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(&member);
                let is_root = member == file;
                group.push(member);
                if is_root {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                self.circles.push(group);
            }
        }
    }
}

/// The module a file under `src/` defines: `io/formats/csv.rs` → `io::formats::csv`,
/// `io/mod.rs` → `io`, `lib.rs` → the crate root.
fn module_of(file: &Path) -> ModPath {
    let mut parts: Vec<String> = (file.with_extension("").components())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The text without comments, and with string and char literals emptied, so neither can
/// be mistaken for code. Line breaks are kept.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            && matches!(chars.get(i + 1), Some('"' | '#'))
        {
            // A raw string: r"…", r#"…"#.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            j += 1;
            while j < chars.len() && !at(j, &close) {
                if chars[j] == '\n' {
                    out.push('\n');
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j + close.chars().count();
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\n' {
                    out.push('\n');
                }
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if c == '\''
            && let Some(len) = char_literal_len(&chars[i..])
        {
            out.push_str("' '");
            i += len;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The length of a char literal starting at `chars[0]` (`'a'`, `'\n'`, `'\u{7f}'`), or
/// `None` for a lifetime.
fn char_literal_len(chars: &[char]) -> Option<usize> {
    if chars.get(1) == Some(&'\\') {
        // `'\''`, `'\n'`, `'\u{7f}'`: the escaped char never closes the literal.
        let end = (3..chars.len().min(14)).find(|&k| chars[k] == '\'')?;
        return Some(end + 1);
    }
    (chars.get(2) == Some(&'\'')).then_some(3)
}

/// `(start, end, is_pub, tree)` of every `use` item.
fn use_items(text: &str) -> Vec<(usize, usize, bool, String)> {
    let mut items = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("use ") {
        let start = from + found;
        from = start + 4;
        let is_word_start =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if !is_word_start {
            continue;
        }
        // Only at the start of an item: after `;`, `{`, `}` or an attribute, maybe with a
        // visibility (`pub`, `pub(crate)`…) in between.
        let before = text[..start].trim_end();
        let (is_pub, before) = match without_visibility(before) {
            Some(rest) => (true, rest.trim_end()),
            None => (false, before),
        };
        let is_item = before.is_empty() || before.ends_with([';', '{', '}', ']']);
        if !is_item {
            continue;
        }
        let Some(semicolon) = text[from..].find(';') else {
            break;
        };
        let end = from + semicolon;
        items.push((start, end, is_pub, text[from..end].to_owned()));
        from = end;
    }
    items
}

/// `text` without a visibility at its end (`pub`, `pub(crate)`, `pub(in a::b)`), if it
/// ends with one.
fn without_visibility(text: &str) -> Option<&str> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let rest = if text.ends_with(')') {
        let open = text.rfind("pub(")?;
        &text[..open]
    } else {
        text.strip_suffix("pub")?
    };
    (!rest.ends_with(is_ident)).then_some(rest)
}

/// Splits a `use` tree into its leaves: `(segments, name it is known by)`.
fn parse_tree(tree: &str, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let close = tree.rfind('}').unwrap_or(tree.len());
        let mut base = prefix.to_vec();
        base.extend(segments_of(head));
        let mut depth = 0;
        let mut part = String::new();
        for c in tree[open + 1..close].chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if c == ',' && depth == 0 {
                parse_tree(&part, &base, out);
                part.clear();
            } else {
                part.push(c);
            }
        }
        if !part.trim().is_empty() {
            parse_tree(&part, &base, out);
        }
        return;
    }
    if tree.is_empty() {
        return;
    }
    let (path, alias) = match tree.split_once(" as ") {
        Some((path, alias)) => (path.trim(), Some(alias.trim().to_owned())),
        None => (tree, None),
    };
    let mut segments = prefix.to_vec();
    segments.extend(segments_of(path));
    match segments.last().map(String::as_str) {
        Some("*") => {
            segments.pop();
            out.push((segments, None));
        }
        Some("self") => {
            segments.pop();
            let name = alias.or_else(|| segments.last().cloned());
            out.push((segments, name));
        }
        Some(last) => {
            let name = alias.or_else(|| Some(last.to_owned()));
            out.push((segments, name));
        }
        None => {}
    }
}

fn segments_of(path: &str) -> Vec<String> {
    (path.split("::"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every path of two segments or more in the code, with where it starts: `a::b::c`.
fn code_paths(text: &str) -> Vec<(usize, Vec<String>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut paths = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let after_colons = i >= 2 && chars[i - 1].1 == ':' && chars[i - 2].1 == ':';
        let after_ident = i >= 1 && is_ident(chars[i - 1].1);
        if !is_ident(c) || after_colons || after_ident {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let from = j;
            while j < chars.len() && is_ident(chars[j].1) {
                j += 1;
            }
            segments.push(chars[from..j].iter().map(|(_, c)| *c).collect::<String>());
            let has_more = j + 2 < chars.len()
                && chars[j].1 == ':'
                && chars[j + 1].1 == ':'
                && is_ident(chars[j + 2].1);
            if !has_more {
                break;
            }
            j += 2;
        }
        if segments.len() >= 2 {
            paths.push((start, segments));
        }
        i = j.max(i + 1);
    }
    paths
}

/// Inline modules (`mod tests { … }`): their name and byte range.
fn inline_modules(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("mod ") {
        let start = from + at;
        from = start + 4;
        let rest = &text[from..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let after = rest[name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = from + name.len() + (rest[name.len()..].len() - after.len());
        let mut depth = 0;
        let mut end = text.len();
        for (k, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push((name, open..end));
    }
    found
}

/// The inline modules `at` is inside, outermost first.
fn inline_at(inline: &[(String, std::ops::Range<usize>)], at: usize) -> Vec<String> {
    let mut inside: Vec<&(String, std::ops::Range<usize>)> =
        inline.iter().filter(|(_, r)| r.contains(&at)).collect();
    inside.sort_by_key(|(_, r)| r.start);
    inside.into_iter().map(|(name, _)| name.clone()).collect()
}
