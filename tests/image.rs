//! Logo header parsing: dimensions of PNG, GIF and JPEG files from their first bytes, and
//! safety on truncated or hostile input.

use oin_helper::image::{dimensions, sniff, Format};

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    b.extend(b"IHDR");
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b.extend([8, 6, 0, 0, 0]);
    b
}

fn gif(w: u16, h: u16) -> Vec<u8> {
    let mut b = b"GIF89a".to_vec();
    b.extend(w.to_le_bytes());
    b.extend(h.to_le_bytes());
    b.extend([0xF7, 0, 0]);
    b
}

/// SOI, APP0 (JFIF), a DQT, fill bytes, then a frame header with the given marker.
fn jpeg(sof: u8, w: u16, h: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8];
    b.extend([0xFF, 0xE0, 0x00, 0x10]);
    b.extend(b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00");
    b.extend([0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01]);
    // A DHT (C4) is in the SOF range but is not a frame header.
    b.extend([0xFF, 0xC4, 0x00, 0x05, 0x10, 0x20, 0x30]);
    b.extend([0xFF, 0xFF, 0xFF]);
    b.extend([sof, 0x00, 0x11, 0x08]);
    b.extend(h.to_be_bytes());
    b.extend(w.to_be_bytes());
    b.extend([0x03, 0x01, 0x22, 0x00]);
    b
}

/// Bytes and the dimensions they should give.
type Case = (Vec<u8>, Option<(Format, u32, u32)>);

#[test]
fn reads_dimensions() {
    let cases: Vec<Case> = vec![
        (png(244, 244), Some((Format::Png, 244, 244))),
        (png(4000, 1), Some((Format::Png, 4000, 1))),
        (gif(200, 200), Some((Format::Gif, 200, 200))),
        (jpeg(0xC0, 244, 156), Some((Format::Jpeg, 244, 156))),
        (jpeg(0xC2, 156, 244), Some((Format::Jpeg, 156, 244))),
        (jpeg(0xCF, 1, 2), Some((Format::Jpeg, 1, 2))),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(), None),
        (b"RIFF\0\0\0\0WEBPVP8 ".to_vec(), None),
        (vec![], None),
    ];
    for (bytes, want) in cases {
        assert_eq!(dimensions(&bytes), want, "{bytes:?}");
    }
}

#[test]
fn sniffs_magic_numbers() {
    assert_eq!(sniff(&png(1, 1)), Some(Format::Png));
    assert_eq!(sniff(b"GIF87a"), Some(Format::Gif));
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE1]), Some(Format::Jpeg));
    assert_eq!(sniff(b"BM"), None);
}

#[test]
fn truncated_and_hostile_bytes_never_panic() {
    for full in [png(244, 244), gif(200, 200), jpeg(0xC0, 244, 156)] {
        for n in 0..full.len() {
            let _ = dimensions(&full[..n]);
        }
    }
    // Scan reaches SOS before any frame header.
    assert_eq!(dimensions(&[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), None);
    // Segment length below 2 would loop forever.
    assert_eq!(
        dimensions(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF]),
        None
    );
    // Garbage after SOI.
    assert_eq!(
        dimensions(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 0x12]),
        None
    );
    // 64 KiB of fill bytes.
    let mut fill = vec![0xFF, 0xD8];
    fill.extend(std::iter::repeat_n(0xFF, 65_536));
    assert_eq!(dimensions(&fill), None);
    // Pseudo-random bytes after every signature.
    let mut seed = 0x2545_F491u32;
    for sig in [&[0xFF, 0xD8, 0xFF][..], b"GIF89a", &png(1, 1)[..8]] {
        for _ in 0..200 {
            let mut b = sig.to_vec();
            for _ in 0..64 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                b.push(seed as u8);
            }
            let _ = dimensions(&b);
        }
    }
}
