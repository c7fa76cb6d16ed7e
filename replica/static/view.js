'use strict';
// Read-only view of a published integration. Wizard (org A): box "This integration is
// read-only" + Edit integration. Article layout (org B): Update button, no box.
(function (R) {
  const { h } = R;
  R.pages = R.pages || {};

  function display(v) {
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? Object.values(x).join(' \u2014 ') : x)).join(', ');
    return v || '\u2014';
  }

  R.pages.view = function viewPage(data) {
    const main = R.shell(data, 'oin');
    const article = data.layout === 'article';
    main.append(h('nav.o-breadcrumbs', { 'aria-label': 'Breadcrumb' },
      h('a', { href: R.withQuery('/admin/oin/integrations'), text: 'Your OIN Integrations' }), '  \u203a  ' + data.integration.name));
    main.append(h('div.o-page-head', null, h('h1', { text: data.integration.name }), R.badge(data.version.status)));
    const go = async (action) => {
      const res = await R.api('POST', '/replica-api/integrations/' + data.integration.id + '/' + action, {});
      location.assign(R.withQuery(res.editUrl));
    };
    if (article) {
      main.append(h('div.o-toolbar', null, h('button.o-btn.o-btn-primary', { type: 'button', text: 'Update', on: { click: () => go('update') } })));
    } else {
      main.append(h('div.o-readonly', { role: 'note' },
        h('h2', { text: 'This integration is read-only' }),
        h('p', { text: 'Published on ' + (data.version.lastPublished || '').slice(0, 10) + '. Editing creates a new draft; the published version stays in the catalog until the new one is published.' }),
        h('button.o-btn.o-btn-primary', { type: 'button', text: 'Edit integration', on: { click: () => go('edit') } })));
    }
    const all = R.buildSections(data.layout);
    const v = data.values;
    for (const key of ['caps', 'catalog', 'tenant', 'auth', 'support', 'saml', 'oidc', 'scim', 'ul']) {
      const s = all[key];
      if (s.when && !s.when(v)) continue;
      const dl = h('dl.o-dl');
      for (const f of s.items) {
        if (!f.name || f.kind === 'password' || (f.when && !f.when(v))) continue;
        let val = v[f.name];
        if (f.name === 'capabilities') val = R.CAPABILITIES.filter((c) => val.includes(c.value)).map((c) => c.text);
        if (f.kind === 'rows' && Array.isArray(val)) {
          // Repeated rows read as one label/value pair per cell, as the console's own view does.
          for (const row of val) {
            for (const cell of f.cells) dl.append(h('dt', { text: cell.label }), h('dd', null, display(row[cell.name])));
          }
          continue;
        }
        dl.append(h('dt', { text: f.label || f.rowHeading || s.title }),
          h('dd', null, f.kind === 'file' ? h('img.o-logo-preview', { src: val || '/static/default-logo.png', alt: 'Logo' }) : display(val)));
      }
      main.append(h('section.o-section', null, h('h2.o-section-title', { text: s.title || 'Capabilities' }), dl));
    }
  };
})(window.Replica);
