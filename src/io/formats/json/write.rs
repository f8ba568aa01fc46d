//! Writes JSON and JSON Lines exports from a selection.

use super::{AnnotationRecord, EXPORT_FORMAT_NAME, EXPORT_VERSION, JsonExport, RelationRecord};
use crate::io::error::ExportError;
use crate::io::formats::OFFSET_UNIT;
use crate::io::selection::Selection;
use crate::model::{ActorId, DocumentId};

pub(crate) fn export_json(selection: &Selection) -> Result<Vec<u8>, ExportError> {
    let project = selection.project;
    let annotations: Vec<AnnotationRecord> = selection
        .annotations()
        .map(|(d, a)| AnnotationRecord::new(selection, d, a))
        .collect();
    // Only the actors the selected annotations use (as holder or target), in project order.
    let used: std::collections::HashSet<ActorId> = annotations
        .iter()
        .flat_map(|r| [r.holder_id, r.target.as_ref().map(|t| t.id)])
        .flatten()
        .collect();
    let doc_ids: std::collections::HashSet<DocumentId> =
        selection.documents.iter().map(|(d, _)| d.id).collect();
    let export = JsonExport {
        format: EXPORT_FORMAT_NAME.to_owned(),
        version: EXPORT_VERSION,
        offset_unit: OFFSET_UNIT.to_owned(),
        project: project.title().to_owned(),
        tags: project.schema().tags.clone(),
        actors: project
            .actors()
            .iter()
            .filter(|a| !selection.filtered || used.contains(&a.id))
            .cloned()
            .collect(),
        issues: selection.issues().into_iter().cloned().collect(),
        documents: selection
            .documents
            .iter()
            .map(|(d, _)| (*d).clone())
            .collect(),
        annotations,
        relations: selection
            .relations()
            .into_iter()
            .map(RelationRecord::from)
            .collect(),
        preserved: if selection.filtered {
            Vec::new()
        } else {
            project
                .preserved()
                .iter()
                .filter(|p| doc_ids.contains(&p.document))
                .cloned()
                .collect()
        },
    };
    let mut out = serde_json::to_vec_pretty(&export)?;
    out.push(b'\n');
    Ok(out)
}

pub(crate) fn export_jsonl(selection: &Selection) -> Result<Vec<u8>, ExportError> {
    // Each line carries the relations that start at it, so the file restores them.
    let mut outgoing: std::collections::HashMap<_, Vec<RelationRecord>> =
        std::collections::HashMap::new();
    for r in selection.relations() {
        outgoing
            .entry(r.from)
            .or_default()
            .push(RelationRecord::from(r));
    }
    let mut out = Vec::new();
    for (doc, a) in selection.annotations() {
        let mut record = AnnotationRecord::new(selection, doc, a);
        record.relations = outgoing.remove(&a.id).unwrap_or_default();
        serde_json::to_writer(&mut out, &record)?;
        out.push(b'\n');
    }
    Ok(out)
}
