//! The snapshots held for pages' edits (`crate::delta::Bases`, which decides what is kept and
//! for how long): a cache like the parse cache in `store`, lost when the worker stops, when the
//! pages' ports close too, so their next check is a full one.

use crate::delta::Bases;
use std::cell::RefCell;

thread_local! {
    static BASES: RefCell<Bases> = RefCell::new(Bases::default());
}

/// Runs `f` on the held snapshots.
pub fn with<T>(f: impl FnOnce(&mut Bases) -> T) -> T {
    BASES.with(|bases| f(&mut bases.borrow_mut()))
}
