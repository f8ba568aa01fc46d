//! Benchmark figures, printed one per line as `name: value unit` so scripts can read them.

use std::fmt;
use std::time::Duration;

/// One measured figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: Unit,
}

/// How a figure is counted and printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Ratio,
    Mb,
    Frames,
    Count,
    Px,
}

impl Figure {
    #[must_use]
    pub fn ms(name: impl Into<String>, duration: Duration) -> Self {
        Self::new(name, duration.as_secs_f64() * 1000.0, Unit::Ms)
    }

    #[must_use]
    pub fn new(name: impl Into<String>, value: f64, unit: Unit) -> Self {
        Self {
            name: name.into(),
            value,
            unit,
        }
    }

    /// Bytes shown in megabytes (10^6 bytes).
    #[must_use]
    pub fn mb(name: impl Into<String>, bytes: u64) -> Self {
        let value = bytes as f64 / 1e6;
        Self::new(name, value, Unit::Mb)
    }

    #[must_use]
    pub fn with_unit(mut self, unit: Unit) -> Self {
        self.unit = unit;
        self
    }

    #[must_use]
    pub fn count(name: impl Into<String>, count: usize) -> Self {
        let value = count as f64;
        Self::new(name, value, Unit::Count)
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.name;
        let value = self.value;
        match self.unit {
            Unit::Ms => write!(f, "{name}: {value:.2} ms"),
            Unit::Ratio => write!(f, "{name}: {value:.2} x"),
            Unit::Mb => write!(f, "{name}: {value:.1} MB"),
            Unit::Frames => write!(f, "{name}: {value:.0} frames"),
            Unit::Count => write!(f, "{name}: {value:.0} count"),
            Unit::Px => write!(f, "{name}: {value:.0} px"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_name_value_unit() {
        assert_eq!(
            Figure::ms("b.frame.p95", Duration::from_micros(2_800)).to_string(),
            "b.frame.p95: 2.80 ms"
        );
        assert_eq!(
            Figure::mb("c.peak_rss", 123_456_789).to_string(),
            "c.peak_rss: 123.5 MB"
        );
        assert_eq!(
            Figure::new("tag.latency", 0.0, Unit::Frames).to_string(),
            "tag.latency: 0 frames"
        );
        assert_eq!(
            Figure::new("ratio", 1.234, Unit::Ratio).to_string(),
            "ratio: 1.23 x"
        );
    }
}
