'use strict';
// /replica/stress?n=2000: N labelled controls (all labelling techniques, grouped under
// headings) for the extension's performance benchmarks.
(function (R) {
  const { h } = R;
  R.pages = R.pages || {};
  const TECHS = ['for', 'wrap', 'labelledby', 'aria'];

  R.pages.stress = function stressPage(data) {
    const main = R.shell(data, null);
    main.append(h('h1', { text: 'Stress page: ' + data.n + ' controls' }));
    const items = [];
    for (let i = 0; i < data.n; i++) {
      items.push({ name: 'f' + i, kind: i % 7 === 6 ? 'textarea' : 'text', tech: TECHS[i % 4], label: 'Field ' + (i + 1), required: i % 3 === 0 });
    }
    const sections = [];
    for (let s = 0; s * 50 < items.length; s++) {
      sections.push({ key: 's' + s, title: 'Group ' + (s + 1), items: items.slice(s * 50, s * 50 + 50) });
    }
    const view = new R.FormView(sections, {}, {});
    main.append(view.root);
  };
})(window.Replica);
