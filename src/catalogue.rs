//! The field catalogue of `shared/spec/fields.md` as data: keys, sections, the labels each field
//! may carry on screen (OIN Wizard wording first, then older and OIN Manager wording), its parts
//! and when it is required. Invariant: keys, part names and section keys never change meaning
//! once shipped (they are stored, exported and used as test hooks); this file holds no logic.

/// A section of the submission form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// OIN catalog properties / General Settings.
    Catalog,
    /// Tenant settings / Integration variables.
    Tenant,
    /// Support contact.
    Support,
    /// SAML properties.
    Saml,
    /// OIDC properties.
    Oidc,
    /// SCIM properties and authentication settings.
    Scim,
    /// Universal Logout.
    Ul,
    /// Testing information for Okta review.
    Test,
}

/// Every section, in the order the summary lists them.
pub const SECTIONS: [Section; 8] = [
    Section::Catalog,
    Section::Tenant,
    Section::Support,
    Section::Saml,
    Section::Oidc,
    Section::Scim,
    Section::Ul,
    Section::Test,
];

impl Section {
    /// Stable key (`catalog`, `saml`…).
    pub fn key(self) -> &'static str {
        match self {
            Section::Catalog => "catalog",
            Section::Tenant => "tenant",
            Section::Support => "support",
            Section::Saml => "saml",
            Section::Oidc => "oidc",
            Section::Scim => "scim",
            Section::Ul => "ul",
            Section::Test => "test",
        }
    }

    /// Title as the summary shows it.
    pub fn title(self) -> &'static str {
        match self {
            Section::Catalog => "OIN catalog properties",
            Section::Tenant => "Tenant settings",
            Section::Support => "Support contact",
            Section::Saml => "SAML properties",
            Section::Oidc => "OIDC properties",
            Section::Scim => "SCIM properties",
            Section::Ul => "Universal Logout",
            Section::Test => "Testing information",
        }
    }

    /// Headings that announce the section on screen (both tools), lower case.
    pub fn headings(self) -> &'static [&'static str] {
        match self {
            Section::Catalog => &[
                "oin catalog properties",
                "general settings",
                "add integration details",
            ],
            Section::Tenant => &["tenant settings", "integration variables"],
            Section::Support => &[
                "support contact",
                "public support contact",
                "support contacts",
            ],
            Section::Saml => &["saml properties", "saml", "saml 2.0"],
            Section::Oidc => &["oidc properties", "oidc", "openid connect"],
            Section::Scim => &[
                "scim properties",
                "authentication settings",
                "scim",
                "provisioning",
            ],
            Section::Ul => &["universal logout"],
            Section::Test => &[
                "testing information for okta review",
                "test account",
                "testing information",
            ],
        }
    }

    /// Section from its key.
    pub fn from_key(key: &str) -> Option<Section> {
        SECTIONS.iter().copied().find(|s| s.key() == key)
    }
}

/// What kind of control carries the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One text value (input, textarea, select).
    Text,
    /// Several text values of the same meaning (one per input, or one per line).
    List,
    /// Repeated rows of named parts (tenant variables, additional ACS URLs…).
    Rows,
    /// A group of options (checkboxes / radios / a select).
    Choice,
    /// A password-like value: only "filled or not" is ever read.
    Secret,
    /// A file (the logo).
    File,
    /// Several named parts of one field (support link / email / phone; OAuth endpoints).
    Parts,
}

/// When a field must be filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Never required.
    Optional,
    /// Always required (when its section applies).
    Always,
    /// At least one part (or option, or list entry) must hold a value.
    AtLeastOne,
    /// Each cell of each existing row is required; no row at all is fine.
    RowCells,
    /// Required when SCIM authentication mode is OAuth 2.
    WhenOauth,
    /// Required when SCIM provisioning is selected.
    WhenScim,
    /// Required when SAML or OIDC SSO is selected.
    WhenSso,
    /// At least one option, when SAML is selected.
    WhenSamlAtLeastOne,
    /// Required when the SP-initiated flow is ticked.
    WhenSpFlow,
    /// Required when the SP-initiated flow is ticked and SAML is selected.
    WhenSpFlowSaml,
    /// The named option must be ticked.
    Option(&'static str),
    /// The named option must be ticked, when groups are managed.
    OptionWhenGroups(&'static str),
}

/// One catalogue field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Stable key.
    pub key: &'static str,
    /// Its section.
    pub section: Section,
    /// What carries it.
    pub kind: Kind,
    /// When it is required.
    pub need: Need,
    /// Labels (lower case, normalised) with the part each one names (`""` for the whole field).
    pub labels: &'static [(&'static str, &'static str)],
    /// Human name used in messages.
    pub name: &'static str,
}

