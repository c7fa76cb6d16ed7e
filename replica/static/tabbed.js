'use strict';
// Tabbed editor of an in-progress version: the Support article layout (org B: one "NN%"
// completeness indicator) and the legacy OIN Manager (one progress bar per tab, e.g.
// "General Settings 37%"). Both end in Submit for Review. Tabs switch with pushState(?tab=).
(function (R) {
  const { h } = R;
  R.pages = R.pages || {};

  R.pages.tabbedForm = function tabbedForm(data) {
    const oinm = data.layout === 'oinm';
    const main = R.shell(data, 'oin');
    const all = R.buildSections(data.layout);
    const values = data.values;
    let status = data.version.status;
    let dirty = false;

    const visibleTabs = () => R.TABS.filter((t) => !t.when || t.when(values));
    const tabSections = (t) => R.sectionsOf(all, t.sections);
    const currentTab = () => {
      const want = new URLSearchParams(location.search).get('tab') || 'general';
      return visibleTabs().find((t) => t.key === want) || visibleTabs()[0];
    };

    main.append(h('nav.o-breadcrumbs', { 'aria-label': 'Breadcrumb' },
      h('a', { href: R.withQuery(oinm ? '/' : '/admin/oin/integrations'), text: oinm ? 'Submissions' : 'Your OIN Integrations' }),
      '  \u203a  ' + data.integration.name));
    // "App Integration / Version 2 / IN PROGRESS"
    main.append(h('div.o-version-line', { 'data-se': 'version-header' },
      h('span', { text: 'App Integration' }), h('span.o-sep', { text: ' / ' }),
      h('span', { text: 'Version ' + data.version.n }), h('span.o-sep', { text: ' / ' }),
      h('span.o-inprogress', { text: 'IN PROGRESS' })));
    let badge = R.badge(status);
    main.append(h('div.o-page-head', null, h('h1', { text: data.integration.name }), badge));
    if (oinm) {
      main.append(h('p.o-banner.o-banner-info', { role: 'status',
        text: 'Admins from the linked Okta org ' + data.linkedOrg + ' will be able to view and edit this form' }));
    }

    // Progress indicators are new nodes after every change.
    let indicator = h('div');
    let tablist = h('div');
    function renderIndicators() {
      if (!oinm) {
        const sections = visibleTabs().flatMap(tabSections);
        const c = R.completeness(sections, values);
        const node = h('div.o-complete', { 'data-se': 'completeness' },
          h('span.o-complete-label', { text: 'Completeness' }),
          h('div.o-bar', { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(c.pct), 'aria-label': 'Completeness' },
            h('div.o-bar-fill.o-w' + Math.round(c.pct / 5) * 5)),
          h('span.o-complete-pct', { text: c.pct + '%' }));
        indicator.replaceWith(node); indicator = node;
      }
      const cur = currentTab();
      const tl = h('div.o-tabs', { role: 'tablist', 'aria-label': 'Sections' }, visibleTabs().map((t) => {
        const name = oinm ? t.oinm : t.article;
        const kids = [h('span.o-tab-name', { text: name })];
        if (oinm) {
          const c = R.completeness(tabSections(t), values);
          kids.push(h('span.o-tab-pct', { text: ' ' + c.pct + '%' }),
            h('div.o-bar.o-bar-small', { role: 'progressbar', 'aria-valuenow': String(c.pct), 'aria-label': name + ' progress' },
              h('div.o-bar-fill.o-w' + Math.round(c.pct / 5) * 5)));
        }
        return h('button.o-tab', { type: 'button', role: 'tab', 'aria-selected': String(t === cur),
          on: { click: () => { history.pushState({}, '', R.withQuery(location.pathname, { tab: t.key })); renderPanel(); } } }, kids);
      }));
      tablist.replaceWith(tl); tablist = tl;
    }

    const panel = h('div.o-tabpanel', { role: 'tabpanel' });
    const err = h('p.o-error', { role: 'alert' });
    const result = h('div', { role: 'status' });
    const submit = h('button.o-btn.o-btn-primary', { type: 'button', text: 'Submit for Review', 'data-se': 'submit-for-review' });
    const saveBtn = h('button.o-btn.o-btn-secondary', { type: 'button', text: 'Save', on: { click: () => save() } });
    main.append(indicator, tablist, panel, h('div.o-toolbar', null, saveBtn, submit), err, result);
    if (data.fixture) main.append(h('p.o-muted.o-fixture', { text: 'Fixture: ' + data.fixture }));

    async function save() {
      if (data.fixture || !dirty) return;
      await R.api('POST', '/replica-api/integrations/' + data.integration.id + '/save', { values });
      dirty = false;
    }

    submit.addEventListener('click', async () => {
      // A real handler, so tests can tell whether a click got through the extension's guard.
      const clicks = Number(document.documentElement.dataset.replicaSubmitClicks || 0) + 1;
      document.documentElement.dataset.replicaSubmitClicks = String(clicks);
      try {
        if (!data.fixture) status = (await R.api('POST', '/replica-api/integrations/' + data.integration.id + '/submit', { values })).status;
        else status = oinm ? 'To be reviewed by Okta' : 'Submitted';
      } catch (e) { err.textContent = e.message; return; }
      const nb = R.badge(status);
      badge.replaceWith(nb); badge = nb;
      submit.disabled = true;
      result.replaceChildren(h('div.o-banner.o-banner-success', null, h('strong', { text: 'Submitted' }),
        ' \u2014 this version was submitted for review.'));
    });

    function renderPanel() {
      const view = new R.FormView(tabSections(currentTab()), values, {
        onChange: () => { dirty = true; renderIndicators(); },
      });
      panel.replaceChildren(view.root);
      renderIndicators();
    }

    window.addEventListener('popstate', renderPanel);
    renderPanel();
  };
})(window.Replica);
