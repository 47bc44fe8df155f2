#![no_main]
// The body is kk::fuzzing::strategic_patch, an ordinary function the unit tests also run over the seeds.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kk::fuzzing::strategic_patch(data));
