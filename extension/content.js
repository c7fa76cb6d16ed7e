// OIN Helper content script: takes a snapshot of the page (raw facts, no decisions), sends it to
// the service worker where the Rust core decides everything, and paints the RenderPlan it gets
// back inside one <oin-helper> element with an open shadow root. Page text is only ever shown
// with textContent. It never writes into the console's own inputs and never submits anything.
(() => {
  'use strict';

  const HOST_TAG = 'oin-helper';
  const CONTROL_SELECTOR = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), textarea, select, [role=textbox], [role=combobox]';
  const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, [role=heading], legend';
  const BUTTON_SELECTOR = 'button, [role=button], input[type=submit], input[type=button], a[href]';
  const ROW_SELECTOR = 'tr, [role=row], li';
  const MAX_TEXT = 2000; // long page texts are cut before crossing to the worker
  const MAX_VALUE = 200000; // values are checked for length, so keep far more than any limit
  const MAX_ITEMS = 20000;
  const FILE_HEAD_BYTES = 65536;

  // A previous instance (before an extension reload) may have left its UI behind: remove it.
  document.querySelectorAll(HOST_TAG).forEach((el) => el.remove());

  let handles = new Map(); // handle → element, rebuilt by every snapshot
  let plan = null;
  let inFlight = false;
  let dirty = false;
  let letThrough = null; // the button whose next click the guard lets through
  let host = null;
  let live = null;
  let shadow = null;
  let dead = false;
  let summaryCollapsed = false;
  const fileHeads = new WeakMap(); // File → Uint8Array of its first bytes
  const highlighted = new Set(); // integrations whose row was pointed out on this page

  const alive = () => {
    try {
      return !dead && Boolean(chrome.runtime && chrome.runtime.id);
    } catch (_) {
      return false;
    }
  };

  // ---------------------------------------------------------------- snapshot

  // Cuts can split a surrogate pair, and pages can hold lone surrogates: either would make the
  // snapshot unreadable JSON for the worker, so every string leaves here well formed.
  const wellFormed = (text) => (text.toWellFormed ? text.toWellFormed() : text);
  const clean = (text, max = MAX_TEXT) => wellFormed((text || '').replace(/\s+/g, ' ').trim().slice(0, max));
  const insideHelper = (el) => Boolean(el.closest && el.closest(HOST_TAG));
  const isHidden = (el) => el.hidden || el.getClientRects().length === 0;

  function textWithout(el, control) {
    // Text of a wrapping label minus the control's own text (e.g. a select's options).
    if (!control || !el.contains(control)) return clean(el.textContent);
    const copy = el.cloneNode(true);
    copy.querySelectorAll('select, textarea, option').forEach((n) => n.remove());
    return clean(copy.textContent);
  }

  function spacedText(el) {
    if (!el) return '';
    const parts = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && parts.length < 200; n = walker.nextNode()) parts.push(n.nodeValue);
    return clean(parts.join(' '), 500);
  }

  function labelledByText(el) {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    return clean(ids.map((id) => {
      const target = document.getElementById(id);
      return target ? target.textContent : '';
    }).join(' '));
  }

  function groupName(el) {
    const fieldset = el.closest('fieldset');
    if (fieldset) {
      const legend = fieldset.querySelector('legend');
      if (legend) return clean(legend.textContent);
    }
    const group = el.closest('[role=group], [role=radiogroup]');
    if (group) return clean(group.getAttribute('aria-label')) || labelledByText(group);
    return '';
  }

  function previewImage(el) {
    let node = el.parentElement;
    for (let depth = 0; node && depth < 4; depth += 1, node = node.parentElement) {
      const img = node.querySelector('img');
      if (img) {
        return { width: img.naturalWidth || 0, height: img.naturalHeight || 0, src: clean(img.getAttribute('src'), 500), alt: clean(img.alt) };
      }
    }
    return null;
  }

  function fileMeta(el) {
    const file = el.files && el.files[0];
    if (!file) return null;
    const head = fileHeads.get(file);
    if (!head) {
      file.slice(0, FILE_HEAD_BYTES).arrayBuffer().then((buffer) => {
        fileHeads.set(file, new Uint8Array(buffer));
        schedule(0);
      }, () => fileHeads.set(file, new Uint8Array(0)));
    }
    return { name: clean(file.name, 500), size: file.size, mime: file.type, head: head ? Array.from(head) : [] };
  }

  function isSecret(el) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    const auto = (el.getAttribute('autocomplete') || '').toLowerCase();
    return type === 'password' || auto.includes('password');
  }

  function controlValue(el) {
    if (el.tagName === 'SELECT') {
      const option = el.selectedOptions && el.selectedOptions[0];
      return option ? clean(option.textContent) : '';
    }
    if ('value' in el && typeof el.value === 'string') return wellFormed(el.value.slice(0, MAX_VALUE));
    return wellFormed((el.textContent || '').slice(0, MAX_VALUE));
  }

  function describeControl(el, id, heading, labelFor) {
    const tag = el.tagName.toLowerCase();
    const kind = (el.getAttribute('type') || (tag === 'input' ? 'text' : '')).toLowerCase();
    const choice = kind === 'checkbox' || kind === 'radio';
    const wrapping = el.closest('label');
    const forText = el.id ? labelFor.get(el.id) || '' : '';
    const labelText = forText || (wrapping ? textWithout(wrapping, el) : '');
    const secret = isSecret(el);
    const value = secret ? '' : controlValue(el);
    const filled = secret ? String(el.value || '').length > 0 : value.trim().length > 0;
    return {
      id,
      tag: ['input', 'textarea', 'select'].includes(tag) ? tag : 'custom',
      kind,
      labels: {
        label: choice ? '' : labelText,
        aria_label: clean(el.getAttribute('aria-label')),
        labelled_by: labelledByText(el),
        legend: groupName(el),
        heading,
        placeholder: clean(el.getAttribute('placeholder')),
        name: clean(el.getAttribute('name'), 200),
        dom_id: clean(el.id, 200),
        data_se: clean(el.getAttribute('data-se'), 200),
      },
      value: choice ? '' : value,
      secret,
      filled: choice ? Boolean(el.checked) : filled,
      checked: choice ? Boolean(el.checked) : null,
      option: choice ? labelText : '',
      hidden: isHidden(el),
      disabled: Boolean(el.disabled || el.readOnly || el.getAttribute('aria-disabled') === 'true'),
      row: null,
      file: kind === 'file' ? fileMeta(el) : null,
      preview: kind === 'file' ? previewImage(el) : null,
    };
  }

  function snapshot() {
    handles = new Map();
    let next = 1;
    const remember = (el) => {
      const id = next;
      next += 1;
      handles.set(id, el);
      return id;
    };
    const labelFor = new Map();
    for (const label of document.querySelectorAll('label[for]')) {
      if (!labelFor.has(label.htmlFor)) labelFor.set(label.htmlFor, textWithout(label, null));
    }

    // Headings and controls in one document-order pass, so each control knows the closest
    // preceding heading without a quadratic search.
    const headings = [];
    const controls = [];
    const seen = new Map(); // heading|label → occurrences, for repeated rows
    let heading = '';
    for (const el of document.querySelectorAll(`${HEADING_SELECTOR}, ${CONTROL_SELECTOR}, dt`)) {
      if (insideHelper(el) || controls.length >= MAX_ITEMS) continue;
      if (el.tagName === 'DT') {
        // A read-only view shows values as label/value pairs: report each as a disabled control.
        const dd = el.nextElementSibling;
        if (!dd || dd.tagName !== 'DD' || isHidden(el)) continue;
        const img = dd.querySelector('img');
        const pair = {
          id: remember(dd), tag: 'custom', kind: img ? 'file' : 'text',
          labels: { label: clean(el.textContent, 300), aria_label: '', labelled_by: '', legend: '', heading, placeholder: '', name: '', dom_id: '', data_se: '' },
          value: img ? '' : clean(dd.textContent, MAX_VALUE), secret: false, filled: Boolean(img) || clean(dd.textContent).length > 0,
          checked: null, option: '', hidden: false, disabled: true, row: null, file: null,
          preview: img ? { width: img.naturalWidth || 0, height: img.naturalHeight || 0, src: clean(img.getAttribute('src'), 500), alt: clean(img.alt) } : null,
        };
        const key = `${heading}|${pair.labels.label}|`;
        const count = seen.get(key) || 0;
        seen.set(key, count + 1);
        pair.row = count;
        controls.push(pair);
        continue;
      }
      if (el.matches(HEADING_SELECTOR)) {
        const text = clean(el.textContent, 300);
        if (!text || isHidden(el)) continue;
        const level = /^H[1-6]$/.test(el.tagName) ? Number(el.tagName[1]) : 0;
        headings.push({ level, text });
        if (el.tagName !== 'LEGEND') heading = text;
        continue;
      }
      const control = describeControl(el, remember(el), heading, labelFor);
      const labels = control.labels;
      const key = `${heading}|${labels.label || labels.labelled_by || labels.aria_label || labels.legend}|${control.option}`;
      const count = seen.get(key) || 0;
      seen.set(key, count + 1);
      control.row = count;
      controls.push(control);
    }
    // Rows are numbered only where a label repeats under one heading; a single occurrence is row 0.
    const buttons = [];
    for (const el of document.querySelectorAll(BUTTON_SELECTOR)) {
      if (insideHelper(el) || buttons.length >= MAX_ITEMS || isHidden(el)) continue;
      const text = clean(el.textContent || el.getAttribute('aria-label') || el.value, 200);
      if (!text) continue;
      buttons.push({ id: remember(el), text, disabled: Boolean(el.disabled || el.getAttribute('aria-disabled') === 'true') });
    }
    const rows = [];
    for (const el of document.querySelectorAll(ROW_SELECTOR)) {
      if (insideHelper(el) || rows.length >= MAX_ITEMS || isHidden(el)) continue;
      const actionEls = el.querySelectorAll('button, [role=button], a[href]');
      if (actionEls.length === 0) continue;
      const cellEls = el.tagName === 'TR' ? el.querySelectorAll('td, th') : el.querySelectorAll(':scope > *');
      const cells = Array.from(cellEls, (c) => clean(c.textContent, 300)).filter(Boolean);
      rows.push({
        id: remember(el),
        cells,
        actions: Array.from(actionEls, (a) => clean(a.textContent || a.getAttribute('aria-label'), 200)).filter(Boolean),
        links: Array.from(el.querySelectorAll('a[href]'), (a) => wellFormed(a.href.slice(0, 2000))),
      });
    }
    const texts = [];
    const statusEls = document.querySelectorAll('[role=status], [role=progressbar], [role=alert], [role=note], [aria-live], [aria-valuenow], header, [role=banner], [role=tab]');
    for (const el of statusEls) {
      if (insideHelper(el) || texts.length >= 500) continue;
      const text = clean(el.getAttribute('aria-valuetext') || el.textContent, 300);
      if (text) texts.push(text);
    }
    for (const el of document.querySelectorAll('p, span, strong, div')) {
      if (texts.length >= 1000) break;
      if (el.childElementCount > 0 || insideHelper(el)) continue;
      const text = clean(el.textContent, 200);
      if (text && text.length <= 120) texts.push(text);
    }
    return {
      url: wellFormed(location.href),
      title: clean(document.title, 300),
      headings,
      buttons,
      controls,
      rows,
      texts,
      // Raw header text, one space between text nodes (textContent would glue the login to its
      // neighbours); the core finds the signed-in admin's login in it.
      user: spacedText(document.querySelector('header, [role=banner]')) || null,
    };
  }

  // ---------------------------------------------------------------- messaging

  function send() {
    if (!alive()) return shutdown();
    if (inFlight) {
      dirty = true;
      return undefined;
    }
    inFlight = true;
    dirty = false;
    let message;
    try {
      message = { kind: 'check', snapshot: snapshot() };
    } catch (error) {
      inFlight = false;
      console.warn('OIN Helper could not read this page; nothing was changed.', error);
      return undefined;
    }
    const sentHandles = handles;
    return chrome.runtime.sendMessage(message).then((response) => {
      inFlight = false;
      if (!response) return;
      if (response.kind === 'error') {
        console.warn(`OIN Helper: ${response.message}`);
      } else if (response.kind === 'plan') {
        paint(response, sentHandles);
      }
      if (dirty) send();
    }, (error) => {
      inFlight = false;
      if (!alive()) return shutdown();
      console.warn('OIN Helper: the extension did not answer; nothing was changed.', error && error.message);
      return undefined;
    });
  }

  let timer = 0;
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(send, delay);
  }

  // ---------------------------------------------------------------- painting

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
    .layer { position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483600; }
    [data-oin-finding] { position: fixed; max-width: 340px; padding: 3px 8px 3px 22px; border-radius: 4px;
      background: #fff; color: #202124; border: 1px solid #b3261e; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
    [data-oin-finding]::before { content: "!"; position: absolute; left: 6px; top: 3px; font-weight: 700; color: #b3261e; }
    [data-oin-finding][data-severity=warning] { border-color: #8a5a00; }
    [data-oin-finding][data-severity=warning]::before { content: "?"; color: #8a5a00; }
    [data-oin-finding][data-severity=info] { border-color: #1a5fb4; }
    [data-oin-finding][data-severity=info]::before { content: "i"; color: #1a5fb4; }
    [data-oin-finding]:focus { outline: 2px solid #1a5fb4; outline-offset: 1px; }
    .dock { position: fixed; right: 16px; bottom: 16px; width: 360px; max-height: 70vh; overflow: auto; z-index: 2147483601;
      background: #fff; color: #202124; border: 1px solid #c4c7c5; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
    .dock header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e0e0e0; }
    .dock header strong { flex: 1; }
    .dock .body { padding: 8px 12px; }
    .dock[data-collapsed=true] .body { display: none; }
    .headline { font-weight: 600; margin: 0 0 6px; }
    .section h3 { font-size: 13px; font-weight: 600; margin: 8px 0 2px; }
    .section .counts { color: #5f6368; font-size: 12px; }
    .section ul { margin: 2px 0; padding-left: 16px; }
    .section li button { all: unset; cursor: pointer; color: #0b57d0; text-decoration: underline; }
    .section li button:focus-visible { outline: 2px solid #0b57d0; }
    .sev { font-weight: 600; text-transform: uppercase; font-size: 11px; margin-right: 4px; }
    button.act { padding: 4px 10px; border-radius: 4px; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; cursor: pointer; }
    button.act.secondary { background: #fff; color: #0b57d0; }
    [data-oin-banner] { background: #fdecea; border: 1px solid #b3261e; border-radius: 6px; padding: 8px 10px; margin: 0 0 8px; }
    [data-oin-banner] p { margin: 0 0 4px; }
    [data-oin-banner] a { color: #0b57d0; }
    details[data-oin-diagnostics] { margin-top: 8px; color: #3c4043; font-size: 12px; }
    details[data-oin-diagnostics] li { font-size: 12px; }
    .backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); z-index: 2147483602; display: flex; align-items: center; justify-content: center; }
    [data-oin-dialog] { background: #fff; color: #202124; border-radius: 8px; padding: 16px 20px; width: min(520px, 92vw); max-height: 80vh; overflow: auto; }
    [data-oin-dialog] h2 { font-size: 16px; margin: 0 0 8px; }
    [data-oin-dialog] .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
    .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .ring { position: fixed; border: 3px solid #0b57d0; border-radius: 6px; pointer-events: none; }
    .row-banner { position: fixed; max-width: 420px; font-size: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
    .row-banner p:not(:first-child) { display: none; }
    [data-oin-row] { position: fixed; font-size: 11px; padding: 1px 6px; border-radius: 10px; background: #e8f0fe; color: #174ea6; border: 1px solid #aecbfa; }
    @media (prefers-color-scheme: dark) {
      [data-oin-finding], .dock, [data-oin-dialog] { background: #202124; color: #e8eaed; }
      .section .counts, details[data-oin-diagnostics] { color: #bdc1c6; }
      .section li button, [data-oin-banner] a { color: #8ab4f8; }
      [data-oin-banner] { background: #3c1f1d; }
      button.act.secondary { background: #202124; color: #8ab4f8; }
    }
  `;

  function ensureHost() {
    if (host && host.isConnected) return;
    host = document.createElement(HOST_TAG);
    shadow = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      shadow.adoptedStyleSheets = [sheet];
    } catch (_) {
      const style = document.createElement('style');
      style.textContent = STYLE;
      shadow.append(style);
    }
    // One live region that outlives repaints, so screen readers hear the counts change.
    live = document.createElement('div');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.className = 'live';
    shadow.append(live);
    (document.body || document.documentElement).append(host);
  }

  function announce(text) {
    if (live && live.textContent !== text) live.textContent = text;
  }

  function removeHost() {
    if (host) host.remove();
    host = null;
    shadow = null;
    live = null;
  }

  function node(tag, attrs, text) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) el.setAttribute(name, String(value));
    }
    if (text !== undefined && text !== null) el.textContent = String(text);
    return el;
  }

  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  function placeNextTo(marker, target, index) {
    const rect = target.getBoundingClientRect();
    if (index < 0) {
      // A ring drawn around the element itself.
      Object.assign(marker.style, { left: `${rect.left - 3}px`, top: `${rect.top - 3}px`, width: `${rect.width + 6}px`, height: `${rect.height + 6}px` });
      return;
    }
    const width = document.documentElement.clientWidth;
    const dock = shadow && shadow.querySelector('.dock');
    const dockRect = dock ? dock.getBoundingClientRect() : null;
    const right = { left: rect.right + 8, right: rect.right + 8 + 340, top: rect.top + index * 26, bottom: rect.top + index * 26 + 40 };
    // Beside the field when there is room and the summary panel is not there; else just below it.
    const roomRight = width - rect.right > 240 && !(dockRect && overlaps(right, dockRect));
    const left = roomRight ? right.left : rect.left;
    const top = roomRight ? right.top : rect.bottom + 2 + index * 26;
    // Fixed positioning in viewport coordinates: immune to whatever the page positions, and
    // re-placed on every scroll and resize (see onMove).
    marker.style.left = `${Math.round(left)}px`;
    marker.style.top = `${Math.round(top)}px`;
  }

  let positioned = []; // [overlay element, page element, stack index]
  function reposition() {
    for (const [overlay, target, index] of positioned) {
      if (target.isConnected) placeNextTo(overlay, target, index);
    }
  }

  function focusControl(id, currentHandles) {
    const el = currentHandles.get(id);
    if (!el || !el.isConnected) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }

  function paintSummary(root, summary, banner, diagnostics, currentHandles) {
    const dock = node('section', { class: 'dock', 'data-collapsed': summaryCollapsed ? 'true' : 'false', 'aria-label': summary ? summary.title : (chrome.i18n.getMessage('ext_name') || 'OIN Helper') });
    const header = node('header');
    header.append(node('strong', {}, summary ? summary.title : (chrome.i18n.getMessage('ext_name') || 'OIN Helper')));
    const toggle = node('button', { class: 'act secondary', 'aria-expanded': summaryCollapsed ? 'false' : 'true', 'data-action': 'toggle-summary' }, summaryCollapsed ? (chrome.i18n.getMessage('content_show') || 'Show') : (chrome.i18n.getMessage('content_hide') || 'Hide'));
    toggle.addEventListener('click', () => {
      summaryCollapsed = !summaryCollapsed;
      chrome.storage.local.set({ 'ui.summaryCollapsed': summaryCollapsed }).catch(() => {});
      dock.setAttribute('data-collapsed', summaryCollapsed ? 'true' : 'false');
      toggle.setAttribute('aria-expanded', summaryCollapsed ? 'false' : 'true');
      toggle.textContent = summaryCollapsed ? (chrome.i18n.getMessage('content_show') || 'Show') : (chrome.i18n.getMessage('content_hide') || 'Hide');
    });
    header.append(toggle);
    dock.append(header);
    const body = node('div', { class: 'body' });
    if (banner) body.append(paintBanner(banner));
    if (summary) {
      const panel = node('div', {
        'data-oin-summary': '',
        'data-complete': summary.complete,
        'data-errors': summary.errors,
        'data-warnings': summary.warnings,
        'data-unknown': summary.unknown,
      });
      panel.append(node('p', { class: 'headline' }, summary.headline));
      announce(summary.headline);
      for (const section of summary.sections) {
        const block = node('div', { class: 'section', 'data-section': section.key });
        block.append(node('h3', {}, section.title));
        if (section.counts) block.append(node('div', { class: 'counts' }, section.counts));
        if (section.items.length) {
          const list = node('ul');
          for (const item of section.items) {
            const li = node('li', { 'data-field': item.field, 'data-rule': item.rule, 'data-severity': item.severity });
            li.append(node('span', { class: 'sev' }, item.severity));
            if (item.control !== null && item.control !== undefined) {
              const jump = node('button', { type: 'button', 'data-action': 'jump' }, item.message);
              jump.addEventListener('click', () => focusControl(item.control, currentHandles));
              li.append(jump);
            } else {
              li.append(node('span', {}, item.message));
            }
            list.append(li);
          }
          block.append(list);
        }
        panel.append(block);
      }
      body.append(panel);
    }
    if (diagnostics) body.append(paintDiagnostics(diagnostics));
    dock.append(body);
    root.append(dock);
  }

  function paintBanner(banner) {
    const box = node('div', { 'data-oin-banner': banner.kind, role: 'alert' });
    for (const text of banner.paragraphs) box.append(node('p', {}, text));
    if (banner.action_url && banner.action_label) {
      box.append(node('a', { href: banner.action_url, 'data-action': 'open-submitter-org', target: '_blank', rel: 'noopener noreferrer' }, banner.action_label));
    }
    return box;
  }

  function paintDiagnostics(diagnostics) {
    const details = node('details', { 'data-oin-diagnostics': '' });
    details.append(node('summary', {}, diagnostics.title));
    const groups = [[chrome.i18n.getMessage('diagnostics_found') || 'Found', diagnostics.found], [chrome.i18n.getMessage('diagnostics_missing') || 'Expected but not found', diagnostics.missing], [chrome.i18n.getMessage('diagnostics_unmatched') || 'Not matched to any field', diagnostics.unmatched]];
    for (const [title, items] of groups) {
      details.append(node('strong', {}, `${title} (${items.length})`));
      const list = node('ul');
      for (const text of items) list.append(node('li', {}, text));
      details.append(list);
    }
    return details;
  }

  function paint(next, currentHandles) {
    plan = next;
    plan.handles = currentHandles;
    if (next.page === 'other') {
      removeHost();
      return;
    }
    ensureHost();
    const layer = node('div', { class: 'layer' });
    positioned = [];
    const perControl = new Map();
    for (const marker of next.markers) {
      const target = currentHandles.get(marker.control);
      if (!target || !target.isConnected) continue;
      const index = perControl.get(marker.control) || 0;
      perControl.set(marker.control, index + 1);
      const el = node('div', {
        'data-oin-finding': '',
        'data-field': marker.field,
        'data-rule': marker.rule,
        'data-severity': marker.severity,
        tabindex: '0',
        role: 'note',
      }, marker.message);
      el.addEventListener('click', () => focusControl(marker.control, currentHandles));
      layer.append(el);
      positioned.push([el, target, index]);
    }
    for (const row of next.rows) {
      const target = currentHandles.get(row.row);
      if (!target) continue;
      const el = node('div', { 'data-oin-row': '', 'data-integration': row.integration, 'data-version': row.version, 'data-status': row.status, 'data-highlight': row.highlight ? 'true' : null }, row.status);
      layer.append(el);
      positioned.push([el, target, 0]);
      if (row.highlight && !highlighted.has(row.integration)) {
        // Resume from the popup asked to point this row out: once per page.
        highlighted.add(row.integration);
        target.scrollIntoView({ block: 'center' });
        const ring = node('div', { class: 'ring', 'aria-hidden': 'true' });
        layer.append(ring);
        positioned.push([ring, target, -1]);
      }
      if (row.banner) {
        const banner = paintBanner(row.banner);
        banner.classList.add('row-banner');
        layer.append(banner);
        positioned.push([banner, target, 1]);
      }
    }
    const fresh = [layer];
    const wrapper = document.createDocumentFragment();
    wrapper.append(layer);
    if (next.summary || next.banner || next.diagnostics) {
      paintSummary(wrapper, next.summary, next.banner, next.diagnostics, currentHandles);
    }
    // Keep an open guard dialog across repaints; replace everything else.
    const openDialog = shadow.querySelector('.backdrop');
    for (const child of Array.from(shadow.children)) {
      if (child !== openDialog && child !== live) child.remove();
    }
    shadow.append(wrapper);
    if (openDialog) shadow.append(openDialog);
    reposition();
    return fresh;
  }

  // ---------------------------------------------------------------- submit guard

  function guardedButton(target) {
    if (!plan || !plan.guard || !plan.guard.blocking.length || !plan.handles) return null;
    for (const id of plan.guard.buttons) {
      const el = plan.handles.get(id);
      if (el && (el === target || el.contains(target))) return el;
    }
    return null;
  }

  function openGuard(button) {
    ensureHost();
    const guard = plan.guard;
    const previousFocus = document.activeElement;
    const backdrop = node('div', { class: 'backdrop' });
    const dialog = node('div', { 'data-oin-dialog': 'submit-guard', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'oin-guard-title' });
    dialog.append(node('h2', { id: 'oin-guard-title' }, guard.title));
    dialog.append(node('p', {}, guard.intro));
    const list = node('ul');
    for (const item of guard.blocking) {
      list.append(node('li', { 'data-field': item.field, 'data-rule': item.rule, 'data-severity': item.severity }, item.message));
    }
    dialog.append(list);
    const actions = node('div', { class: 'actions' });
    const back = node('button', { class: 'act', 'data-action': 'go-back', type: 'button' }, guard.go_back);
    const anyway = node('button', { class: 'act secondary', 'data-action': 'submit-anyway', type: 'button' }, guard.submit_anyway);
    const close = () => {
      backdrop.remove();
      if (previousFocus && previousFocus.focus) previousFocus.focus();
    };
    back.addEventListener('click', close);
    anyway.addEventListener('click', () => {
      close();
      letThrough = button;
      button.click();
    });
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
      if (event.key === 'Tab') {
        // Keep focus inside the dialog while it is open.
        const order = [back, anyway];
        const at = order.indexOf(shadow.activeElement);
        event.preventDefault();
        order[(at + (event.shiftKey ? order.length - 1 : 1)) % order.length].focus();
      }
    });
    actions.append(anyway, back);
    dialog.append(actions);
    backdrop.append(dialog);
    shadow.append(backdrop);
    back.focus();
  }

  function onClick(event) {
    if (!alive()) return;
    const target = event.target;
    if (!(target instanceof Element) || insideHelper(target)) return;
    const button = guardedButton(target);
    if (!button) return;
    if (letThrough === button) {
      letThrough = null;
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    openGuard(button);
  }

  // ---------------------------------------------------------------- wiring

  const observer = new MutationObserver((records) => {
    const ours = (n) => n === host || (n.nodeType === 1 && n.tagName === 'OIN-HELPER');
    const foreign = records.some((r) => r.target !== host && !insideHelper(r.target)
      && !(r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)));
    if (!foreign) return;
    schedule(plan && plan.page !== 'other' ? 60 : 400);
  });
  const onInput = (event) => {
    if (event.target instanceof Element && insideHelper(event.target)) return;
    clearTimeout(timer);
    send();
  };
  let frame = 0;
  const onMove = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(reposition);
  };

  function shutdown() {
    dead = true;
    observer.disconnect();
    clearTimeout(timer);
    window.removeEventListener('click', onClick, true);
    document.removeEventListener('input', onInput, true);
    document.removeEventListener('change', onInput, true);
    window.removeEventListener('scroll', onMove, true);
    window.removeEventListener('resize', onMove);
    removeHost();
  }

  window.addEventListener('click', onClick, true);
  document.addEventListener('input', onInput, true);
  document.addEventListener('change', onInput, true);
  window.addEventListener('scroll', onMove, true);
  window.addEventListener('resize', onMove);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value', 'checked', 'disabled', 'hidden', 'aria-checked', 'aria-selected', 'class'] });

  chrome.storage.local.get('ui.summaryCollapsed').then((items) => {
    summaryCollapsed = Boolean(items['ui.summaryCollapsed']);
  }, () => {}).finally(() => send());
})();
