//! A set of form sections, one bit per section. It replaces a `BTreeSet<Section>`, whose B-tree
//! code the wasm module held for this one small set (issue 6, size). Same behaviour: iteration
//! in section order (the order of [`SECTIONS`], which is `Section`'s own), and the same `Debug`
//! text.

use crate::catalogue::{Section, SECTIONS};

/// Some of the form's sections.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct SectionSet(u16);

impl SectionSet {
    /// No section.
    pub fn new() -> SectionSet {
        SectionSet(0)
    }

    fn bit(section: Section) -> u16 {
        1 << section as u16
    }

    /// Adds `section`; `true` when it was not there yet.
    pub fn insert(&mut self, section: Section) -> bool {
        let new = !self.contains(&section);
        self.0 |= Self::bit(section);
        new
    }

    /// Whether `section` is in the set.
    pub fn contains(&self, section: &Section) -> bool {
        self.0 & Self::bit(*section) != 0
    }

    /// Whether the set holds no section.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The sections in the set, in section order.
    pub fn iter(&self) -> impl Iterator<Item = &'static Section> {
        let set = *self;
        SECTIONS.iter().filter(move |s| set.contains(s))
    }
}

impl std::fmt::Debug for SectionSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_like_a_btree_set_of_sections() {
        // Section order is the order of SECTIONS, and every section has a bit of its own.
        assert!(SECTIONS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(SECTIONS.len() <= 16);
        for picks in 0u32..(1 << SECTIONS.len()) {
            let mut set = SectionSet::new();
            let mut reference = BTreeSet::new();
            for (i, &section) in SECTIONS.iter().enumerate().rev() {
                if picks & (1 << i) != 0 {
                    assert_eq!(set.insert(section), reference.insert(section));
                    assert_eq!(set.insert(section), reference.insert(section));
                }
            }
            assert!(set.iter().eq(reference.iter()));
            assert_eq!(set.is_empty(), reference.is_empty());
            assert_eq!(format!("{set:?}"), format!("{reference:?}"));
            for section in SECTIONS {
                assert_eq!(set.contains(&section), reference.contains(&section));
            }
        }
    }
}
