'use strict';
// "Your OIN Integrations" (admin hosts) and the OIN Manager submissions list.
// Wizard words on org A: statuses Draft / OIN to review / ISV to review / Published, actions
// View / Edit. Article words on org B: published row with Update, in-progress row with Edit.
(function (R) {
  const { h } = R;

  function actionButton(text, fn) {
    return h('button.o-btn.o-btn-secondary', { type: 'button', text, on: { click: fn } });
  }

  async function post(url) {
    const res = await R.api('POST', url, {});
    location.assign(R.withQuery(res.editUrl));
  }

  R.pages = R.pages || {};
  R.pages.list = function listPage(data) {
    const oinm = data.layout === 'oinm';
    const main = R.shell(data, 'oin');
    const article = data.layout === 'article';
    main.append(h('nav.o-breadcrumbs', { 'aria-label': 'Breadcrumb' },
      oinm ? 'Submissions' : 'Applications  \u203a  Your OIN Integrations'));
    const newBtn = h('button.o-btn.o-btn-primary', {
      type: 'button', text: oinm ? 'Add New Submission' : 'Build new OIN integration',
      on: { click: () => post('/replica-api/integrations/new').catch((e) => alert(e.message)) },
    });
    main.append(h('div.o-page-head', null, h('h1', { text: oinm ? 'My OIN Submissions' : 'Your OIN Integrations' }), newBtn));
    if (oinm) {
      main.append(h('p.o-banner.o-banner-info', { role: 'status',
        text: 'Admins from the linked Okta org ' + data.linkedOrg + ' will be able to view and edit this form' }));
      main.append(h('p.o-help', { text: 'You can have at most ' + data.limit + ' submissions.' }));
    }
    const head = h('thead', null, h('tr', null,
      ['Integration', 'Version', 'Status', 'Last updated', 'Actions'].map((t) => h('th', { scope: 'col', text: t }))));
    const body = h('tbody');
    for (const row of data.rows) {
      const published = row.kind === 'published';
      const versionLabel = oinm
        ? 'Version ' + row.n + (published ? '' : ' \u00b7 IN PROGRESS')
        : article ? (published ? 'Published version' : 'In-progress version') : (published ? 'Published version' : 'Current version');
      const actions = h('div.o-actions');
      const hasInProgress = data.rows.some((r) => r.id === row.id && r.kind === 'in-progress');
      if (published) {
        if (article || oinm) {
          if (!hasInProgress) actions.append(actionButton('Update', () => post('/replica-api/integrations/' + row.id + '/update')));
          if (!oinm) actions.append(h('a.o-link', { href: R.withQuery(row.viewUrl), text: 'View' }));
        } else {
          actions.append(h('a.o-btn.o-btn-secondary', { href: R.withQuery(row.viewUrl), text: 'View' }));
        }
      } else {
        actions.append(h('a.o-btn.o-btn-secondary', { href: R.withQuery(row.editUrl), text: 'Edit', 'data-se': 'edit-integration' }));
      }
      const nameCell = h('td', null, h('div.o-row-name', { text: row.name }), h('div.o-muted', { text: row.id }));
      body.append(h('tr.o-int-row', { 'data-se': 'integration-row' },
        nameCell, h('td', { text: versionLabel }), h('td', null, R.badge(row.status)),
        h('td', { text: (row.lastUpdated || '').slice(0, 10) }), h('td', null, actions)));
    }
    main.append(h('table.o-table', null, h('caption.o-sr', { text: 'Integrations' }), head, body));
  };
})(window.Replica);
