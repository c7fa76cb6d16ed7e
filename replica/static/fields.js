'use strict';
// A small form engine: renders sections of fields from a spec, keeps the values in memory and
// re-renders on every input/change the way a React page does: the changed field's wrapper is
// re-created (the input keeps its value, focus and caret, but it is a NEW node) and page-level
// indicators are replaced. Extension markers must survive exactly this.
//
// Labelling techniques (field.tech): 'for' <label for>, 'wrap' wrapping <label>,
// 'labelledby' aria-labelledby to a text node, 'aria' aria-label (+ unassociated visible text),
// 'fieldset' fieldset/legend (checkbox and radio groups), 'group' role=group + aria-labelledby.
(function (R) {
  const { h } = R;

  function labelText(f, text) {
    return (text || f.label) + (f.required ? ' *' : '') + (f.optional ? ' (optional)' : '');
  }

  // One labelled control using technique `tech`. `ctl` is the bare control element.
  function labelled(tech, text, ctl, extraClass) {
    const wrapClass = 'div.o-field' + (extraClass ? '.' + extraClass : '');
    if (tech === 'wrap') {
      return h(wrapClass, null, h('label.o-label.o-wrap', null, h('span', { text }), ctl));
    }
    if (tech === 'labelledby') {
      const lid = R.uid();
      ctl.setAttribute('aria-labelledby', lid);
      return h(wrapClass, null, h('div.o-label', { id: lid, text }), ctl);
    }
    if (tech === 'aria') {
      // Visible caption is not associated; the name comes from aria-label (without the '*').
      ctl.setAttribute('aria-label', text.replace(/\s*\*$/, ''));
      return h(wrapClass, null, h('div.o-label', { text, 'aria-hidden': 'true' }), ctl);
    }
    const id = R.uid();
    ctl.id = id;
    return h(wrapClass, null, h('label.o-label', { for: id, text }), ctl);
  }

  class FormView {
    // sections: [{key, title, level, when(v), items:[field | {heading, level} | {note(v)}]}]
    constructor(sections, values, opts) {
      this.sections = sections;
      this.values = values;
      this.opts = opts || {};
      this.bind = new WeakMap();   // control -> {field, row, cell, opt, action}
      this.keyToEl = new Map();    // focus key -> control (rebuilt on render)
      this.wrappers = new Map();   // field name -> wrapper element
      this.root = h('div.o-form');
      for (const ev of ['input', 'change', 'click']) {
        this.root.addEventListener(ev, (e) => this.onEvent(e));
      }
      this.render();
    }

    visibleSections() {
      return this.sections.filter((s) => !s.when || s.when(this.values));
    }

    render() {
      this.keyToEl.clear();
      this.wrappers.clear();
      const out = [];
      for (const s of this.visibleSections()) {
        const sec = h('section.o-section', { 'data-se': s.se || null });
        if (s.title) sec.append(h('h' + (s.level || 2) + '.o-section-title', { text: s.title }));
        if (s.intro) sec.append(h('p.o-help', { text: s.intro }));
        for (const item of s.items) {
          if (item.heading) { sec.append(h('h' + (item.level || 3) + '.o-subtitle', { text: item.heading })); continue; }
          if (item.note) { sec.append(h('p.o-note', { text: item.note(this.values) })); continue; }
          if (item.when && !item.when(this.values)) continue;
          const w = this.renderField(item);
          this.wrappers.set(item.name, w);
          sec.append(w);
        }
        out.push(sec);
      }
      this.root.replaceChildren(...out);
    }

    reg(el, key, b) {
      this.bind.set(el, b);
      this.keyToEl.set(key, el);
      return el;
    }

    textControl(f, kind, value, key, b) {
      let el;
      if (kind === 'textarea') el = h('textarea.o-input.o-textarea', { rows: 4 });
      else el = h('input.o-input', {
        type: kind === 'password' ? 'password' : 'text',
        autocomplete: kind === 'password' ? 'new-password' : 'off',
        inputmode: kind === 'url' ? 'url' : kind === 'email' ? 'email' : kind === 'tel' ? 'tel' : null,
        spellcheck: 'false',
      });
      el.value = value || '';
      if (f.se && !b.row) el.setAttribute('data-se', f.se);
      return this.reg(el, key, b);
    }

    renderField(f) {
      const v = this.values;
      const k = f.kind;
      let w;
      if (['text', 'url', 'email', 'tel', 'password', 'textarea'].includes(k)) {
        const ctl = this.textControl(f, k, v[f.name], f.name, { field: f });
        w = labelled(f.tech, labelText(f), ctl);
        if (f.help) w.append(h('p.o-help', { text: f.help }));
      } else if (k === 'select') {
        const sel = h('select.o-input.o-select', null,
          h('option', { value: '', text: 'Select\u2026' }),
          f.options.map((o) => h('option', { value: o, text: o })));
        sel.value = v[f.name] || '';
        w = labelled(f.tech, labelText(f), this.reg(sel, f.name, { field: f }));
      } else if (k === 'checks' || k === 'radios') {
        w = this.renderChoices(f);
      } else if (k === 'file') {
        w = this.renderLogo(f);
      } else if (k === 'rows') {
        w = this.renderRows(f);
      } else if (k === 'list') {
        w = this.renderList(f);
      }
      return w;
    }

    renderChoices(f) {
      const cur = this.values[f.name];
      const multi = f.kind === 'checks';
      const group = 'g' + R.uid();
      const items = f.options.map((o) => {
        const val = typeof o === 'string' ? o : o.value;
        const text = typeof o === 'string' ? o : o.text;
        const input = h('input.o-check', {
          type: multi ? 'checkbox' : 'radio', name: multi ? null : group, value: val,
          checked: multi ? (cur || []).includes(val) : cur === val,
        });
        this.reg(input, f.name + '|' + val, { field: f, opt: val });
        if (multi) return h('label.o-choice', null, input, h('span', { text }));
        const id = R.uid();
        input.id = id;
        return h('div.o-choice', null, input, h('label', { for: id, text }));
      });
      const fs = h('fieldset.o-fieldset', { 'data-se': f.se || null, role: multi ? null : 'radiogroup' },
        h('legend.o-label', { text: labelText(f) }), h('div.o-choices', null, items));
      const w = h('div.o-field', null, fs);
      if (f.help) w.append(h('p.o-help', { text: f.help }));
      return w;
    }

    renderLogo(f) {
      const input = h('input.o-file', { type: 'file', accept: 'image/png,image/jpeg,image/gif' });
      this.reg(input, f.name, { field: f, file: true });
      const w = labelled(f.tech, labelText(f), input);
      w.append(h('p.o-help', { text: 'PNG, JPG or GIF, under 1 MB, 244\u00d7244 px recommended.' }));
      w.append(this.logoPreview(f));
      return w;
    }

    logoPreview(f) {
      // A default placeholder is shown until a logo is chosen (it counts as "no logo").
      const src = this.values[f.name] || '/static/default-logo.png';
      const img = h('img.o-logo-preview', { src, alt: 'Logo preview', width: null });
      return h('div.o-logo-box', null, img);
    }

    renderRows(f) {
      const rows = this.values[f.name] || [];
      const w = h('div.o-field.o-rows');
      if (f.rowHeading) w.append(h('h' + (f.level || 3) + '.o-subtitle', { text: f.rowHeading }));
      if (f.help) w.append(h('p.o-help', { text: f.help }));
      rows.forEach((row, i) => {
        const cells = f.cells.map((c) => {
          const ctl = this.textControl(c, 'text', row[c.name], f.name + '|' + i + '|' + c.name,
            { field: f, row: String(i), cell: c.name });
          return labelled(c.tech, labelText(c), ctl, 'o-cell');
        });
        const rm = h('button.o-btn.o-btn-link', { type: 'button', 'aria-label': 'Remove row ' + (i + 1), text: 'Remove' });
        this.reg(rm, f.name + '|rm|' + i, { field: f, action: 'remove', row: i });
        w.append(h('div.o-row', null, cells, rm));
      });
      const add = h('button.o-btn.o-btn-secondary', { type: 'button', text: f.addLabel || '+ Add another' });
      this.reg(add, f.name + '|add', { field: f, action: 'add' });
      w.append(add);
      return w;
    }

    renderList(f) {
      const list = this.values[f.name] && this.values[f.name].length ? this.values[f.name] : [''];
      const lid = R.uid();
      const w = h('div.o-field.o-list', { role: 'group', 'aria-labelledby': lid },
        h('div.o-label', { id: lid, text: labelText(f) }));
      list.forEach((val, i) => {
        const ctl = this.textControl(f, 'url', val, f.name + '|' + i, { field: f, row: String(i) });
        ctl.setAttribute('aria-label', f.itemLabel);
        const rm = h('button.o-btn.o-btn-link', { type: 'button', 'aria-label': 'Remove ' + f.itemLabel + ' ' + (i + 1), text: 'Remove' });
        this.reg(rm, f.name + '|rm|' + i, { field: f, action: 'remove', row: i });
        w.append(h('div.o-row', null, ctl, list.length > 1 ? rm : null));
      });
      const add = h('button.o-btn.o-btn-secondary', { type: 'button', text: f.addLabel });
      this.reg(add, f.name + '|add', { field: f, action: 'add' });
      w.append(add);
      return w;
    }

    // ---- events -----------------------------------------------------------------------------
    onEvent(e) {
      const b = this.bind.get(e.target.closest('input,textarea,select,button') || e.target);
      if (!b) return;
      const f = b.field;
      const t = e.target;
      const isText = (t.tagName === 'INPUT' && (t.type === 'text' || t.type === 'password')) || t.tagName === 'TEXTAREA';
      if (e.type === 'click') {
        if (!b.action) return;
        const arr = (this.values[f.name] = (this.values[f.name] || []).slice());
        if (b.action === 'add') arr.push(f.kind === 'list' ? '' : Object.fromEntries(f.cells.map((c) => [c.name, ''])));
        else arr.splice(b.row, 1);
        this.refresh(f, b.action === 'add' ? this.firstCellKey(f, arr.length - 1) : f.name + '|add');
        return;
      }
      if (e.type === 'input' && isText) {
        if (b.row !== undefined) {
          const arr = (this.values[f.name] = (this.values[f.name] || []).slice());
          if (f.kind === 'list') { while (arr.length <= +b.row) arr.push(''); arr[+b.row] = t.value; }
          else arr[+b.row] = Object.assign({}, arr[+b.row], { [b.cell]: t.value });
        } else {
          this.values[f.name] = t.value;
        }
        const key = b.row !== undefined ? f.name + '|' + b.row + (b.cell ? '|' + b.cell : '') : f.name;
        this.refresh(f, key, [t.selectionStart, t.selectionEnd]);
        return;
      }
      if (e.type !== 'change' || isText) return;
      if (b.file) {
        this.chooseLogo(f, t);
        return;
      }
      if (f.kind === 'checks') {
        const set = new Set(this.values[f.name] || []);
        if (t.checked) set.add(b.opt); else set.delete(b.opt);
        this.values[f.name] = f.options.map((o) => (typeof o === 'string' ? o : o.value)).filter((o) => set.has(o));
      } else {
        this.values[f.name] = t.value;
      }
      // Choices can show or hide other fields (capabilities, auth mode, SP flow): re-render all.
      this.refresh(f, f.kind === 'select' ? f.name : f.name + '|' + b.opt, null, true);
    }

    firstCellKey(f, i) {
      return f.kind === 'list' ? f.name + '|' + i : f.name + '|' + i + '|' + f.cells[0].name;
    }

    chooseLogo(f, input) {
      const file = input.files && input.files[0];
      if (!file) return;
      // The CSP allows data: images but not blob:, so the local preview is a data URL.
      const reader = new FileReader();
      reader.onload = () => {
        this.values[f.name] = String(reader.result);
        this.values.logo_file = { name: file.name, type: file.type, size: file.size };
        const box = this.wrappers.get(f.name).querySelector('.o-logo-box');
        box.replaceWith(this.logoPreview(f));
        this.changed(f);
      };
      reader.readAsDataURL(file);
    }

    refresh(f, focusKey, sel, all) {
      if (all) this.render();
      else {
        const old = this.wrappers.get(f.name);
        const neu = this.renderField(f);
        this.wrappers.set(f.name, neu);
        old.replaceWith(neu);
      }
      const el = this.keyToEl.get(focusKey);
      if (el) {
        el.focus({ preventScroll: true });
        if (sel) { try { el.setSelectionRange(sel[0], sel[1]); } catch (_) { /* not a text control */ } }
      }
      this.changed(f);
    }

    changed(f) {
      if (this.opts.onChange) this.opts.onChange(this.values, f);
    }
  }

  R.FormView = FormView;

  // The replica's own completeness: share of visible required fields that are filled in.
  R.completeness = function completeness(sections, values) {
    let total = 0; let filled = 0;
    for (const s of sections) {
      if (s.when && !s.when(values)) continue;
      for (const f of s.items) {
        if (!f.name || !f.required || (f.when && !f.when(values))) continue;
        total += 1;
        const val = values[f.name];
        const placeholder = f.kind === 'file' && !val;
        if (!placeholder && !R.isEmpty(val)) filled += 1;
      }
    }
    return { total, filled, pct: total ? Math.round((filled / total) * 100) : 100 };
  };
})(window.Replica);
