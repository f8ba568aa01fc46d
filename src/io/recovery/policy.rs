//! When to take a snapshot: a pure rule on times, so the app asks it every frame and tests
//! drive it with made-up instants.

use std::time::{Duration, Instant};

/// Snapshot within about 2 s of the last edit (after a short quiet spell, so typing is not
/// interrupted by writes), and at least every 30 s while edits keep coming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutosavePolicy {
    /// Quiet time after the last edit before a snapshot. Below 2 s, leaving room for the
    /// worker's write so the snapshot is on disk within 2 s of the edit.
    pub quiet: Duration,
    /// The longest an edit may stay out of every snapshot while editing goes on. Below 30 s
    /// for the same reason.
    pub max_delay: Duration,
}

impl Default for AutosavePolicy {
    fn default() -> Self {
        Self {
            quiet: Duration::from_millis(1500),
            max_delay: Duration::from_secs(28),
        }
    }
}

/// The times the app keeps for the policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditTimes {
    /// The first edit since the last save (or load); `None` when there are no unsaved edits.
    pub first_unsaved_edit: Option<Instant>,
    pub last_edit: Option<Instant>,
    /// When the last snapshot was handed to the worker.
    pub last_snapshot: Option<Instant>,
}

/// What the app should do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutosaveDecision {
    /// Hand the project to the recovery worker now.
    SnapshotNow,
    /// Ask again at this instant (e.g. `ctx.request_repaint_after`).
    WaitUntil(Instant),
    /// Nothing unsaved, or the last snapshot already holds every edit.
    Idle,
}

impl AutosavePolicy {
    #[must_use]
    pub fn decide(&self, times: &EditTimes, now: Instant) -> AutosaveDecision {
        let (Some(first_unsaved), Some(last_edit)) = (times.first_unsaved_edit, times.last_edit)
        else {
            return AutosaveDecision::Idle;
        };
        if times.last_snapshot.is_some_and(|s| s >= last_edit) {
            return AutosaveDecision::Idle;
        }
        // The oldest edit that no snapshot holds yet is no older than this.
        let oldest_unsnapshotted = times
            .last_snapshot
            .map_or(first_unsaved, |s| s.max(first_unsaved));
        let quiet_deadline = last_edit + self.quiet;
        let max_deadline = oldest_unsnapshotted + self.max_delay;
        let deadline = quiet_deadline.min(max_deadline);
        if now >= deadline {
            AutosaveDecision::SnapshotNow
        } else {
            AutosaveDecision::WaitUntil(deadline)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    /// Simulates an edit every `gap` from `t0` for `span`, asking the policy every 100 ms;
    /// returns the offsets of the snapshots taken.
    fn simulate(edit_gap: Duration, span: Duration, total: Duration) -> Vec<Duration> {
        let policy = AutosavePolicy::default();
        let t0 = Instant::now();
        let mut times = EditTimes::default();
        let mut next_edit = Duration::ZERO;
        let mut snapshots = Vec::new();
        let mut at = Duration::ZERO;
        while at <= total {
            let now = t0 + at;
            if at >= next_edit && at <= span {
                times.first_unsaved_edit.get_or_insert(now);
                times.last_edit = Some(now);
                next_edit += edit_gap;
            }
            if policy.decide(&times, now) == AutosaveDecision::SnapshotNow {
                times.last_snapshot = Some(now);
                snapshots.push(at);
            }
            at += Duration::from_millis(100);
        }
        snapshots
    }

    #[test]
    fn a_single_edit_is_snapshotted_once_within_two_seconds() {
        let snapshots = simulate(secs(1000), secs(0), secs(60));
        assert_eq!(snapshots.len(), 1);
        assert!(snapshots[0] <= secs(2), "{snapshots:?}");
        assert!(snapshots[0] >= Duration::from_millis(1000));
    }

    #[test]
    fn steady_typing_is_snapshotted_at_least_every_thirty_seconds() {
        // An edit every 500 ms for 95 s: never quiet, so only the maximum delay fires.
        let snapshots = simulate(Duration::from_millis(500), secs(95), secs(100));
        assert!(snapshots.len() >= 4, "{snapshots:?}");
        let mut previous = Duration::ZERO;
        for s in &snapshots {
            assert!(*s - previous <= secs(30), "{snapshots:?}");
            previous = *s;
        }
        // The last edit at 95 s is in a snapshot within 2 s.
        assert!(snapshots.iter().any(|s| *s > secs(95) && *s <= secs(97)));
    }

    #[test]
    fn nothing_unsaved_means_idle_and_waits_name_the_deadline() {
        let policy = AutosavePolicy::default();
        let t0 = Instant::now();
        assert_eq!(
            policy.decide(&EditTimes::default(), t0),
            AutosaveDecision::Idle
        );
        let times = EditTimes {
            first_unsaved_edit: Some(t0),
            last_edit: Some(t0),
            last_snapshot: None,
        };
        assert_eq!(
            policy.decide(&times, t0),
            AutosaveDecision::WaitUntil(t0 + policy.quiet)
        );
        let snapped = EditTimes {
            last_snapshot: Some(t0 + secs(1)),
            ..times
        };
        assert_eq!(
            policy.decide(&snapped, t0 + secs(5)),
            AutosaveDecision::Idle
        );
    }
}
