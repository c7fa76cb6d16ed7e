'use strict';
// The console's fields, their labels per layout and where they sit. Layouts:
//   wizard  - OIN Wizard (org A): words of the current Admin Console
//   article - Support article layout (org B): same labels, tabbed page with one "NN%" indicator
//   oinm    - legacy OIN Manager: its own label wording, tabs with per-tab progress bars
(function (R) {
  const has = (cap) => (v) => (v.capabilities || []).includes(cap);
  const sso = (v) => has('saml')(v) || has('oidc')(v);
  const oauth = (v) => v.scim_auth_mode === 'OAuth 2';
  const spFlow = (v) => sso(v) && (v.test_sso_flows || []).includes('SP');

  R.CAPABILITIES = [
    { value: 'saml', text: 'SAML 2.0' }, { value: 'oidc', text: 'OIDC' },
    { value: 'scim', text: 'SCIM 2.0 provisioning' }, { value: 'ul', text: 'Universal Logout' },
  ];

  // Returns {sectionKey: section} with the labels of `layout`.
  R.buildSections = function buildSections(layout) {
    const om = layout === 'oinm';
    const L = (wizardLabel, oinmLabel) => (om && oinmLabel ? oinmLabel : wizardLabel);
    return {
      caps: {
        key: 'caps', title: om ? 'Supported protocols' : null, se: 'capabilities',
        items: [{ name: 'capabilities', kind: 'checks', tech: 'fieldset',
          label: L('Select the capabilities of your integration', 'Which protocols does your app support?'),
          options: R.CAPABILITIES, required: true }],
      },
      catalog: {
        key: 'catalog', title: L('OIN catalog properties', 'App information'),
        items: [
          { name: 'display_name', kind: 'text', tech: 'for', required: true, se: 'o-form-input-name',
            label: L('Display name', 'App name'), help: om ? null : 'The name shown in the OIN catalog.' },
          { name: 'description', kind: 'textarea', tech: 'labelledby', required: true,
            label: L('Description', 'App description'), help: 'Under 1,024 characters.' },
          { name: 'logo', kind: 'file', tech: 'for', required: true, label: L('Logo', 'App logo') },
          { name: 'use_cases', kind: 'checks', tech: 'fieldset', optional: true,
            label: L('Use cases', 'Use Cases'), help: 'Choose up to three.',
            options: ['Single Sign-On', 'Lifecycle Management', 'Automation', 'Zero Trust',
              'Identity Governance', 'Multifactor Authentication'] },
        ],
      },
      tenant: {
        key: 'tenant', title: L('Tenant settings', 'Integration variables'),
        intro: 'Variables your customers fill in when they add the integration.',
        items: [{ name: 'tenant_vars', kind: 'rows', addLabel: '+ Add another',
          cells: [{ name: 'label', label: 'Label', tech: 'wrap' }, { name: 'name', label: 'Name', tech: 'for' }] }],
      },
      auth: {
        key: 'auth', title: 'Authentication settings', when: has('scim'),
        items: [
          { name: 'scim_auth_mode', kind: 'select', tech: 'for', required: true,
            label: L('Authentication mode', 'Auth mode'), options: ['Header', 'Bearer', 'OAuth 2', 'Basic'] },
          { name: 'oauth_authorize_url', kind: 'url', tech: 'aria', required: true, when: oauth, label: 'Authorize endpoint' },
          { name: 'oauth_token_url', kind: 'url', tech: 'labelledby', required: true, when: oauth, label: 'Token endpoint' },
          { name: 'oauth_client_id', kind: 'text', tech: 'for', required: true, when: oauth, label: 'Client ID' },
          { name: 'oauth_client_secret', kind: 'password', tech: 'wrap', required: true, when: oauth, label: 'Client secret' },
        ],
      },
      support: {
        key: 'support', title: L('Support contact', 'Support contacts'),
        items: [
          { name: 'escalation_email', kind: 'email', tech: 'for', required: true, se: 'escalation-contact',
            label: L('Escalation support contact', 'Support contact (for Okta use only)'),
            help: 'Okta uses this address to reach your team; customers never see it.' },
          { heading: L('Public support contact', 'Public support contacts'), level: 3 },
          { name: 'support_link', kind: 'url', tech: 'wrap', optional: true, label: 'Support link' },
          { name: 'support_email', kind: 'email', tech: 'labelledby', optional: true, label: 'Support email' },
          { name: 'support_phone', kind: 'tel', tech: 'aria', optional: true, label: 'Support phone' },
        ],
      },
      saml: {
        key: 'saml', title: L('SAML properties', 'SAML settings'), when: has('saml'),
        items: [
          { name: 'saml_acs_url', kind: 'url', tech: 'for', required: true, label: L('Default ACS URL', 'Single sign-on URL') },
          { name: 'saml_additional_acs', kind: 'rows', rowHeading: 'Provide any additional ACS URLs', addLabel: '+ Add ACS URL',
            cells: [{ name: 'url', label: 'ACS URL', tech: 'for' }, { name: 'index', label: 'Index', tech: 'aria' }] },
          { name: 'saml_entity_id', kind: 'url', tech: 'labelledby', required: true,
            label: L('Entity ID / audience restriction', 'Audience URI') },
          { name: 'saml_attributes', kind: 'rows', rowHeading: 'Attribute statements', addLabel: '+ Add attribute',
            cells: [{ name: 'name', label: 'Attribute name', tech: 'wrap' }, { name: 'values', label: 'Values', tech: 'for' }] },
          { name: 'saml_config_guide', kind: 'url', tech: 'for', required: true,
            label: L('Configuration guide URL', 'Link to configuration guide') },
        ],
      },
      oidc: {
        key: 'oidc', title: L('OIDC properties', 'OIDC settings'), when: has('oidc'),
        items: [
          { name: 'oidc_redirect_uris', kind: 'list', required: true, label: L('Redirect URIs', 'Sign-in redirect URIs'),
            itemLabel: 'Redirect URI', addLabel: '+ Add URI' },
          { name: 'oidc_initiate_login_uri', kind: 'url', tech: 'for', optional: true, label: 'Initiate login URI' },
          { name: 'oidc_post_logout_uri', kind: 'url', tech: 'wrap', optional: true,
            label: L('Post-logout URI', 'Post logout redirect URIs') },
          { name: 'oidc_config_guide', kind: 'url', tech: 'aria', required: true,
            label: L('Configuration guide URL', 'Link to configuration guide') },
        ],
      },
      scim: {
        key: 'scim', title: L('SCIM properties', 'SCIM settings'), when: has('scim'),
        items: [
          { name: 'scim_base_url', kind: 'url', tech: 'for', required: true, se: 'scim-base-url',
            label: L('Base URL', 'SCIM connector base URL') },
          { name: 'scim_user_ops', kind: 'checks', tech: 'fieldset', label: 'User operations',
            options: ['Create', 'Read', 'Update', 'Deactivate', 'Change password'] },
          { name: 'scim_group_ops', kind: 'checks', tech: 'fieldset', label: 'Group operations',
            options: ['Create', 'Read', 'Update', 'Delete'] },
          { name: 'scim_config_guide', kind: 'url', tech: 'labelledby', required: true, label: 'Link to configuration guide' },
        ],
      },
      ul: {
        key: 'ul', title: 'Universal Logout', when: has('ul'),
        items: [{ name: 'ul_gtr_endpoint', kind: 'url', tech: 'for', required: true, label: 'Global token revocation endpoint' }],
      },
      test: {
        key: 'test', title: L('Testing information for Okta review', 'Test account'),
        items: [
          { name: 'test_account_url', kind: 'url', tech: 'for', required: true, label: L('Account URL', 'Test account URL') },
          { name: 'test_username', kind: 'text', tech: 'wrap', required: true, label: L('Username', 'Test account username') },
          { name: 'test_password', kind: 'password', tech: 'for', required: true, label: L('Password', 'Test account password') },
          { name: 'test_instructions', kind: 'textarea', tech: 'aria', optional: true,
            label: L('Testing instructions', 'Additional instructions') },
          { name: 'test_sso_flows', kind: 'checks', tech: 'fieldset', when: sso, required: true,
            label: 'Supported sign-in flows', options: ['IdP', 'SP'] },
          { name: 'test_jit', kind: 'radios', tech: 'fieldset', when: sso, required: true,
            label: 'Supports Just-In-Time provisioning?', options: ['Yes', 'No'] },
          { name: 'test_sp_initiate_url', kind: 'url', tech: 'for', when: spFlow, required: true, label: 'SP Initiate URL' },
          { name: 'test_sp_initiate_description', kind: 'textarea', tech: 'labelledby', when: spFlow, required: true,
            label: 'SP Initiate flow description' },
          { name: 'test_runscope_spec', kind: 'url', tech: 'for', when: has('scim'), required: true,
            label: L('Link to Runscope spec test results', 'Runscope spec test results') },
          { name: 'test_runscope_crud', kind: 'url', tech: 'aria', when: has('scim'), required: true,
            label: L('Link to Runscope CRUD test results', 'Runscope CRUD test results') },
          { note: (v) => 'Last test run: ' + (v.last_test_run || 'never') },
        ],
      },
    };
  };

  R.WIZARD_STEPS = [
    { key: 'capabilities', title: 'Add integration capabilities', sections: ['caps'] },
    { key: 'details', title: 'Add integration details', sections: ['catalog', 'tenant', 'auth'] },
    { key: 'configure', title: 'Configure your integration', sections: ['support', 'saml', 'oidc', 'scim', 'ul'] },
    { key: 'test', title: 'Test your integration', sections: ['test'] },
    { key: 'submit', title: 'Submit integration', sections: [] },
  ];

  // Tabs of the article / OIN Manager layouts; a protocol tab shows only when selected.
  R.TABS = [
    { key: 'general', article: 'General', oinm: 'General Settings', sections: ['caps', 'catalog', 'tenant', 'support'] },
    { key: 'saml', article: 'SAML', oinm: 'SAML', sections: ['saml'], when: has('saml') },
    { key: 'oidc', article: 'OIDC', oinm: 'OIDC', sections: ['oidc'], when: has('oidc') },
    { key: 'scim', article: 'SCIM', oinm: 'SCIM', sections: ['auth', 'scim'], when: has('scim') },
    { key: 'ul', article: 'Universal Logout', oinm: 'Universal Logout', sections: ['ul'], when: has('ul') },
    { key: 'test', article: 'Testing', oinm: 'Test account', sections: ['test'] },
  ];

  R.sectionsOf = (all, keys) => keys.map((k) => all[k]);
})(window.Replica);
