//! Any bytes given to the wire decoder give a value or a `DecodeError`,
//! never a panic, a hang or an allocation beyond the limits; a value that
//! decodes encodes again, and that encoding decodes.
#![no_main]

use gilgamesh_channels::wire::{decode, encode_with, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_total_bytes: 1 << 16,
        max_depth: 32,
        max_elements: 4096,
        max_str_len: 1 << 14,
    };
    if let Ok(v) = decode(data, &limits) {
        let bytes = encode_with(&v, &limits).expect("a decoded value encodes");
        decode(&bytes, &limits).expect("a fresh encoding decodes");
    }
});
