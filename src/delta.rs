//! Checks sent as edits. The worker keeps, per page connection (a content script's `check` port,
//! named by the base token the content script chose for it), the snapshot of its last check in a
//! small cache (`Bases`, bounded); a keystroke's check then carries only the state of the
//! controls and buttons that changed (`model::Edit`), applied to that snapshot (`apply`), and the
//! result is checked as a full check would be. Invariant: pure; an edit for a base that is
//! missing (a new worker, evicted), out of step (`seq`) or that names a control or button the
//! base does not hold is answered `Response::Resend` (the page sends a full check at once),
//! never checked against another snapshot.

use crate::handler::{self, Outcome};
use crate::model::{ButtonState, ControlState, Edit, Message, PageSnapshot, Request, Response};
use crate::registry::Registry;

/// How many connections' snapshots are kept (one per open console tab; the least recently
/// used goes first).
pub const MAX_BASES: usize = 8;

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// No snapshot is held for the edit's base token.
    Missing,
    /// The held snapshot is not the one the edit was made against: it was numbered `held`, the
    /// edit `got` (one more was expected).
    OutOfStep {
        /// The number of the last message the base saw.
        held: u32,
        /// The edit's number.
        got: u32,
    },
    /// The edit names a control the base does not hold.
    UnknownControl(u32),
    /// The edit names a button the base does not hold.
    UnknownButton(u32),
}

/// One connection's snapshot, as of the message numbered `seq`.
#[derive(Debug)]
struct Base {
    token: String,
    seq: u32,
    snapshot: PageSnapshot,
}

/// The snapshots held for edits, least recently used first.
#[derive(Debug, Default)]
pub struct Bases {
    held: Vec<Base>,
}

/// Applies an edit's states to `snapshot`: all of them, or none when one names a control or
/// button it does not hold.
pub fn apply(
    snapshot: &mut PageSnapshot,
    controls: Vec<ControlState>,
    buttons: Vec<ButtonState>,
) -> Result<(), Stale> {
    let mut at = Vec::with_capacity(controls.len() + buttons.len());
    for state in &controls {
        let found = snapshot.controls.iter().position(|c| c.id == state.id);
        at.push(found.ok_or(Stale::UnknownControl(state.id))?);
    }
    for state in &buttons {
        let found = snapshot.buttons.iter().position(|b| b.id == state.id);
        at.push(found.ok_or(Stale::UnknownButton(state.id))?);
    }
    let (control_at, button_at) = at.split_at(controls.len());
    for (state, &i) in controls.into_iter().zip(control_at) {
        let control = &mut snapshot.controls[i];
        control.value = state.value;
        control.filled = state.filled;
        control.checked = state.checked;
        control.hidden = state.hidden;
        control.disabled = state.disabled;
        control.file = state.file;
        control.preview = state.preview;
    }
    for (state, &i) in buttons.into_iter().zip(button_at) {
        snapshot.buttons[i].disabled = state.disabled;
    }
    Ok(())
}

impl Bases {
    /// Handles a message: a page's full check is checked and its snapshot kept as its
    /// connection's base; an edit is applied to its base and the result checked (or answered
    /// [`Response::Resend`]); any other request goes to [`handler::handle`] as it is.
    pub fn handle(&mut self, registry: Registry, message: Message, now: f64) -> Outcome {
        match message {
            Message::Request {
                request: Request::Check { snapshot },
                sequence: Some(sequence),
            } => {
                let outcome = handler::check_held(registry, &snapshot, now);
                self.keep(sequence.base, sequence.seq, snapshot);
                outcome
            }
            Message::Request { request, .. } => handler::handle(registry, request, now),
            Message::Edit(edit) => match self.patched(edit) {
                Ok(snapshot) => handler::check_held(registry, snapshot, now),
                Err(_) => Outcome {
                    registry,
                    changed: false,
                    response: Response::Resend,
                    effects: Vec::new(),
                },
            },
        }
    }

    /// Keeps `snapshot` as the base of connection `token`, as of its message `seq`.
    pub fn keep(&mut self, token: String, seq: u32, snapshot: PageSnapshot) {
        if let Some(at) = self.held.iter().position(|b| b.token == token) {
            self.held.remove(at);
        } else if self.held.len() >= MAX_BASES {
            self.held.remove(0);
        }
        self.held.push(Base {
            token,
            seq,
            snapshot,
        });
    }

    /// The base of `edit` with its changes applied, kept as the base from now on. A stale edit
    /// drops the base: the full check the page sends next replaces it.
    pub fn patched(&mut self, edit: Edit) -> Result<&PageSnapshot, Stale> {
        let at = self.held.iter().position(|b| b.token == edit.base);
        let mut base = self.held.remove(at.ok_or(Stale::Missing)?);
        if edit.seq != base.seq.wrapping_add(1) {
            return Err(Stale::OutOfStep {
                held: base.seq,
                got: edit.seq,
            });
        }
        apply(&mut base.snapshot, edit.controls, edit.buttons)?;
        base.seq = edit.seq;
        self.held.push(base);
        Ok(&self.held[self.held.len() - 1].snapshot)
    }

    /// How many bases are held.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// Whether no base is held.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }
}
