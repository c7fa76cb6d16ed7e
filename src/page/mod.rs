//! Page understanding (pure): which page this is (by what it shows, the URL only a hint), which
//! control is which catalogue field (by accessible name), and what the rows of an integrations
//! list say. Invariant: works on a `PageSnapshot` alone and never fails; what cannot be matched
//! is reported, not guessed.

pub mod labels;
pub mod list;
pub mod mapping;
pub mod memo;
pub mod recognise;

pub use list::{list_rows, skipped_rows, RowInfo};
pub use mapping::{map_controls, Mapping};
pub use recognise::{analyse, recognise, PageInfo, PageKind, Tool};
