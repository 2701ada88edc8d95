//! Comparing two runs: per metric, both means, the difference, a paired
//! two-sided randomization test (Fisher's sign-flip permutation test on the
//! per-topic differences) and how many topics improved or worsened.

use super::metrics::{Metrics, NAMES};

/// Permutations of the randomization test.
pub const ROUNDS: usize = 10_000;

/// The comparison of one metric.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MetricComparison {
    pub metric: &'static str,
    pub mean_a: f64,
    pub mean_b: f64,
    /// `mean_b - mean_a`.
    pub diff: f64,
    /// Two-sided p-value of the paired randomization test.
    pub p_value: f64,
    pub improved: usize,
    pub worsened: usize,
}

/// Compares per-topic metrics of run A and run B (same topics, same order).
pub fn compare(a: &[Metrics], b: &[Metrics], seed: u64) -> Vec<MetricComparison> {
    (0..NAMES.len())
        .map(|m| {
            let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| y.0[m] - x.0[m]).collect();
            let n = diffs.len().max(1) as f64;
            MetricComparison {
                metric: NAMES[m],
                mean_a: a.iter().map(|x| x.0[m]).sum::<f64>() / n,
                mean_b: b.iter().map(|x| x.0[m]).sum::<f64>() / n,
                diff: diffs.iter().sum::<f64>() / n,
                p_value: randomization_p(&diffs, ROUNDS, seed),
                improved: diffs.iter().filter(|&&d| d > 1e-12).count(),
                worsened: diffs.iter().filter(|&&d| d < -1e-12).count(),
            }
        })
        .collect()
}

/// Two-sided p-value of a paired randomization (sign-flip) test on the
/// differences: the share of random sign assignments whose mean is at least
/// as far from zero as the observed one (with the observed counted once).
pub fn randomization_p(diffs: &[f64], rounds: usize, seed: u64) -> f64 {
    if diffs.is_empty() {
        return 1.0;
    }
    let observed = diffs.iter().sum::<f64>().abs();
    let mut state = seed;
    let mut at_least = 0usize;
    for _ in 0..rounds {
        let mut sum = 0.0;
        for (i, d) in diffs.iter().enumerate() {
            if i % 64 == 0 {
                state = splitmix64(state);
            }
            let bit = (state >> (i % 64)) & 1;
            sum += if bit == 1 { *d } else { -*d };
        }
        if sum.abs() >= observed - 1e-12 {
            at_least += 1;
        }
    }
    (at_least + 1) as f64 / (rounds + 1) as f64
}

/// SplitMix64: a small, well-mixed generator; seeded, so p-values repeat.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_runs_are_not_significant() {
        assert_eq!(randomization_p(&[0.0; 20], 1000, 1), 1.0);
    }

    #[test]
    fn a_consistent_improvement_is_significant() {
        let p = randomization_p(&[0.1; 20], 10_000, 7);
        // Only the all-positive and all-negative assignments are as extreme:
        // 2 / 2^20 of them, so p is about 1 / 10001.
        assert!(p < 0.001, "{p}");
    }

    #[test]
    fn mixed_differences_are_not() {
        let d = [0.1, -0.1, 0.05, -0.05, 0.02, -0.03, 0.01, 0.0];
        assert!(randomization_p(&d, 10_000, 3) > 0.5);
    }

    #[test]
    fn counts_and_means() {
        let a = vec![Metrics([0.5; 8]), Metrics([0.5; 8])];
        let b = vec![Metrics([1.0; 8]), Metrics([0.0; 8])];
        let c = &compare(&a, &b, 1)[0];
        assert_eq!((c.improved, c.worsened), (1, 1));
        assert!((c.mean_a - 0.5).abs() < 1e-12 && c.diff.abs() < 1e-12);
    }
}
