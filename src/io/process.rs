//! Whether another process is still running, without `unsafe`: on Linux by `/proc/<pid>`,
//! elsewhere unknown (callers then fall back to the age of what the process left behind).

/// `Some(true)` if a process with this id runs, `Some(false)` if none does, `None` when this
/// system cannot tell. A reused pid reads as alive, which errs on the side of keeping files.
#[must_use]
pub fn is_process_alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    let proc_root = std::path::Path::new("/proc");
    if !cfg!(target_os = "linux") || !proc_root.join("self").exists() {
        return None;
    }
    Some(proc_root.join(pid.to_string()).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_finished_child_is_not() {
        assert_eq!(is_process_alive(std::process::id()), Some(true));
        if cfg!(target_os = "linux") {
            let mut child = std::process::Command::new("true").spawn().unwrap();
            let pid = child.id();
            child.wait().unwrap();
            assert_eq!(is_process_alive(pid), Some(false));
        }
    }
}
