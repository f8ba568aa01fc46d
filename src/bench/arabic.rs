//! Dataset (b, Arabic): the long article of (b) in Arabic, for the bidi layout's cost.
//!
//! The same shape as [`super::data::long_article_project`]: paragraphs from one-line quotes to
//! walls of text, 10,000 annotations, 300 actors. The words are Arabic news vocabulary, with
//! the things that make bidi work: Latin names and abbreviations inside right-to-left lines,
//! Western and Arabic-Indic numbers, brackets, Arabic commas and «quotes».

use uuid::Uuid;

use super::data::{LongArticleSpec, add_actors, add_annotations};
use super::rng::Rng;
use crate::model::{Document, DocumentId, EditError, Project};

/// Dataset (b) in Arabic: one long generated article.
///
/// # Errors
/// A generated edit was refused by the model (a bug in the generator).
pub fn arabic_article_project(spec: LongArticleSpec) -> Result<Project, EditError> {
    let mut rng = Rng::new(0xba);
    let mut project = Project::new("Benchmark (b, Arabic): one long article");
    let mut doc = Document::new(
        "محضر: جولة جنيف، كل الجلسات",
        arabic_article_text(&mut rng, spec.text_bytes),
    );
    doc.id = DocumentId(Uuid::from_u128(rng.next_u128()));
    let doc_id = doc.id;
    project.apply(project.add_document(doc))?;
    add_actors(&mut project, &mut rng, spec.actors)?;
    add_annotations(&mut project, &mut rng, doc_id, spec.annotations, 0)?;
    Ok(project)
}

/// About `target_bytes` of Arabic paragraphs, separated by blank lines, of the same lengths
/// in characters as (b)'s (an Arabic letter takes two bytes).
pub(super) fn arabic_article_text(rng: &mut Rng, target_bytes: usize) -> String {
    let mut out = String::with_capacity(target_bytes + 8192);
    while out.len() < target_bytes {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let paragraph_bytes = 2 * match rng.below(100) {
            0..15 => rng.between(40, 120),
            15..85 => rng.between(150, 560),
            85..98 => rng.between(700, 1400),
            _ => rng.between(2000, 5000),
        };
        let paragraph_bytes = paragraph_bytes.min((target_bytes + 80).saturating_sub(out.len()));
        paragraph(rng, paragraph_bytes, &mut out);
    }
    out
}

fn paragraph(rng: &mut Rng, target_bytes: usize, out: &mut String) {
    let start = out.len();
    while out.len() - start < target_bytes {
        if out.len() > start {
            out.push(' ');
        }
        if rng.percent(12) {
            out.push('«');
            out.push_str(&sentence(rng, 6, 22));
            out.push_str("» قال ");
            let (given, family) = (*rng.pick(GIVEN_NAMES), *rng.pick(FAMILY_NAMES));
            out.push_str(given);
            out.push(' ');
            out.push_str(family);
            out.push('.');
        } else {
            out.push_str(&sentence(rng, 6, 28));
        }
    }
}

fn sentence(rng: &mut Rng, min_words: usize, max_words: usize) -> String {
    let words = rng.between(min_words, max_words);
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push_str(if rng.percent(6) { "، " } else { " " });
        }
        let word = if rng.percent(6) {
            *rng.pick(MIXED_WORDS)
        } else {
            *rng.pick(WORDS)
        };
        out.push_str(word);
    }
    out.push('.');
    out
}

const WORDS: &[&str] = &[
    "المفاوضات",
    "الوفد",
    "المسؤولون",
    "قال",
    "اتفق",
    "على",
    "إطار",
    "الأمن",
    "ضمانات",
    "وقف",
    "إطلاق",
    "النار",
    "المفاوضين",
    "الاقتراح",
    "الإقليمية",
    "القضية",
    "تسوية",
    "المبعوث",
    "وزير",
    "الخارجية",
    "في",
    "مع",
    "إلى",
    "من",
    "بعد",
    "الاجتماع",
    "تقدم",
    "نحو",
    "اتفاق",
    "يعتمد",
    "استعداد",
    "جدي",
    "التزام",
    "طويل",
    "الأمد",
    "السلام",
    "العقوبات",
    "الاقتصادية",
    "المبادرات",
    "إعادة",
    "الإعمار",
    "الأسرى",
    "تبادل",
    "المراقبة",
    "بعثة",
    "الحدود",
    "انسحاب",
    "القوات",
    "تنازلات",
    "مطالب",
    "موقف",
    "بيان",
    "مشترك",
    "مسودة",
    "نقاط",
    "بند",
    "النص",
    "جولة",
    "الثانية",
    "الثالثة",
    "يوم",
    "الجمعة",
    "الثلاثاء",
    "بناءة",
    "جوهرية",
    "لم",
    "بعد",
    "يقبل",
    "يرفض",
    "يصر",
    "أن",
    "أي",
    "صفقة",
    "يجب",
    "تشمل",
    "الطاقة",
    "الحبوب",
    "الممر",
    "المحطة",
    "النووية",
    "الاستفتاء",
    "الانتخابات",
    "العفو",
    "المراقبين",
    "الجدول",
    "الزمني",
    "مرحلي",
    "التحقق",
    "لكن",
    "الطرفين",
    "نفيا",
    "تقديم",
    "الوسيط",
    "مجددًا",
    "الدوحة",
    "الأمم",
    "المتحدة",
];

/// Latin names and abbreviations, numbers and brackets inside the Arabic lines.
const MIXED_WORDS: &[&str] = &[
    "Geneva",
    "(UN)",
    "NATO",
    "2025",
    "١٤",
    "٢٠٢٥",
    "3.5%",
    "(الأمم المتحدة)",
    "Witkoff",
    "Rubio",
    "«الخطة»",
    "€2.5bn",
    "U.S.",
    "١٩٤٨",
    "Doha",
    "—",
    "(مسودة)",
];

const GIVEN_NAMES: &[&str] = &[
    "محمد",
    "أحمد",
    "فيصل",
    "عبد الله",
    "خالد",
    "سامي",
    "ليلى",
    "نادية",
    "يوسف",
    "عمر",
];

const FAMILY_NAMES: &[&str] = &[
    "الأنصاري",
    "بن عبد الرحمن",
    "الصفدي",
    "عراقجي",
    "الخليفي",
    "شكري",
    "المالكي",
    "Lavrov",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_article_is_valid_right_to_left_and_the_size_asked() {
        let spec = LongArticleSpec {
            text_bytes: 60_000,
            annotations: 300,
            actors: 20,
        };
        let project = arabic_article_project(spec).unwrap_or_else(|e| panic!("{e}"));
        let doc = &project.documents()[0];
        assert!(doc.text.len() >= 60_000 && doc.text.len() < 70_000);
        assert_eq!(project.annotations().len(), 300);
        let rtl = doc
            .paragraphs()
            .iter()
            .filter(|p| {
                let text = &doc.text[p.bytes_start..p.bytes_end];
                crate::ui::article::bidi::is_rtl_paragraph(text)
            })
            .count();
        // A paragraph may open with a Latin name ("Geneva …"): then it reads left to right.
        let count = doc.paragraphs().len();
        assert!(
            rtl * 10 >= count * 9,
            "{rtl} of {count} paragraphs read right to left"
        );
        assert_eq!(
            arabic_article_project(spec)
                .map(|p| p.documents()[0].text.clone())
                .ok(),
            Some(doc.text.clone()),
            "deterministic"
        );
    }
}
