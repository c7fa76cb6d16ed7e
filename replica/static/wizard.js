'use strict';
// OIN Wizard draft form (org A and the failure-test orgs). One page per step, switched on the
// client with history.pushState like a single-page app; the values live in memory across steps
// and are saved to the server on Next/Back unless a ?fixture= is shown.
(function (R) {
  const { h } = R;
  R.pages = R.pages || {};

  R.pages.wizardForm = function wizardForm(data) {
    const main = R.shell(data, 'oin');
    const all = R.buildSections('wizard');
    const values = data.values;
    const base = '/admin/oin/integrations/' + data.integration.id + '/edit';
    let status = data.version.status;
    let dirty = false;
    let submitted = false;

    const stepIndex = () => {
      const m = location.pathname.match(/\/edit\/([a-z]+)$/);
      const i = R.WIZARD_STEPS.findIndex((s) => m && s.key === m[1]);
      return i < 0 ? 0 : i;
    };

    // Progress indicator: rebuilt (a new node) on every change, as a React stepper would be.
    let progress = h('div');
    function renderProgress() {
      const cur = stepIndex();
      const node = h('nav.o-stepper', { 'aria-label': 'Progress', 'data-se': 'wizard-progress' },
        h('ol', null, R.WIZARD_STEPS.map((s, i) => h('li' + (i === cur ? '.o-step-current' : i < cur ? '.o-step-done' : ''),
          { 'aria-current': i === cur ? 'step' : null }, h('span.o-step-num', { text: String(i + 1) }), h('span', { text: s.title })))),
        h('p.o-muted', { text: 'Step ' + (cur + 1) + ' of ' + R.WIZARD_STEPS.length + ' \u00b7 ' +
          (submitted ? 'Submitted' : dirty ? 'Unsaved changes' : 'All changes saved') }));
      progress.replaceWith(node);
      progress = node;
    }

    let badge = R.badge(status);
    const header = h('div.o-page-head', null,
      h('div', null, h('nav.o-breadcrumbs', { 'aria-label': 'Breadcrumb' },
        h('a', { href: R.withQuery('/admin/oin/integrations'), text: 'Your OIN Integrations' }), '  \u203a  ' + data.integration.name)),
      badge);
    const stepHost = h('div.o-step');
    main.append(header, progress, stepHost);
    if (data.fixture) main.append(h('p.o-muted.o-fixture', { text: 'Fixture: ' + data.fixture }));

    async function save() {
      if (data.fixture || !dirty) return;
      await R.api('POST', '/replica-api/integrations/' + data.integration.id + '/save', { values });
      dirty = false;
    }

    function go(i) {
      save().catch(() => {}).finally(() => {
        history.pushState({}, '', R.withQuery(base + '/' + R.WIZARD_STEPS[i].key));
        renderStep();
        window.scrollTo(0, 0);
      });
    }

    function renderSubmit() {
      const err = h('p.o-error', { role: 'alert' });
      const certify = h('input', { type: 'checkbox' });
      const btn = h('button.o-btn.o-btn-primary', { type: 'button', text: 'Submit integration', 'data-se': 'submit-integration' });
      const result = h('div', { role: 'status' });
      btn.addEventListener('click', async () => {
        // A real handler, so tests can tell whether a click got through the extension's guard.
        const clicks = Number(document.documentElement.dataset.replicaSubmitClicks || 0) + 1;
        document.documentElement.dataset.replicaSubmitClicks = String(clicks);
        if (!certify.checked) { err.textContent = 'Certify the statement above before you submit.'; return; }
        err.textContent = '';
        try {
          if (!data.fixture) {
            const res = await R.api('POST', '/replica-api/integrations/' + data.integration.id + '/submit', { values });
            status = res.status;
          } else {
            status = 'OIN to review';
          }
        } catch (e) { err.textContent = e.message; return; }
        submitted = true;
        const nb = R.badge(status);
        badge.replaceWith(nb); badge = nb;
        btn.disabled = true;
        result.replaceChildren(h('div.o-banner.o-banner-success', null, h('strong', { text: 'Submitted' }),
          ' \u2014 your integration was sent to the OIN team for review.'));
        renderProgress();
      });
      return h('section.o-section', null,
        h('p', { text: 'Review your answers. After you submit, the OIN team reviews the integration; you cannot edit it until it is returned or published.' }),
        h('label.o-choice.o-certify', null, certify, h('span', { text: 'I certify that I have tested this integration and that the information provided is accurate.' })),
        err, h('div.o-toolbar', null, btn), result);
    }

    function renderStep() {
      const i = stepIndex();
      const step = R.WIZARD_STEPS[i];
      const content = [h('h1.o-step-title', { text: step.title })];
      if (step.key === 'submit') content.push(renderSubmit());
      else {
        const view = new R.FormView(R.sectionsOf(all, step.sections), values, {
          onChange: () => { dirty = true; renderProgress(); },
        });
        content.push(view.root);
      }
      const nav = h('div.o-toolbar.o-wizard-nav');
      if (i > 0) nav.append(h('button.o-btn.o-btn-secondary', { type: 'button', text: 'Back', on: { click: () => go(i - 1) } }));
      if (i < R.WIZARD_STEPS.length - 1) nav.append(h('button.o-btn.o-btn-primary', { type: 'button', text: 'Next', on: { click: () => go(i + 1) } }));
      content.push(nav);
      stepHost.replaceChildren(...content);
      renderProgress();
    }

    window.addEventListener('popstate', renderStep);
    renderStep();
  };
})(window.Replica);
