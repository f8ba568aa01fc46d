//! Krippendorff's α against an independent implementation, the `krippendorff` Python package,
//! on random reliability data. Ignored by default: it needs Python with `krippendorff` and
//! `numpy` (`python3 -m venv .venv && .venv/bin/pip install krippendorff numpy`, then
//! `STANCE_PYTHON=.venv/bin/python cargo test --test agreement_reference -- --ignored`).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::process::Command;

use stance::team::agreement::coefficients::krippendorff_alpha_nominal;

/// A small deterministic generator (xorshift), so failures can be reproduced.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Coders × units, values 0..categories, about a fifth missing; units lean to one value so
/// that α is spread over its range rather than near 0.
fn matrix(rng: &mut Rng) -> Vec<Vec<Option<u64>>> {
    let coders = 2 + rng.below(4);
    let units = 5 + rng.below(40);
    let categories = 2 + rng.below(4);
    let truth: Vec<u64> = (0..units).map(|_| rng.below(categories)).collect();
    let noise = 1 + rng.below(9);
    (0..coders)
        .map(|_| {
            truth
                .iter()
                .map(|&t| match rng.below(10) {
                    0 | 1 => None,
                    r if r < noise => Some(rng.below(categories)),
                    _ => Some(t),
                })
                .collect()
        })
        .collect()
}

#[test]
#[ignore = "needs Python with the krippendorff package; see the module comment"]
fn krippendorff_alpha_matches_the_python_package_on_random_data() {
    let mut rng = Rng(0x5eed_1234_abcd);
    let matrices: Vec<_> = (0..200).map(|_| matrix(&mut rng)).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matrices.json");
    std::fs::write(&path, serde_json::to_string(&matrices).unwrap()).unwrap();
    let python = std::env::var("STANCE_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scripts/krippendorff_check.py"
    );
    let out = Command::new(python)
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference: Vec<f64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect();
    assert_eq!(reference.len(), matrices.len());
    let mut compared = 0;
    for (m, expected) in matrices.iter().zip(reference) {
        // Ours takes units × coders.
        let units: Vec<Vec<Option<u64>>> = (0..m[0].len())
            .map(|u| m.iter().map(|row| row[u]).collect())
            .collect();
        match krippendorff_alpha_nominal(&units) {
            Some(alpha) => {
                assert!(
                    (alpha - expected).abs() < 1e-4,
                    "α {alpha} vs krippendorff {expected} for {m:?}"
                );
                compared += 1;
            }
            None => assert!(!expected.is_finite() || expected.abs() < 1e-9, "{m:?}"),
        }
    }
    assert!(compared > 150, "only {compared} matrices had an α");
}
