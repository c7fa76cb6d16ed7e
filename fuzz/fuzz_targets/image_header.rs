//! Fuzz target: the logo header parser on any bytes (and every prefix the content script could
//! send, since it sends at most the first 64 KiB). Invariant checked: no panic, no endless scan,
//! and a size read from a prefix is the size read from the whole file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oin_helper::image;

fuzz_target!(|data: &[u8]| {
    let whole = image::dimensions(data);
    if let Some((format, _, _)) = whole {
        assert_eq!(image::sniff(data), Some(format));
    }
    let cut = data.first().map_or(0, |b| usize::from(*b)).min(data.len());
    if let Some(found) = image::dimensions(&data[..cut]) {
        assert_eq!(whole, Some(found), "a prefix said more than the whole file");
    }
});