const fn f(
    key: &'static str,
    section: Section,
    kind: Kind,
    need: Need,
    name: &'static str,
    labels: &'static [(&'static str, &'static str)],
) -> FieldSpec {
    FieldSpec {
        key,
        section,
        kind,
        need,
        labels,
        name,
    }
}

use Kind::*;
use Need::{
    Always, AtLeastOne, Optional, RowCells, WhenOauth, WhenSamlAtLeastOne, WhenScim, WhenSpFlow,
    WhenSpFlowSaml, WhenSso,
};
use Section::*;

/// The catalogue, in the order fields appear in the wizard.
pub const FIELDS: &[FieldSpec] = &[
    f(
        "catalog.display_name",
        Catalog,
        Text,
        Always,
        "Display name",
        &[
            ("display name", ""),
            ("app name", ""),
            ("application name", ""),
            ("integration name", ""),
        ],
    ),
    f(
        "catalog.description",
        Catalog,
        Text,
        Always,
        "Description",
        &[("description", ""), ("app description", "")],
    ),
    f(
        "catalog.logo",
        Catalog,
        File,
        Always,
        "Logo",
        &[("logo", ""), ("app logo", ""), ("upload logo", "")],
    ),
    f(
        "catalog.use_cases",
        Catalog,
        Choice,
        Optional,
        "Use cases",
        &[("use cases", "")],
    ),
    f(
        "tenant.variables",
        Tenant,
        Rows,
        RowCells,
        "Tenant variables",
        &[
            ("label", "label"),
            ("name", "name"),
            ("variable label", "label"),
            ("variable name", "name"),
        ],
    ),
    f(
        "support.escalation_email",
        Support,
        Text,
        Always,
        "Escalation support contact",
        &[
            ("escalation support contact", ""),
            ("support contact (for okta use only)", ""),
            ("support email", ""),
            ("escalation support email", ""),
        ],
    ),
    f(
        "support.public_contact",
        Support,
        Parts,
        AtLeastOne,
        "Public support contact",
        &[
            ("support link", "link"),
            ("public support link", "link"),
            ("support url", "link"),
            ("public support email", "email"),
            ("support phone", "phone"),
            ("public support phone", "phone"),
            ("support phone number", "phone"),
        ],
    ),
    f(
        "saml.acs_url",
        Saml,
        Text,
        Always,
        "Default ACS URL",
        &[
            ("default acs url", ""),
            ("acs url", ""),
            ("single sign-on url", ""),
            ("provide your default acs url", ""),
            ("assertion consumer service url", ""),
        ],
    ),
    f(
        "saml.additional_acs",
        Saml,
        Rows,
        RowCells,
        "Additional ACS URLs",
        &[
            ("url", "url"),
            ("acs url", "url"),
            ("index", "index"),
            ("acs index", "index"),
        ],
    ),
    f(
        "saml.entity_id",
        Saml,
        Text,
        Always,
        "Entity ID",
        &[
            ("entity id / audience restriction", ""),
            ("audience uri", ""),
            ("audience restriction", ""),
            ("entity id", ""),
            ("provide your entity id or audience restriction", ""),
            ("audience uri (sp entity id)", ""),
        ],
    ),
    f(
        "saml.attribute_statements",
        Saml,
        Rows,
        RowCells,
        "Attribute statements",
        &[
            ("attribute name", "name"),
            ("name", "name"),
            ("values", "values"),
            ("value", "values"),
            ("attribute value", "values"),
        ],
    ),
    f(
        "saml.config_guide_url",
        Saml,
        Text,
        Always,
        "Configuration guide URL",
        &[
            ("configuration guide url", ""),
            ("link to configuration guide", ""),
            ("configuration guide", ""),
            ("saml configuration guide url", ""),
        ],
    ),
    f(
        "oidc.redirect_uris",
        Oidc,
        List,
        AtLeastOne,
        "Redirect URIs",
        &[
            ("redirect uris", ""),
            ("sign-in redirect uris", ""),
            ("redirect uri", ""),
            ("sign-in redirect uri", ""),
        ],
    ),
    f(
        "oidc.initiate_login_uri",
        Oidc,
        Text,
        Optional,
        "Initiate login URI",
        &[("initiate login uri", ""), ("login initiated by", "")],
    ),
    f(
        "oidc.post_logout_uris",
        Oidc,
        List,
        Optional,
        "Post-logout URIs",
        &[
            ("post-logout uri", ""),
            ("post logout redirect uris", ""),
            ("sign-out redirect uris", ""),
            ("post-logout redirect uris", ""),
            ("post logout uri", ""),
        ],
    ),
    f(
        "oidc.config_guide_url",
        Oidc,
        Text,
        Always,
        "Configuration guide URL",
        &[
            ("configuration guide url", ""),
            ("link to configuration guide", ""),
            ("oidc configuration guide url", ""),
        ],
    ),
    f(
        "scim.base_url",
        Scim,
        Text,
        Always,
        "SCIM base URL",
        &[
            ("base url", ""),
            ("scim base url", ""),
            ("scim connector base url", ""),
        ],
    ),
    f(
        "scim.auth_mode",
        Scim,
        Choice,
        Always,
        "Authentication mode",
        &[("authentication mode", ""), ("auth mode", "")],
    ),
    f(
        "scim.oauth_endpoints",
        Scim,
        Parts,
        WhenOauth,
        "OAuth 2 endpoints",
        &[
            ("authorize endpoint", "authorize"),
            ("authorization endpoint", "authorize"),
            ("token endpoint", "token"),
        ],
    ),
    f(
        "scim.oauth_client",
        Scim,
        Parts,
        WhenOauth,
        "OAuth 2 client",
        &[("client id", "id"), ("client secret", "secret")],
    ),
    f(
        "scim.user_ops",
        Scim,
        Choice,
        Need::Option("read"),
        "User operations",
        &[
            ("user operations", ""),
            ("user provisioning operations", ""),
        ],
    ),
    f(
        "scim.group_ops",
        Scim,
        Choice,
        Need::OptionWhenGroups("read"),
        "Group operations",
        &[
            ("group operations", ""),
            ("group provisioning operations", ""),
        ],
    ),
    f(
        "scim.config_guide_url",
        Scim,
        Text,
        Always,
        "Configuration guide URL",
        &[
            ("link to configuration guide", ""),
            ("configuration guide url", ""),
            ("scim configuration guide url", ""),
        ],
    ),
    f(
        "ul.gtr_endpoint",
        Ul,
        Text,
        Always,
        "Global token revocation endpoint",
        &[
            ("global token revocation endpoint", ""),
            ("global token revocation (gtr) endpoint", ""),
        ],
    ),
    f(
        "test.account_url",
        Test,
        Text,
        Always,
        "Test account URL",
        &[
            ("account url", ""),
            ("test account url", ""),
            ("sign-in url", ""),
        ],
    ),
    f(
        "test.username",
        Test,
        Text,
        Always,
        "Test account username",
        &[("username", ""), ("test account username", "")],
    ),
    f(
        "test.password",
        Test,
        Secret,
        Always,
        "Test account password",
        &[("password", ""), ("test account password", "")],
    ),
    f(
        "test.instructions",
        Test,
        Text,
        Optional,
        "Testing instructions",
        &[
            ("testing instructions", ""),
            ("additional instructions", ""),
        ],
    ),
    f(
        "test.sso_flows",
        Test,
        Choice,
        WhenSamlAtLeastOne,
        "Supported sign-in flows",
        &[
            ("supported sign-in flows", ""),
            ("supported sign in flows", ""),
            ("sign-in flows", ""),
        ],
    ),
    f(
        "test.jit",
        Test,
        Choice,
        WhenSso,
        "Just-In-Time provisioning",
        &[
            ("supports just-in-time provisioning?", ""),
            ("supports just-in-time provisioning", ""),
            ("just-in-time provisioning", ""),
            ("jit provisioning", ""),
        ],
    ),
    f(
        "test.sp_initiate_url",
        Test,
        Text,
        WhenSpFlow,
        "SP Initiate URL",
        &[("sp initiate url", ""), ("sp-initiated url", "")],
    ),
    f(
        "test.sp_initiate_description",
        Test,
        Text,
        WhenSpFlowSaml,
        "SP Initiate flow description",
        &[
            ("sp initiate flow description", ""),
            ("sp-initiated flow description", ""),
        ],
    ),
    f(
        "test.runscope_spec",
        Test,
        Text,
        WhenScim,
        "Runscope spec test results",
        &[
            ("link to runscope spec test results", ""),
            ("runscope spec test results", ""),
        ],
    ),
    f(
        "test.runscope_crud",
        Test,
        Text,
        WhenScim,
        "Runscope CRUD test results",
        &[
            ("link to runscope crud test results", ""),
            ("runscope crud test results", ""),
        ],
    ),
];

/// Looks a field up by key.
pub fn field(key: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.key == key)
}

/// Fields of one section, in catalogue order.
pub fn fields_of(section: Section) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS.iter().filter(move |f| f.section == section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_start_with_their_section() {
        let mut seen = std::collections::BTreeSet::new();
        for f in FIELDS {
            assert!(seen.insert(f.key), "duplicate key {}", f.key);
            assert!(
                f.key.starts_with(&format!("{}.", f.section.key())),
                "{} not in its section",
                f.key
            );
        }
    }

    #[test]
    fn labels_are_stored_normalised() {
        for f in FIELDS {
            for (label, _) in f.labels {
                assert_eq!(*label, label.trim().to_lowercase(), "{}", f.key);
            }
        }
    }
}
