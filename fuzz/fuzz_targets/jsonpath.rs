#![no_main]
// The body is kk::fuzzing::jsonpath, an ordinary function the unit tests also run over the seeds.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kk::fuzzing::jsonpath(data));
