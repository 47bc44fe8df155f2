//! Simulated time: `kk-sim serve --speed N` makes the cluster's own waits N times shorter
//! (restart back-offs, probe periods, CronJob schedules, progress deadlines, the periodic
//! output of images), so tests need not wait for wall-clock minutes. Timestamps the API shows
//! stay wall-clock time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

static SPEED_BITS: AtomicU64 = AtomicU64::new(0x3FF0_0000_0000_0000); // 1.0f64

/// Sets the speed factor (values below 0.01 are taken as 0.01).
pub fn set_speed(speed: f64) {
    SPEED_BITS.store(speed.max(0.01).to_bits(), Ordering::Relaxed);
}

/// The speed factor (1.0 unless `--speed` says otherwise).
pub fn speed() -> f64 {
    f64::from_bits(SPEED_BITS.load(Ordering::Relaxed))
}

/// A simulated duration as real time: `d / speed`.
pub fn scaled(d: Duration) -> Duration {
    let s = speed();
    if s == 1.0 { d } else { d.div_f64(s) }
}

/// Real elapsed time as simulated time: `d * speed`.
pub fn simulated(d: Duration) -> Duration {
    let s = speed();
    if s == 1.0 { d } else { d.mul_f64(s) }
}
