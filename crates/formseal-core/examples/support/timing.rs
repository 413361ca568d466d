//! Shared by the benchmark examples: run a closure many times and print the mean.

use std::time::Instant;

/// Runs `f` once to warm up, then `runs` times, and prints the mean time per run.
pub fn time(label: &str, runs: u32, mut f: impl FnMut()) {
    f();
    let t = Instant::now();
    for _ in 0..runs {
        f();
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("{label:<55} {per:>8.3} ms");
}
