//! Resident memory of this process, read from `/proc/self/status` (Linux).

/// Peak resident set size (`VmHWM`) in bytes, if the platform reports it.
#[must_use]
pub fn peak_rss_bytes() -> Option<u64> {
    status_kib("VmHWM:").map(|kib| kib * 1024)
}

/// Current resident set size (`VmRSS`) in bytes, if the platform reports it.
#[must_use]
pub fn current_rss_bytes() -> Option<u64> {
    status_kib("VmRSS:").map(|kib| kib * 1024)
}

/// Resets the peak to the current size, so the next phase's peak is its own.
/// Returns false where the kernel does not support it.
pub fn reset_peak_rss() -> bool {
    // Writing "5" to clear_refs resets VmHWM (Linux 4.0 and later). A kernel control file,
    // not a file of the user's: it is written in place, not through `io::atomic`.
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.get(field.len()..)?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_is_at_least_current_on_linux() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let current = current_rss_bytes().unwrap();
        let peak = peak_rss_bytes().unwrap();
        assert!(current > 0);
        assert!(peak >= current / 2, "peak {peak} current {current}");
    }
}
