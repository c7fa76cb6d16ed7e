'use strict';
// /replica/hostile: hostile strings (replica/hostile.py) in every place OIN Helper reads, for the
// injection tests. Everything is rendered with textContent / value, exactly as a console would
// render user data; only view=control parses a payload as markup (innerHTML), to prove that the
// page's trap global really fires when markup is parsed (the page CSP allows inline script here).
//   view=form&i=N  a wizard step whose display name is payload N, description N+1, escalation
//                  contact N+2, support phone N+3, account URL N+4, tenant variable name N+5,
//                  an unmatched control labelled N+6 and one aria-labelled N+7, a status N+8;
//                  its "Next set" button re-renders the form in place with N+1
//   view=list      "Your OIN Integrations" with one published row per payload (name = payload)
//                  and one in-progress row per payload (status = payload)
//   view=control   the positive control
(function (R) {
  const { h } = R;
  R.pages = R.pages || {};

  function field(label, value, opts) {
    const o = opts || {};
    const id = R.uid();
    const ctl = o.textarea ? h('textarea.o-input', { id, rows: 2 }) : h('input.o-input', { id, type: o.type || 'text' });
    ctl.value = value;
    if (o.aria) {
      ctl.removeAttribute('id');
      ctl.setAttribute('aria-label', label);
      return h('div.o-field', null, ctl);
    }
    return h('div.o-field', null, h('label.o-label', { for: id, text: label }), ctl);
  }

  function formView(data, main) {
    const P = data.payloads;
    const at = (k) => P[(data.i + k) % P.length];
    // "Next set" re-renders the form with the following payloads in place, as a client-rendered
    // console re-renders (no page load), and keeps the URL in step.
    const next = () => {
      const i = (data.i + 1) % P.length;
      history.replaceState(null, '', '/replica/hostile?view=form&i=' + i);
      main.replaceChildren();
      formView(Object.assign({}, data, { i }), main);
    };
    document.documentElement.dataset.hostileSet = String(data.i);
    main.append(h('h1', { text: 'Add integration details' }));
    const submits = () => {
      const el = document.documentElement;
      el.dataset.replicaSubmitClicks = String(Number(el.dataset.replicaSubmitClicks || 0) + 1);
    };
    main.append(
      h('section.o-section', null,
        h('h2', { text: 'OIN catalog properties' }),
        field('Display name *', at(0)),
        field('Description *', at(1), { textarea: true }),
        field(at(6), 'unmatched control'),
        field(at(7), 'aria-named control', { aria: true })),
      h('section.o-section', null,
        h('h2', { text: 'Tenant settings' }),
        h('div.o-field', null, h('label.o-label.o-wrap', null, h('span', { text: 'Label' }), h('input.o-input', { type: 'text', value: 'Tenant' }))),
        field('Name', at(5))),
      h('section.o-section', null,
        h('h2', { text: 'Support contact' }),
        field('Escalation support contact *', at(2)),
        h('h3', { text: 'Public support contact' }),
        field('Support phone (optional)', at(3))),
      h('section.o-section', null,
        h('h2', { text: 'Testing information for Okta review' }),
        field('Account URL *', at(4)),
        h('p.o-help', { role: 'status', text: at(8) })),
      h('div.o-actions', null,
        h('button.o-btn.o-btn-primary', { type: 'button', text: 'Submit integration', on: { click: submits } }),
        h('button.o-btn.o-btn-secondary', { type: 'button', text: 'Next set', 'data-hostile-next': '', on: { click: next } })));
  }

  function listView(data, main) {
    main.append(h('div.o-page-head', null, h('h1', { text: 'Your OIN Integrations' })));
    const head = h('thead', null, h('tr', null,
      ['Integration', 'Version', 'Status', 'Actions'].map((t) => h('th', { scope: 'col', text: t }))));
    const body = h('tbody');
    data.payloads.forEach((p, i) => {
      const link = '/replica/hostile?view=form&i=' + i;
      body.append(h('tr.o-int-row', { 'data-se': 'integration-row', 'data-payload': String(i), 'data-kind': 'name' },
        h('td', null, h('div.o-row-name', { text: p })),
        h('td', { text: 'Published version' }),
        h('td', null, R.badge('Published')),
        h('td', null, h('a.o-btn.o-btn-secondary', { href: link, text: 'View' }))));
      body.append(h('tr.o-int-row', { 'data-se': 'integration-row', 'data-payload': String(i), 'data-kind': 'status' },
        h('td', null, h('div.o-row-name', { text: 'Status probe ' + (i + 1) })),
        h('td', { text: 'Current version' }),
        h('td', null, h('span.o-badge', { text: p })),
        h('td', null, h('a.o-btn.o-btn-secondary', { href: link, text: 'Edit' }))));
    });
    main.append(h('table.o-table', null, h('caption.o-sr', { text: 'Integrations' }), head, body));
  }

  function controlView(data, main) {
    main.append(h('h1', { text: 'Trap control' }));
    const box = h('div');
    main.append(box);
    // Deliberately unsafe: proves the trap fires when a page parses a payload as markup.
    box.innerHTML = data.payloads[1];
  }

  R.pages.hostile = function hostilePage(data) {
    const main = R.shell(data, 'oin');
    if (data.view === 'list') listView(data, main);
    else if (data.view === 'control') controlView(data, main);
    else formView(data, main);
  };
})(window.Replica);
