'use strict';
// Tiny DOM helpers shared by every page script. Plain DOM APIs only: the page runs under a
// strict CSP (optionally with Trusted Types), so nothing here touches innerHTML or eval.
window.Replica = window.Replica || {};
(function (R) {
  // Class names like a CSS-in-JS build emits: random per load, so nothing may rely on them.
  const salt = Math.random().toString(36).slice(2, 6);
  let classCounter = 0;
  R.gen = () => 'css-' + salt + (classCounter++).toString(36);

  // React useId()-style ids (":r12:"): unique but meaningless, used only to wire labels.
  let idCounter = 0;
  R.uid = () => ':r' + (idCounter++).toString(36) + ':';

  // h('div.o-row', {attrs, on: {click}}, children...). The tag may carry .classes; every
  // element also gets a generated class, as a styled-components page would.
  R.h = function h(spec, props, ...children) {
    const [tag, ...classes] = spec.split('.');
    const el = document.createElement(tag || 'div');
    el.classList.add(R.gen(), ...classes);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
        else if (k === 'value') el.value = v;
        else if (k === 'checked') el.checked = !!v;
        else if (k === 'text') el.textContent = v;
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  };

  R.api = async function api(method, url, body) {
    const res = await fetch(url, {
      method, headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(method + ' ' + url + ' -> ' + res.status);
    return res.json();
  };

  // Keep ?fixture= (and ?tt=) when moving between pages/steps so a fixture spans the flow.
  R.withQuery = function withQuery(path, extra) {
    const cur = new URLSearchParams(location.search);
    const q = new URLSearchParams();
    for (const k of ['fixture', 'tt']) if (cur.get(k)) q.set(k, cur.get(k));
    for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
    const s = q.toString();
    return path + (s ? '?' + s : '');
  };

  R.isEmpty = (v) => v === undefined || v === null || (typeof v === 'string' ? v.trim() === '' :
    Array.isArray(v) ? v.filter((x) => !R.isEmpty(x)).length === 0 : false);
})(window.Replica);
