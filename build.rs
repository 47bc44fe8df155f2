//! Link kk as a position-dependent executable, as Go links kubectl by default.
//!
//! A PIE must have its 29,000 relocations (vtables, string tables, clap's command tree)
//! applied at every start, writing to and so privately copying ~0.5 MiB of pages. Measured
//! on the release build of `kk version --client`: peak RSS 10.7 → 9.6 MiB, CPU 3.2 → 2.6 ms.
//! The objects stay position-independent; only the final link of kk's own binaries changes
//! (`rustc-link-arg-bins`), so RUSTFLAGS, dependencies and tests are untouched.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
