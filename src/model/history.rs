//! [`History`]: undo and redo on top of [`Edit`]s, with grouping of typing bursts.

use chrono::{DateTime, TimeDelta, Utc};

use super::{Edit, EditError, Project};

/// Edits with the same coalescing key closer than this in time form one undo step.
const COALESCE_WINDOW: TimeDelta = TimeDelta::seconds(2);
/// Oldest steps are dropped beyond this many.
const MAX_STEPS: usize = 1000;

/// One undoable step: the edits that undo (or redo) it, applied in order.
#[derive(Clone, Debug)]
struct Step {
    edits: Vec<Edit>,
    label: String,
    coalesce_key: Option<String>,
    last_at: DateTime<Utc>,
    /// Identifies the project state after this step, for the saved/unsaved flag.
    state: u64,
}

/// Undo/redo stacks for one project.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_state: u64,
    saved_state: u64,
    /// False after undo, redo or [`History::break_group`]: the next edit starts a new step.
    may_coalesce: bool,
}

impl History {
    #[must_use]
    pub fn new() -> Self {
        Self {
            next_state: 1,
            ..Self::default()
        }
    }

    /// Applies `edit` to `project` and records it as one undo step named `label`.
    ///
    /// Consecutive edits with the same `coalesce_key` (e.g. `note:<id>`) within two seconds
    /// merge into one step, so a typing burst undoes at once.
    ///
    /// # Errors
    /// The edit was refused; nothing was recorded and the project is unchanged.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: &str,
        coalesce_key: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), EditError> {
        let inverse = project.apply(edit)?;
        self.redo.clear();
        let state = self.fresh_state();
        if let (true, Some(key), Some(top)) =
            (self.may_coalesce, coalesce_key, self.undo.last_mut())
            && top.coalesce_key.as_deref() == Some(key)
            && now - top.last_at <= COALESCE_WINDOW
        {
            // Undo runs newest first: the new inverse goes before the older ones.
            top.edits.insert(0, inverse);
            top.last_at = now;
            top.state = state;
            return Ok(());
        }
        self.undo.push(Step {
            edits: vec![inverse],
            label: label.to_owned(),
            coalesce_key: coalesce_key.map(str::to_owned),
            last_at: now,
            state,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.may_coalesce = true;
        Ok(())
    }

    /// Ends the current typing burst: the next edit is a step of its own.
    pub fn break_group(&mut self) {
        self.may_coalesce = false;
    }

    /// Undoes the newest step; returns its label.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.undo.pop()?;
        let label = step.label.clone();
        match Self::replay(project, step) {
            Ok(redo_step) => {
                self.redo.push(redo_step);
                self.may_coalesce = false;
                Some(label)
            }
            Err(step) => {
                self.undo.push(step);
                None
            }
        }
    }

    /// Redoes the newest undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.redo.pop()?;
        let label = step.label.clone();
        match Self::replay(project, step) {
            Ok(undo_step) => {
                self.undo.push(undo_step);
                self.may_coalesce = false;
                Some(label)
            }
            Err(step) => {
                self.redo.push(step);
                None
            }
        }
    }

    /// Applies a step's edits and returns the step that reverses it. Both name the state the
    /// step produces when on the undo stack, so the saved flag follows undo and redo.
    /// Steps are inverses of applied edits, so they apply; if the project was changed
    /// behind the history's back, the partial replay is rolled back.
    fn replay(project: &mut Project, step: Step) -> Result<Step, Step> {
        let mut reversed = Vec::with_capacity(step.edits.len());
        for edit in &step.edits {
            match project.apply(edit.clone()) {
                Ok(inverse) => reversed.push(inverse),
                Err(_) => {
                    for inverse in reversed.into_iter().rev() {
                        let _rolled_back = project.apply(inverse);
                    }
                    return Err(step);
                }
            }
        }
        reversed.reverse();
        Ok(Step {
            edits: reversed,
            label: step.label,
            coalesce_key: None,
            last_at: step.last_at,
            state: step.state,
        })
    }

    fn fresh_state(&mut self) -> u64 {
        let state = self.next_state;
        self.next_state += 1;
        state
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The current state's identity: equal states mean equal projects.
    #[must_use]
    pub fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.state)
    }

    /// Records that the project as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.current_state();
        self.may_coalesce = false;
    }

    /// True when the project differs from what was last saved.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.current_state() != self.saved_state
    }

    /// Marks the project as differing from its file (e.g. restored from a recovery snapshot).
    pub fn mark_unsaved(&mut self) {
        // States are numbered from 1 upwards, so no state ever equals this one.
        self.saved_state = u64::MAX;
    }

    /// The edits [`History::undo`] applies next, in order: lets a copy of the project kept
    /// elsewhere (the recovery mirror) replay the undo.
    #[must_use]
    pub fn undo_edits(&self) -> &[Edit] {
        self.undo.last().map_or(&[], |s| s.edits.as_slice())
    }

    /// The edits [`History::redo`] applies next, in order.
    #[must_use]
    pub fn redo_edits(&self) -> &[Edit] {
        self.redo.last().map_or(&[], |s| s.edits.as_slice())
    }
}
