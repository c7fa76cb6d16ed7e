'use strict';
// Console chrome around every page: top bar with the signed-in admin, side navigation.
(function (R) {
  const { h } = R;

  R.shell = function shell(data, activeNav) {
    const root = document.getElementById('root');
    const oinm = data.layout === 'oinm';
    const user = h('div.o-user', { 'data-se': 'user-account' },
      h('span.o-user-name', { text: data.user }),
      h('span.o-user-org', { text: oinm ? 'OIN Manager' : data.orgHost }));
    const top = h('header.o-topbar', null,
      h('a.o-brand', { href: oinm ? '/' : '/admin/oin/integrations', text: oinm ? 'okta  OIN Manager' : 'okta' }),
      h('div.o-search', { role: 'search' }, h('input.o-input', { type: 'search', 'aria-label': 'Search the console', placeholder: 'Search\u2026' })),
      user);
    let nav = null;
    if (!oinm) {
      const link = (text, href, active) => h('li', null, h('a', { href, text, 'aria-current': active ? 'page' : null }));
      nav = h('nav.o-sidenav', { 'aria-label': 'Main' }, h('ul', null,
        link('Dashboard', '#', false),
        link('Directory', '#', false),
        h('li', null, h('span.o-nav-group', { text: 'Applications' }), h('ul', null,
          link('Applications', '#', false),
          link('Your OIN Integrations', '/admin/oin/integrations', activeNav === 'oin'))),
        link('Security', '#', false),
        link('Reports', '#', false),
        link('Settings', '#', false)));
    }
    const main = h('main.o-main', { id: 'main-content' });
    root.replaceChildren(top, h('div.o-body', null, nav, main));
    return main;
  };

  R.badge = (status) => h('span.o-badge.o-badge-' + status.toLowerCase().replace(/[^a-z]+/g, '-'), { text: status });

  R.fatal = function fatal(msg) {
    document.getElementById('root').replaceChildren(h('main.o-main', null, h('h1', { text: 'Something went wrong' }), h('p', { text: msg })));
  };
})(window.Replica);
