//! Facts read from page text for the submission-level checks (pure): the signed-in admin's
//! login, the OIN Manager's linked org, the age of the last test run. Invariant: never fails;
//! what cannot be read is `None`.

/// Mail domains of personal (not company) mailboxes.
pub const PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "zoho.com",
    "yandex.com",
    "qq.com",
    "163.com",
];

/// The first email-like token of a text (the console header shows the admin's login).
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | '"'))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == ':'))
        .find(|t| {
            let Some((local, domain)) = t.split_once('@') else {
                return false;
            };
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && t.len() <= 254
        })
        .map(|t| t.to_lowercase())
}

/// Whether a login is on a personal mail domain.
pub fn is_personal(login: &str) -> bool {
    login
        .rsplit_once('@')
        .is_some_and(|(_, domain)| PERSONAL_DOMAINS.contains(&domain.to_ascii_lowercase().as_str()))
}

/// The org host in the OIN Manager's "Admins from the linked Okta org <org domain> will be able
/// to view and edit this form".
pub fn linked_org(texts: &[String]) -> Option<String> {
    const LEAD: &str = "admins from the linked okta org ";
    texts.iter().filter(|t| may_hold(t, LEAD)).find_map(|t| {
        let lower = t.to_lowercase();
        let start = lower.find(LEAD)? + LEAD.len();
        let host = lower[start..].split_whitespace().next()?;
        let host = host.trim_start_matches("https://").trim_end_matches('/');
        Some(host.to_string())
    })
}

/// Age in hours of the "Last test run: <ISO date>" the page shows, when it shows one.
pub fn last_test_run_hours(texts: &[String], now_ms: f64) -> Option<u64> {
    const LEAD: &str = "last test run:";
    texts.iter().filter(|t| may_hold(t, LEAD)).find_map(|t| {
        let lower = t.to_lowercase();
        let start = lower.find(LEAD)? + LEAD.len();
        let stamp = lower[start..].split_whitespace().next()?.to_string();
        let at = iso_to_ms(&stamp)?;
        Some(((now_ms - at).max(0.0) / 3_600_000.0) as u64)
    })
}

/// Whether `text` may hold `lead` (lower-case ASCII) once lower-cased: an ASCII text is searched
/// ignoring ASCII case, which is what lower-casing it does, without copying every text of every
/// page; any other text may (lower-casing turns some characters into ASCII: the Kelvin sign into
/// `k`), so the callers' own search decides.
fn may_hold(text: &str, lead: &str) -> bool {
    let (h, n) = (text.as_bytes(), lead.as_bytes());
    let Some(first) = n.first() else {
        return true;
    };
    // The first byte is compared on its own first: most positions fail there, cheaply.
    !text.is_ascii()
        || (n.len() <= h.len()
            && h.windows(n.len())
                .any(|w| w[0].eq_ignore_ascii_case(first) && w.eq_ignore_ascii_case(n)))
}

/// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+00:00]` as UTC milliseconds since the epoch.
pub fn iso_to_ms(s: &str) -> Option<f64> {
    let num = |a: usize, b: usize| -> Option<i64> { s.get(a..b)?.parse().ok() };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    if s.get(4..5)? != "-"
        || s.get(7..8)? != "-"
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    let (hour, minute, second) = if s.len() >= 16 {
        (num(11, 13)?, num(14, 16)?, num(17, 19).unwrap_or(0))
    } else {
        (0, 0, 0)
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + hour * 3600 + minute * 60 + second) * 1000) as f64)
}

/// The UTC calendar date (`YYYY-MM-DD`) of a time in ms since the epoch.
pub fn ms_to_date(ms: f64) -> String {
    let days = (ms / 86_400_000.0).floor() as i64;
    // Civil date from days (Howard Hinnant's algorithm), the inverse of `iso_to_ms`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_found_and_personal_domains_recognised() {
        assert_eq!(
            email_in("okta dev@acme.example integrator-1.okta.com").as_deref(),
            Some("dev@acme.example")
        );
        assert_eq!(
            email_in("Signed in as (Acme.Dev@Gmail.com)").as_deref(),
            Some("acme.dev@gmail.com")
        );
        assert_eq!(email_in("no login here @ all"), None);
        assert!(is_personal("acme.dev@gmail.com"));
        assert!(is_personal("x@Proton.me"));
        assert!(!is_personal("dev@acme.example"));
        assert!(!is_personal("gmail.com"));
    }

    #[test]
    fn linked_org_and_test_age_are_read_from_text() {
        let texts = vec!["Admins from the linked Okta org integrator-2000002.okta.com will be able to view and edit this form".to_string()];
        assert_eq!(
            linked_org(&texts).as_deref(),
            Some("integrator-2000002.okta.com")
        );
        let now = iso_to_ms("2026-11-28T12:00:00Z").unwrap();
        let texts = vec!["Last test run: 2026-11-25T12:00:00Z".to_string()];
        assert_eq!(last_test_run_hours(&texts, now), Some(72));
        assert_eq!(
            last_test_run_hours(&["Last test run: never".to_string()], now),
            None
        );
        assert_eq!(iso_to_ms("1970-01-02T00:00:00Z"), Some(86_400_000.0));
        assert_eq!(iso_to_ms("2026-13-01"), None);
        assert_eq!(iso_to_ms("garbage"), None);
        assert_eq!(ms_to_date(now), "2026-11-28");
        assert_eq!(ms_to_date(0.0), "1970-01-01");
        assert_eq!(
            ms_to_date(iso_to_ms("2024-02-29T23:59:59Z").unwrap()),
            "2024-02-29"
        );
    }
}
