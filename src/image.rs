//! Image header parsing (PNG, GIF, JPEG) for the logo checks: pixel dimensions from the first
//! bytes of a chosen file, read locally. Invariant: never panics on truncated or hostile bytes
//! (every read goes through `get`, every JPEG segment moves forward, so the scan ends).

/// Image formats the OIN catalog accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG.
    Png,
    /// GIF.
    Gif,
    /// JPEG.
    Jpeg,
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// The format a file's magic number says, when it is one the catalog accepts.
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&PNG_SIGNATURE) {
        Some(Format::Png)
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some(Format::Gif)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else {
        None
    }
}

/// Reads the format and pixel size from a file's first bytes, when they say it.
pub fn dimensions(head: &[u8]) -> Option<(Format, u32, u32)> {
    match sniff(head)? {
        Format::Png => png(head),
        Format::Gif => gif(head),
        Format::Jpeg => jpeg(head),
    }
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u32::from(s[0]) << 8 | u32::from(s[1]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// PNG: the first chunk must be IHDR; width and height are big-endian u32 at offsets 16 and 20.
fn png(head: &[u8]) -> Option<(Format, u32, u32)> {
    if head.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((Format::Png, be32(head, 16)?, be32(head, 20)?))
}

/// GIF: the logical screen descriptor follows the 6-byte signature, little-endian u16s.
fn gif(head: &[u8]) -> Option<(Format, u32, u32)> {
    let s = head.get(6..10)?;
    let w = u32::from(s[0]) | u32::from(s[1]) << 8;
    let h = u32::from(s[2]) | u32::from(s[3]) << 8;
    Some((Format::Gif, w, h))
}

/// JPEG: walks the marker segments after SOI to the first start-of-frame (SOF0–SOF15, except
/// DHT `C4`, JPG `C8` and DAC `CC`, which share that range), skipping `FF` fill bytes.
fn jpeg(head: &[u8]) -> Option<(Format, u32, u32)> {
    let mut i = 2usize;
    loop {
        if *head.get(i)? != 0xFF {
            return None;
        }
        while *head.get(i)? == 0xFF {
            i += 1;
        }
        let marker = *head.get(i)?;
        i += 1;
        match marker {
            // Standalone markers carry no length.
            0x01 | 0xD0..=0xD8 => continue,
            // End of image or start of scan before any frame header: no size to read.
            0x00 | 0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                // Segment: length (2), precision (1), height (2), width (2).
                let h = be16(head, i.checked_add(3)?)?;
                let w = be16(head, i.checked_add(5)?)?;
                return Some((Format::Jpeg, w, h));
            }
            _ => {
                let len = be16(head, i)? as usize;
                if len < 2 {
                    return None;
                }
                i = i.checked_add(len)?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_of_a_jpeg_is_safe() {
        let mut jpg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        jpg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x9C, 0x00, 0xF4]);
        assert_eq!(dimensions(&jpg), Some((Format::Jpeg, 244, 156)));
        for n in 0..jpg.len() {
            assert_eq!(dimensions(&jpg[..n]), None);
        }
    }
}
