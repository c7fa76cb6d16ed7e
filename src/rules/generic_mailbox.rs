//! Rule `generic_mailbox` (warning): the escalation contact should be a person, not a shared
//! queue (fields.md, support.escalation_email; domain.md "Why submissions bounce" #10).
//! Invariant: judged on the local part only, ignoring case and `+tag`.

use super::Ctx;
use crate::messages;
use crate::model::{Finding, Severity};

/// Rule id.
pub const RULE: &str = "generic_mailbox";

/// Local parts that name a shared queue.
pub const QUEUES: [&str; 11] = [
    "support", "help", "info", "contact", "admin", "noreply", "no-reply", "sales", "hello", "team",
    "no_reply",
];

/// A warning when the address's local part is a shared queue.
pub fn check(value: &str, ctx: &Ctx) -> Vec<Finding> {
    let local = value
        .rsplit_once('@')
        .map(|(l, _)| l)
        .unwrap_or("")
        .to_lowercase();
    let local = local.split('+').next().unwrap_or("");
    if QUEUES.contains(&local) {
        vec![ctx.finding(RULE, Severity::Warning, messages::generic_mailbox(value))]
    } else {
        Vec::new()
    }
}
