//! Simulated time: `kk-sim serve --speed N` makes the cluster's own waits N times shorter
//! (restart back-offs, probe periods, CronJob schedules, progress deadlines, Jobs' TTLs, the
//! periodic output of images), so tests need not wait for wall-clock minutes. Timestamps the
//! API shows stay wall-clock time: the cluster's simulated clock ([`sim_now`]) runs `N` times
//! as fast from the moment the speed was set, and [`to_wall`]/[`to_sim`] map between the two.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

static SPEED_BITS: AtomicU64 = AtomicU64::new(0x3FF0_0000_0000_0000); // 1.0f64

/// Where simulated and wall-clock time agree: when the speed was set.
static EPOCH: OnceLock<DateTime<Utc>> = OnceLock::new();

/// Sets the speed factor (values below 0.01 are taken as 0.01).
pub fn set_speed(speed: f64) {
    EPOCH.get_or_init(Utc::now);
    SPEED_BITS.store(speed.max(0.01).to_bits(), Ordering::Relaxed);
}

fn epoch() -> DateTime<Utc> {
    *EPOCH.get_or_init(Utc::now)
}

/// The cluster's simulated "now" (wall-clock time at speed 1).
pub fn sim_now() -> DateTime<Utc> {
    to_sim(Utc::now())
}

/// The simulated time of wall-clock instant `t`.
pub fn to_sim(t: DateTime<Utc>) -> DateTime<Utc> {
    map(t, speed())
}

/// The wall-clock instant of simulated time `t`.
pub fn to_wall(t: DateTime<Utc>) -> DateTime<Utc> {
    map(t, 1.0 / speed())
}

fn map(t: DateTime<Utc>, factor: f64) -> DateTime<Utc> {
    if factor == 1.0 {
        return t;
    }
    let e = epoch();
    let from_epoch = (t - e).num_microseconds().unwrap_or(0) as f64 * factor;
    e + chrono::Duration::microseconds(from_epoch as i64)
}

/// Simulated seconds since wall-clock instant `t` (negative if it is ahead).
pub fn sim_secs_since(t: DateTime<Utc>) -> i64 {
    let wall = (Utc::now() - t).num_milliseconds() as f64 / 1000.0;
    (wall * speed()).floor() as i64
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
