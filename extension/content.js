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

  let plan = null;
  let inFlight = false;
  let dirty = false;
  let letThrough = null; // the button whose next click the guard lets through
  let host = null;
  let live = null;
  let shadow = null;
  let dead = false;
  let failures = 0; // checks in a row the extension did not answer
  const RETRY_DELAYS = [250, 1000];
  let summaryCollapsed = false;
  const fileHeads = new WeakMap(); // File → its description (FileMeta) with its first bytes
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
  const clean = (text, max = MAX_TEXT) => (text ? wellFormed(text.replace(/\s+/g, ' ').trim().slice(0, max)) : '');
  const insideHelper = (el) => Boolean(el.closest && el.closest(HOST_TAG));
  // checkVisibility() needs only style, where getClientRects() forces a layout: an element with
  // a box always has client rects, so only the rare "no box" answer is confirmed the old way
  // (content-visibility can hide a subtree that still has rects).
  const hasCheckVisibility = typeof Element.prototype.checkVisibility === 'function';
  const isHidden = (el) => el.hidden || ((!hasCheckVisibility || !el.checkVisibility()) && el.getClientRects().length === 0);
  const NOT_TEXT = new Set(['select', 'textarea', 'option']);

  function textWithout(el, control) {
    // Text of a wrapping label minus the control's own text (e.g. a select's options). Only
    // select, textarea and option hold such text; a label around a plain input has none.
    if (!control || !el.contains(control) || !el.querySelector('select, textarea, option')) return clean(el.textContent);
    return clean(textOutside(el));
  }

  /** What `root.textContent` would be with its select, textarea and option elements removed (no clone). */
  function textOutside(root) {
    let text = '';
    let n = root.firstChild;
    while (n) {
      if (n.nodeType === 3 || n.nodeType === 4) {
        text += n.data;
      } else if (n.nodeType === 1 && !NOT_TEXT.has(n.localName) && n.firstChild) {
        n = n.firstChild;
        continue;
      }
      while (n !== root && !n.nextSibling) n = n.parentNode;
      n = n === root ? null : n.nextSibling;
    }
    return text;
  }

  function spacedText(el) {
    if (!el) return '';
    const parts = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && parts.length < 200; n = walker.nextNode()) parts.push(n.nodeValue);
    return clean(parts.join(' '), 500);
  }

  function labelledByText(el) {
    const attr = el.getAttribute('aria-labelledby');
    if (!attr) return '';
    const ids = attr.split(/\s+/).filter(Boolean);
    return clean(ids.map((id) => {
      const target = document.getElementById(id);
      return target ? target.textContent : '';
    }).join(' '));
  }

  // A group's name is the same for all its controls: computed once per group and snapshot.
  const GROUP_SELECTOR = 'fieldset, [role=group], [role=radiogroup]';
  function groupName(el, groups) {
    // Most controls are in no group: one ancestor walk answers that (none at all on a page
    // without groups).
    if (!groups || !el.closest(GROUP_SELECTOR)) return '';
    const fieldset = el.closest('fieldset');
    if (fieldset) {
      let name = groups.get(fieldset);
      if (name === undefined) {
        const legend = fieldset.querySelector('legend');
        name = legend ? clean(legend.textContent) : null;
        groups.set(fieldset, name);
      }
      if (name !== null) return name;
    }
    const group = el.closest('[role=group], [role=radiogroup]');
    if (!group) return '';
    let name = groups.get(group);
    if (name === undefined) {
      name = clean(group.getAttribute('aria-label')) || labelledByText(group);
      groups.set(group, name);
    }
    return name;
  }

  // An image's size is known once it has loaded, and loading changes nothing an observer sees:
  // a snapshot that met an image still loading checks the page again when it has.
  const awaitedImages = new WeakSet();
  function imageMeta(img) {
    if (!img.complete && !awaitedImages.has(img)) {
      awaitedImages.add(img);
      const again = () => {
        awaitedImages.delete(img);
        schedule(0);
      };
      img.addEventListener('load', again, { once: true });
      img.addEventListener('error', again, { once: true });
    }
    return { width: img.naturalWidth || 0, height: img.naturalHeight || 0, src: clean(img.getAttribute('src'), 500), alt: clean(img.alt) };
  }

  function previewImage(el) {
    let node = el.parentElement;
    for (let depth = 0; node && depth < 4; depth += 1, node = node.parentElement) {
      const img = node.querySelector('img');
      if (img) return imageMeta(img);
    }
    return null;
  }

  // Once a file's head is read, its description is one object, the same in every snapshot: an
  // edit compares it by reference instead of comparing up to 64 KiB of bytes on every key.
  function fileMeta(el) {
    const file = el.files && el.files[0];
    if (!file) return null;
    const known = fileHeads.get(file);
    if (known) return known;
    file.slice(0, FILE_HEAD_BYTES).arrayBuffer().then((buffer) => {
      fileHeads.set(file, { ...described(file), head: Array.from(new Uint8Array(buffer)) });
      schedule(0);
    }, () => fileHeads.set(file, described(file)));
    return described(file);
  }
  const described = (file) => ({ name: clean(file.name, 500), size: file.size, mime: file.type, head: [] });

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

  function labelTextOf(el, labelFor) {
    const forText = el.id ? labelFor.get(el.id) || '' : '';
    if (forText) return forText;
    const wrapping = el.closest('label');
    return wrapping ? textWithout(wrapping, el) : '';
  }

  function describeControl(el, id, heading, labelFor, groups) {
    const tag = el.tagName.toLowerCase();
    const kind = (el.getAttribute('type') || (tag === 'input' ? 'text' : '')).toLowerCase();
    const choice = kind === 'checkbox' || kind === 'radio';
    const labelText = labelTextOf(el, labelFor);
    const secret = isSecret(el);
    // Only what differs from the defaults is sent (every field of the Rust side's snapshot types
    // is `#[serde(default)]`): the browser serialises the whole message on every check, and the
    // worker reads all of it, so empty strings and false flags cost both sides for nothing.
    const labels = {};
    putText(labels, 'label', choice ? '' : labelText);
    putText(labels, 'aria_label', clean(el.getAttribute('aria-label')));
    putText(labels, 'labelled_by', labelledByText(el));
    putText(labels, 'legend', groupName(el, groups));
    putText(labels, 'heading', heading);
    putText(labels, 'placeholder', clean(el.getAttribute('placeholder')));
    putText(labels, 'name', clean(el.getAttribute('name'), 200));
    putText(labels, 'dom_id', clean(el.id, 200));
    putText(labels, 'data_se', clean(el.getAttribute('data-se'), 200));
    const sentTag = tag === 'input' || tag === 'textarea' || tag === 'select' ? tag : 'custom';
    return sentControl({ id, tag: sentTag, kind, labels, secret, option: choice ? labelText : '' }, stateOf(el, kind, secret));
  }

  /** A control as sent: what names it (`named`), then its state (see `stateOf`); the caller adds its row. */
  function sentControl(named, state) {
    const control = { id: named.id, tag: named.tag, kind: named.kind, labels: named.labels };
    if (named.secret) control.secret = true;
    putText(control, 'option', named.option);
    return Object.assign(control, state);
  }

  // A control's state: what typing, a click or a page script can change without changing the
  // page's tree (the Rust side's ControlState). Every snapshot reads it, and an edit reads it
  // again through the last snapshot's handles (see editOf).
  const STATE_KEYS = ['value', 'filled', 'checked', 'hidden', 'disabled', 'file', 'preview'];
  function stateOf(el, kind, secret) {
    const choice = kind === 'checkbox' || kind === 'radio';
    const state = {};
    const value = secret || choice ? '' : controlValue(el);
    putText(state, 'value', value);
    if (choice ? el.checked : secret ? String(el.value || '').length > 0 : value.trim().length > 0) state.filled = true;
    if (choice) state.checked = Boolean(el.checked);
    if (isHidden(el)) state.hidden = true;
    if (el.disabled || el.readOnly || el.getAttribute('aria-disabled') === 'true') state.disabled = true;
    if (kind === 'file') {
      const file = fileMeta(el);
      const preview = previewImage(el);
      if (file) state.file = file;
      if (preview) state.preview = preview;
    }
    return state;
  }
  const sameState = (control, state) => STATE_KEYS.every((key) => control[key] === state[key]
    || (typeof state[key] === 'object' && JSON.stringify(control[key]) === JSON.stringify(state[key])));

  function putText(object, key, text) {
    if (text) object[key] = text;
  }

  function describePair(el, dd, id, heading) {
    // A read-only view shows values as label/value pairs: each is reported as a disabled control.
    const img = dd.querySelector('img');
    return {
      id, tag: 'custom', kind: img ? 'file' : 'text',
      labels: { label: clean(el.textContent, 300), aria_label: '', labelled_by: '', legend: '', heading, placeholder: '', name: '', dom_id: '', data_se: '' },
      value: img ? '' : clean(dd.textContent, MAX_VALUE), secret: false, filled: Boolean(img) || clean(dd.textContent).length > 0,
      checked: null, option: '', hidden: false, disabled: true, row: null, file: null,
      preview: img ? imageMeta(img) : null,
    };
  }

  // A cell that stacks blocks (a name over its id, as list rows show them) is sent as lines, so
  // the name is not read glued to the line under it. Inline markup stays one line.
  const BLOCKS = new Set(['DIV', 'P', 'UL', 'OL', 'LI', 'SECTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  function cellText(cell) {
    const children = cell.children;
    const stacked = children.length > 1 && Array.prototype.every.call(children, (c) => BLOCKS.has(c.tagName))
      && Array.prototype.every.call(cell.childNodes, (n) => n.nodeType !== Node.TEXT_NODE || !n.data.trim());
    if (!stacked) return clean(cell.textContent, 300);
    return Array.from(children, (c) => clean(c.textContent, 300)).filter(Boolean).join('\n');
  }

  function describeRow(el) {
    const actionEls = el.querySelectorAll('button, [role=button], a[href]');
    if (actionEls.length === 0) return null;
    const cellEls = el.tagName === 'TR' ? el.querySelectorAll('td, th') : el.querySelectorAll(':scope > *');
    return {
      id: 0, // set by the caller: a handle is taken only for a row that is reported
      cells: Array.from(cellEls, cellText).filter(Boolean),
      actions: Array.from(actionEls, (a) => clean(a.textContent || a.getAttribute('aria-label'), 200)).filter(Boolean),
      links: Array.from(el.querySelectorAll('a[href]'), (a) => wellFormed(a.href.slice(0, 2000))),
    };
  }

  // An element of the combined query is a heading by its name (h1–h6, legend: what the type
  // selectors match) or by role=heading (the elements of that query, a set per snapshot).
  const HEADING_NAMES = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend']);
  const MAIN_SELECTOR = `${HEADING_SELECTOR}, ${CONTROL_SELECTOR}, dt`;
  const STATUS_SELECTOR = '[role=status], [role=progressbar], [role=alert], [role=note], [aria-live], [aria-valuenow], header, [role=banner], [role=tab]';

  // A snapshot can pause between elements (see continueScan): `yield` hands control back when the
  // current slice of main-thread time is used up. Checking the clock every PAUSE_EVERY elements
  // keeps the check itself off the profile.
  const PAUSE_EVERY = 16;
  let sliceEnd = Infinity;
  let work = 0;
  let paused = false; // the running snapshot has yielded at least once
  const sliceOver = () => {
    if (++work % PAUSE_EVERY !== 0 || performance.now() <= sliceEnd) return false;
    paused = true;
    return true;
  };

  // The element lists a snapshot walks, kept from one snapshot to the next until the tree or an
  // attribute the selectors test changes (see noteChanges): a scan after a class change or a
  // keystroke does not query the whole document again. aria-live and aria-valuenow (status
  // texts) change often in value, which changes no list: only their appearing or going does.
  let lists = {};
  const LIST_ATTRIBUTES = new Set(['type', 'role', 'for', 'href']);
  const PRESENCE_ATTRIBUTES = new Set(['aria-live', 'aria-valuenow']);
  const listOf = (name, selector) => lists[name] || (lists[name] = document.querySelectorAll(selector));
  // Attributes a snapshot reads names and texts from: observed, so a change of one is a change
  // of the page (a scan), never missed by an edit, which reads only state (see editOf).
  const NAMING_ATTRIBUTES = ['aria-label', 'aria-labelledby', 'aria-valuetext', 'placeholder', 'name', 'id', 'data-se', 'autocomplete'];

  /**
   * The page as raw facts. A generator: it yields when the slice is over; its value is
   * `{ snapshot, handles, places, shown, pairs }`: `shown` holds `[element, hidden]` for every
   * heading, term, button and row whose being hidden decided whether the snapshot has it (an
   * edit re-reads them, see editOf), `pairs` whether it holds read-only label/value pairs.
   */
  function* snapshotSteps() {
    paused = false;
    const scanHandles = new Map(); // handle → element
    const places = new Map(); // control handle → [its index in the main list, what was sent of it]
    const shown = [];
    let pairs = false;
    const hiddenNoted = (el) => {
      const hidden = isHidden(el);
      shown.push([el, hidden]);
      return hidden;
    };
    let next = 1;
    const remember = (el) => {
      const id = next;
      next += 1;
      scanHandles.set(id, el);
      return id;
    };
    // Our UI sits in a shadow root, which document queries never enter: only a page that puts
    // nodes of its own inside an <oin-helper> element needs the per-element check.
    const strayInHelper = Array.from(document.getElementsByTagName(HOST_TAG)).some((h) => h.firstElementChild);
    const skip = strayInHelper ? insideHelper : () => false;
    const labelFor = new Map();
    for (const label of listOf('labelsFor', 'label[for]')) {
      if (sliceOver()) yield;
      if (!labelFor.has(label.htmlFor)) labelFor.set(label.htmlFor, textWithout(label, null));
    }
    // fieldset or group element → its name (null: a fieldset without legend); none on the page:
    // no control needs to look for one.
    const groups = listOf('groups', GROUP_SELECTOR).length ? new Map() : null;
    const roleHeadings = new Set(listOf('roleHeadings', '[role=heading]'));

    // Headings and controls in one document-order pass, so each control knows the closest
    // preceding heading without a quadratic search.
    const headings = [];
    const controls = [];
    const seen = new Map(); // heading|label → occurrences, for repeated rows
    const rowOf = (key) => {
      const count = seen.get(key) || 0;
      seen.set(key, count + 1);
      return count;
    };
    let heading = '';
    let index = -1;
    for (const el of listOf('main', MAIN_SELECTOR)) {
      index += 1;
      if (sliceOver()) yield;
      if (skip(el) || controls.length >= MAX_ITEMS) continue;
      if (el.tagName === 'DT') {
        const dd = el.nextElementSibling;
        if (!dd || dd.tagName !== 'DD' || hiddenNoted(el)) continue;
        pairs = true;
        const pair = describePair(el, dd, remember(dd), heading);
        pair.row = rowOf(`${heading}|${pair.labels.label}|`);
        controls.push(pair);
        continue;
      }
      if (HEADING_NAMES.has(el.localName) || roleHeadings.has(el)) {
        const text = clean(el.textContent, 300);
        if (!text || hiddenNoted(el)) continue;
        const level = /^H[1-6]$/.test(el.tagName) ? Number(el.tagName[1]) : 0;
        headings.push({ level, text });
        if (el.tagName !== 'LEGEND') heading = text;
        continue;
      }
      const control = describeControl(el, remember(el), heading, labelFor, groups);
      const labels = control.labels;
      // Rows are numbered only where a label repeats under one heading; a single occurrence is row 0.
      control.row = rowOf(`${heading}|${labels.label || labels.labelled_by || labels.aria_label || labels.legend || ''}|${control.option || ''}`);
      controls.push(control);
      places.set(control.id, [index, control]);
    }
    const buttons = [];
    for (const el of listOf('buttons', BUTTON_SELECTOR)) {
      if (sliceOver()) yield;
      if (skip(el) || buttons.length >= MAX_ITEMS || hiddenNoted(el)) continue;
      const text = clean(el.textContent || el.getAttribute('aria-label') || el.value, 200);
      if (!text) continue;
      buttons.push({ id: remember(el), text, disabled: Boolean(el.disabled || el.getAttribute('aria-disabled') === 'true') });
    }
    const rows = [];
    for (const el of listOf('rows', ROW_SELECTOR)) {
      if (sliceOver()) yield;
      if (skip(el) || rows.length >= MAX_ITEMS || hiddenNoted(el)) continue;
      const row = describeRow(el);
      if (!row) continue;
      row.id = remember(el);
      rows.push(row);
    }
    const texts = [];
    for (const el of listOf('status', STATUS_SELECTOR)) {
      if (sliceOver()) yield;
      if (skip(el) || texts.length >= 500) continue;
      const text = clean(el.getAttribute('aria-valuetext') || el.textContent, 300);
      if (text) texts.push(text);
    }
    for (const el of listOf('texts', 'p, span, strong, div')) {
      if (texts.length >= 1000) break;
      if (sliceOver()) yield;
      if (el.childElementCount > 0 || skip(el)) continue;
      const text = clean(el.textContent, 200);
      if (text && text.length <= 120) texts.push(text);
    }
    const snapshot = {
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
    // Sending copies the whole snapshot (the browser serialises it), a cost that grows with the
    // page: a snapshot taken in slices is sent from a task of its own.
    if (paused) yield;
    return { snapshot, handles: scanHandles, places, shown, pairs };
  }

  /**
   * A check as an edit of `base`, the last full snapshot (sent on the open port and answered),
   * while nothing the observer sees has changed since it was taken: the state of the controls
   * and buttons it describes is read again through its handles, and what changed is sent
   * (`{kind: 'edit', controls: [{id, ...state}], buttons: [{id, disabled}]}`, numbered on the
   * port by `ask`), the base updated to match. What the observer cannot see is re-read here or
   * sends a full snapshot instead (null): an element gone from the page, a heading, term, button
   * or row shown or hidden (which decides what a snapshot holds), a new URL. Attributes that
   * names are read from are observed (see start); a snapshot with read-only pairs (their images
   * load unseen) is never a base (see check).
   */
  function editOf(base) {
    const { snapshot, handles, places } = base;
    if (wellFormed(location.href) !== snapshot.url) return null;
    for (const [el, hidden] of base.shown) if (!el.isConnected || isHidden(el) !== hidden) return null;
    const controls = [];
    for (let i = 0; i < snapshot.controls.length; i += 1) {
      const control = snapshot.controls[i];
      const el = handles.get(control.id);
      if (!el || !el.isConnected) return null;
      const state = stateOf(el, control.kind, control.secret);
      if (sameState(control, state)) continue;
      controls.push({ id: control.id, ...state });
      const now = sentControl(control, state);
      now.row = control.row;
      snapshot.controls[i] = now;
      places.get(control.id)[1] = now;
    }
    const buttons = [];
    for (const button of snapshot.buttons) {
      const el = handles.get(button.id);
      const disabled = Boolean(el.disabled || el.getAttribute('aria-disabled') === 'true');
      if (disabled === button.disabled) continue;
      button.disabled = disabled;
      buttons.push({ id: button.id, disabled });
    }
    return { kind: 'edit', controls, buttons };
  }

  // A React-style page replaces a field's element when it re-renders it, typically right after
  // the input event the content script sent: the answer then names an element that has left the
  // page. Its replacement is the element now at the same place in the document's list of
  // headings and controls, taken only when it reads exactly as the sent control did (tag, type,
  // every label text, the heading above it, value, state): a marker never moves to another field,
  // nor to a value other than the one it was computed for (a newer check is then on its way).
  // Bounded per paint: a page that replaced everything is checked afresh right after anyway.
  const MAX_REPLACEMENTS = 20;
  const headingBefore = (list, index) => {
    for (let i = index - 1; i >= 0; i -= 1) {
      const el = list[i];
      if (el.tagName === 'LEGEND' || !(HEADING_NAMES.has(el.localName) || el.getAttribute('role') === 'heading')) continue;
      const text = clean(el.textContent, 300);
      if (text && !isHidden(el)) return text;
    }
    return '';
  };
  // What identifies a control across a re-render: everything sent but its handle, its row number
  // (counted over the whole page) and its DOM id (a re-render may generate new ids).
  const identity = (c) => JSON.stringify([c.tag, c.kind, { ...c.labels, dom_id: '' }, c.secret, c.option, ...STATE_KEYS.map((key) => c[key])]);

  function replacementOf(id, places, list) {
    const place = places && places.get(id);
    if (!place) return null;
    const [index, sent] = place;
    const el = list()[index];
    if (!el || !el.matches(CONTROL_SELECTOR) || insideHelper(el)) return null;
    const labelFor = new Map();
    const forLabel = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    if (forLabel) labelFor.set(el.id, textWithout(forLabel, null));
    const groups = document.querySelector(GROUP_SELECTOR) ? new Map() : null;
    const now = describeControl(el, id, headingBefore(list(), index), labelFor, groups);
    return identity(now) === identity(sent) ? el : null;
  }

  /** Points the handles of replaced controls that carry a marker at their replacements. */
  function followReplaced(next, currentHandles, places) {
    let list = null;
    const current = () => list || (list = document.querySelectorAll(MAIN_SELECTOR));
    let tries = 0;
    for (const marker of next.markers) {
      const target = currentHandles.get(marker.control);
      if (!target || target.isConnected || tries >= MAX_REPLACEMENTS) continue;
      tries += 1;
      let el = null;
      try {
        el = replacementOf(marker.control, places, current);
      } catch (_) {
        // Reading the new element failed: its marker waits for the check of the new tree.
      }
      if (el) currentHandles.set(marker.control, el);
    }
  }

  // ---------------------------------------------------------------- messaging

  // A scan that does not fit in one slice of main-thread time goes on in later tasks (a timer
  // each), so even a huge page is never blocked for long (budget: no task over 50 ms); a form
  // page fits in the first slice, so typing is never delayed by it. A page that changes between
  // slices (a mutation or an input) makes the scan start over: a snapshot is one moment of the
  // page. After MAX_RESTARTS the scan finishes in one go rather than chase a page that never
  // stops changing.
  const SLICE_MS = 10;
  const MAX_RESTARTS = 2;
  let scan = null; // { steps, restarts, version } while a snapshot is being taken
  let scanStale = false; // the page changed since the running scan began
  let sliceTimer = 0;

  function send() {
    if (!alive()) return shutdown();
    if (inFlight) {
      dirty = true;
      return undefined;
    }
    if (scan) {
      scanStale = true;
      return undefined;
    }
    dirty = false;
    scanStale = false;
    // Changes not yet delivered to the observer (made earlier in this task) still count.
    noteChanges(observer.takeRecords());
    const edit = editable() ? tryEdit() : null;
    if (edit) return check(edit, base.handles, base.places, base);
    base = null;
    scan = { steps: snapshotSteps(), restarts: 0, version: pageVersion };
    return continueScan();
  }

  // The last full snapshot, while the worker may hold it as this port's base: `{ snapshot,
  // handles, places, shown, pairs, version, token, ready }` (`ready` once the worker answered the
  // last message about it with a plan). A keystroke then sends an edit of it (see editOf).
  let base = null;
  let pageVersion = 0; // counts the changes the observer noted (see noteChanges)
  const editable = () => Boolean(base && base.ready && base.version === pageVersion && port && base.token === portToken);
  function tryEdit() {
    try {
      return editOf(base);
    } catch (_) {
      return null; // a full snapshot says what the page is
    }
  }

  function continueScan() {
    sliceTimer = 0;
    if (!alive()) return shutdown();
    if (scanStale) {
      scanStale = false;
      scan.restarts += 1;
      scan.steps = snapshotSteps();
      scan.version = pageVersion;
    }
    sliceEnd = scan.restarts > MAX_RESTARTS ? Infinity : performance.now() + SLICE_MS;
    let step;
    try {
      step = scan.steps.next();
    } catch (error) {
      scan = null;
      console.warn('OIN Helper could not read this page; nothing was changed.', error);
      return undefined;
    } finally {
      sliceEnd = Infinity;
    }
    if (!step.done) {
      sliceTimer = setTimeout(continueScan, 0);
      return undefined;
    }
    const version = scan.version;
    scan = null;
    const { snapshot, handles, places } = step.value;
    return check({ kind: 'check', snapshot }, handles, places, { ...step.value, version, token: null, ready: false });
  }

  // Checks travel to the worker over one long-lived port (a message on an open port is one
  // IPC hop each way; sendMessage opens a new channel through the browser process every time),
  // as JSON text, `{id, text}`, answered `{id, text}` with the answer's JSON text: the worker
  // hands the text to the Rust core as it is, with no object to convert on its side. The port
  // is opened on the first check and again on the first check after it closed: the worker
  // stopped when idle (a port does not keep it alive), the extension was reloaded or updated,
  // or the page went into the back/forward cache. Checks it held fail like an unanswered
  // message (see `check`). Each port has a base token of its own and numbers its messages
  // (`base`, `seq` in each): the worker keeps the snapshot of the port's last check under the
  // token, and applies an edit only to the base it was made against (else it answers `resend`).
  // A new port (a new worker) starts with a full check.
  const PORT_NAME = 'check';
  let port = null;
  let portToken = '';
  let portSeq = 0;
  let lastId = 0;
  const waiting = new Map(); // id → { resolve, reject } of the checks sent on `port`

  function connection() {
    if (port) return port;
    const opened = chrome.runtime.connect({ name: PORT_NAME });
    opened.onMessage.addListener((message) => {
      const settle = message && waiting.get(message.id);
      if (!settle) return;
      waiting.delete(message.id);
      try {
        settle.resolve(JSON.parse(message.text));
      } catch (error) {
        settle.reject(error);
      }
    });
    opened.onDisconnect.addListener(() => {
      // Reading the reason marks it handled: a port that could not be opened (no receiving end
      // while the extension is replaced) is expected here, not an unchecked runtime.lastError.
      let reason = opened.error; // Firefox
      try {
        reason = reason || chrome.runtime.lastError;
      } catch (_) {
        // The context is gone: the retry finds that out.
      }
      if (port === opened) port = null;
      base = null;
      releaseWaiting(new Error((reason && reason.message) || 'the extension closed the connection'));
    });
    port = opened;
    portToken = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    portSeq = 0;
    return opened;
  }

  /** Forgets every check waiting on the port; each fails with `error` (or is dropped without). */
  function releaseWaiting(error) {
    const lost = [...waiting.values()];
    waiting.clear();
    if (error) for (const settle of lost) settle.reject(error);
  }

  /** Closes the port; the checks it held fail with `error` (or are dropped, at shutdown). */
  function disconnect(error) {
    const open = port;
    port = null;
    base = null;
    try {
      if (open) open.disconnect();
    } catch (_) {
      // Already closed with its context.
    }
    releaseWaiting(error);
  }

  /**
   * Sends `message` to the worker, numbered on the port (`message.base`, `message.seq` are set);
   * resolves with its answer, rejects when none can come.
   */
  function ask(message) {
    return new Promise((resolve, reject) => {
      lastId += 1;
      const id = lastId;
      // A port can be closed before its onDisconnect has run (posting then throws): the
      // message goes once more on a new port (an edit then gets `resend` there).
      for (let attempt = 0; ; attempt += 1) {
        const target = port;
        try {
          waiting.set(id, { resolve, reject });
          const open = connection();
          portSeq += 1;
          message.base = portToken;
          message.seq = portSeq;
          open.postMessage({ id, text: JSON.stringify(message) });
          return;
        } catch (error) {
          waiting.delete(id);
          if (port && port === target) port = null;
          if (!target || attempt > 0) {
            reject(error);
            return;
          }
        }
      }
    });
  }

  /**
   * Sends a check (a full snapshot, or an edit of `sentBase`) and paints its answer. `sentBase`
   * is the base the worker holds once it answers with a plan (null: none, the next check is
   * full).
   */
  function check(message, sentHandles, places, sentBase) {
    inFlight = true;
    base = sentBase && !sentBase.pairs ? sentBase : null;
    if (base) base.ready = false;
    const asked = ask(message);
    if (base) base.token = message.base;
    return asked.then((response) => {
      inFlight = false;
      failures = 0;
      const answered = base;
      base = null;
      if (!response) return;
      if (response.kind === 'resend') {
        // The worker does not hold the base (it was restarted, or let it go): the whole
        // snapshot goes at once.
        return send();
      }
      if (response.kind === 'error') {
        console.warn(`OIN Helper: ${response.message}`);
      } else if (response.kind === 'plan') {
        if (answered && answered === sentBase) {
          answered.ready = true;
          base = answered;
        }
        paint(response, sentHandles, places);
      }
      // The next check starts in a task of its own, so the repaint reaches the screen without
      // waiting for another snapshot.
      if (dirty) schedule(0);
    }, (error) => {
      inFlight = false;
      base = null;
      if (!alive()) return shutdown();
      // While the extension is reloaded or updated, a check can fail before this script learns
      // its context is gone ("Receiving end does not exist", the port closed under it). Quiet
      // retries let that settle: a dead context shuts down silently, a replaced worker answers,
      // a broken one is reported.
      if (failures < RETRY_DELAYS.length) {
        const delay = RETRY_DELAYS[failures];
        failures += 1;
        setTimeout(() => (alive() ? send() : shutdown()), delay);
        return undefined;
      }
      failures = 0;
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
    .stack { position: fixed; display: flex; flex-direction: column; align-items: flex-start; gap: 2px; max-width: 340px; pointer-events: none; }
    .stack.yield { opacity: .15; }
    [data-oin-finding] { position: relative; max-width: 100%; padding: 3px 8px 3px 22px; border-radius: 4px;
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

  // Markers are at least this wide when there is room, and at most as wide as the room beside the
  // field or, below it, the field itself: most messages then take one line and cover less of
  // the page's own words (the next field's label, a hint).
  const MARKER_BESIDE_WIDTH = 340;
  const MARKER_MAX_WIDTH = 640;

  /**
   * Where an overlay goes for a target at `rect`: [left, top, width, height, maxWidth] (size only
   * for a ring; maxWidth only for an overlay below or beside its target). `nextLeft` is where the
   * page's next control or button on the same line begins (Infinity when none): a marker beside
   * its field must not cover the row's next cell or its Remove button.
   */
  function placement(rect, index, viewportWidth, dockRect, nextLeft) {
    // A ring (index < 0) is drawn around the element itself.
    if (index < 0) return [rect.left - 3, rect.top - 3, rect.width + 6, rect.height + 6, null];
    const right = { left: rect.right + 8, right: rect.right + 8 + MARKER_BESIDE_WIDTH, top: rect.top + index * 26, bottom: rect.top + index * 26 + 40 };
    // Beside the field when there is room before the viewport's edge and the page's next control
    // on that line, and the summary panel is not there; else just below it.
    const roomRight = Math.min(viewportWidth, nextLeft) - rect.right > 240 && !(dockRect && overlaps(right, dockRect));
    const left = roomRight ? right.left : rect.left;
    const top = roomRight ? right.top : rect.bottom + 2 + index * 26;
    // Up to the viewport's edge, the summary panel's where the panel is level with the marker,
    // and the next control on the field's line (below a row's cell, the marker stays in its
    // column, clear of the next cell's own markers).
    const besideDock = dockRect && top < dockRect.bottom && top + 26 > dockRect.top && dockRect.left > left;
    const edge = Math.min(besideDock ? dockRect.left : viewportWidth, nextLeft);
    const room = edge - 8 - left;
    const wanted = roomRight ? MARKER_MAX_WIDTH : Math.max(MARKER_BESIDE_WIDTH, rect.width);
    return [Math.round(left), Math.round(top), null, null, Math.round(Math.max(160, Math.min(wanted, room)))];
  }

  /** Where the first of `neighbours` on the same line as `rect` and right of it begins. */
  function nextLeftOf(rect, neighbours) {
    let left = Infinity;
    for (const el of neighbours) {
      if (!el.isConnected) continue;
      const r = el.getBoundingClientRect();
      if (r.width && r.top < rect.bottom && r.bottom > rect.top && r.left >= rect.right - 1) left = Math.min(left, r.left);
    }
    return left;
  }

  function setPx(style, name, value) {
    // Writing an unchanged value would still cost a style recalculation.
    const text = `${value}px`;
    if (style[name] !== text) style[name] = text;
  }

  // [overlay element, page element, stack index, neighbours] for each overlay following a page
  // element; `neighbours` (markers only) are the page's control and button that come next after
  // the element, the ones that may sit beside it.
  let positioned = [];
  // Fixed positioning in viewport coordinates: immune to whatever the page positions, and
  // re-placed on every scroll and resize (see onMove). Every rectangle is read before any
  // overlay moves, so the page is laid out once, not once per overlay.
  function reposition() {
    if (!positioned.length) return;
    const viewportWidth = document.documentElement.clientWidth;
    const dock = dockEl && dockEl.isConnected ? dockEl : null;
    const dockRect = dock ? dock.getBoundingClientRect() : null;
    const rects = positioned.map(([, target]) => (target.isConnected ? target.getBoundingClientRect() : null));
    const nextLefts = positioned.map(([, , , neighbours], i) => (rects[i] && neighbours ? nextLeftOf(rects[i], neighbours) : Infinity));
    // The stacks' sizes as last laid out (read with the rectangles above: one layout).
    const sizes = positioned.map(([overlay]) => (overlay.classList.contains('stack') ? [overlay.offsetWidth, overlay.offsetHeight] : null));
    const places = positioned.map(([, , index], i) => (rects[i] ? placement(rects[i], index, viewportWidth, dockRect, nextLefts[i]) : null));
    settleStacks(places, sizes);
    // Markers let clicks through to the page; over the field being edited they also fade, so a
    // field another field's message covers can be read while it is typed in.
    const focused = document.activeElement;
    const focusedRect = focused && focused !== document.body && !insideHelper(focused) && focused.matches(CONTROL_SELECTOR) ? focused.getBoundingClientRect() : null;
    let resized = false;
    positioned.forEach(([overlay, target], i) => {
      if (!places[i]) return;
      const [left, top, width, height, maxWidth] = places[i];
      if (sizes[i]) {
        const covers = Boolean(focusedRect && target !== focused && left < focusedRect.right && focusedRect.left < left + sizes[i][0] && top < focusedRect.bottom && focusedRect.top < top + sizes[i][1]);
        if (overlay.classList.contains('yield') !== covers) overlay.classList.toggle('yield', covers);
      }
      setPx(overlay.style, 'left', left);
      setPx(overlay.style, 'top', top);
      if (width !== null) {
        setPx(overlay.style, 'width', width);
        setPx(overlay.style, 'height', height);
      }
      if (maxWidth !== null && sizes[i] && overlay.style.maxWidth !== `${maxWidth}px`) {
        overlay.style.maxWidth = `${maxWidth}px`;
        resized = true;
      }
    });
    // A stack given a new width has a new height: settle again with it, at the next frame.
    if (resized) placeAtNextFrame();
  }

  const MAX_SETTLED = 200;

  /**
   * Moves marker stacks down, top to bottom, until none covers another (two fields' messages
   * on top of each other read as neither). `places` as `placement` gives them; `sizes` the
   * stacks' [width, height] (null for other overlays, which keep their place).
   */
  function settleStacks(places, sizes) {
    const order = places.map((_, i) => i).filter((i) => places[i] && sizes[i]).sort((a, b) => places[a][1] - places[b][1] || places[a][0] - places[b][0]);
    // Quadratic in the stacks, on every scroll frame: a form has tens of fields; a page with
    // hundreds of marked fields keeps the places as they are rather than stall its scrolling.
    if (order.length > MAX_SETTLED) return;
    const settled = [];
    for (const i of order) {
      const [left, , , , maxWidth] = places[i];
      const width = Math.min(sizes[i][0], maxWidth || Infinity);
      let top = places[i][1];
      for (const other of settled) {
        if (left < other.right && other.left < left + width && top < other.bottom + 2 && other.top < top + sizes[i][1]) top = other.bottom + 2;
      }
      places[i][1] = top;
      settled.push({ left, right: left + width, top, bottom: top + sizes[i][1] });
    }
  }

  let frame = 0;
  function placeAtNextFrame() {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(reposition);
  }

  // The handles of the plan on screen: overlays and summary items look their control up at
  // click time, so a repaint that keeps them only has to swap this map.
  function focusControl(id) {
    const el = plan && plan.handles ? plan.handles.get(id) : null;
    if (!el || !el.isConnected) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }

  // The dock's own words come with the plan (DockWords): chrome.i18n.getMessage would fetch the
  // message bundle from the browser synchronously on its first call, in the middle of a paint.
  function paintSummary(summary, banner, diagnostics, words) {
    const title = summary ? summary.title : words.title;
    const dock = node('section', { class: 'dock', 'data-collapsed': summaryCollapsed ? 'true' : 'false', 'aria-label': title });
    const header = node('header');
    header.append(node('strong', {}, title));
    const toggle = node('button', { class: 'act secondary', 'aria-expanded': summaryCollapsed ? 'false' : 'true', 'data-action': 'toggle-summary' }, summaryCollapsed ? words.show : words.hide);
    toggle.addEventListener('click', () => {
      summaryCollapsed = !summaryCollapsed;
      chrome.storage.local.set({ 'ui.summaryCollapsed': summaryCollapsed }).catch(() => {});
      dock.setAttribute('data-collapsed', summaryCollapsed ? 'true' : 'false');
      toggle.setAttribute('aria-expanded', summaryCollapsed ? 'false' : 'true');
      toggle.textContent = summaryCollapsed ? words.show : words.hide;
    });
    header.append(toggle);
    dock.append(header);
    const body = node('div', { class: 'body' });
    if (banner) body.append(paintBanner(banner));
    if (summary) body.append(paintSummaryPanel(summary));
    if (diagnostics) body.append(paintDiagnostics(diagnostics));
    dock.append(body);
    return dock;
  }

  function paintSummaryPanel(summary) {
    const panel = node('div', {
      'data-oin-summary': '',
      'data-complete': summary.complete,
      'data-errors': summary.errors,
      'data-warnings': summary.warnings,
      'data-unknown': summary.unknown,
    });
    panel.append(node('p', { class: 'headline' }, summary.headline));
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
            jump.addEventListener('click', () => focusControl(item.control));
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
    return panel;
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
    const groups = [[diagnostics.headings[0], diagnostics.found], [diagnostics.headings[1], diagnostics.missing], [diagnostics.headings[2], diagnostics.unmatched]];
    for (const [title, items] of groups) {
      details.append(node('strong', {}, `${title} (${items.length})`));
      const list = node('ul');
      for (const text of items) list.append(node('li', {}, text));
      details.append(list);
    }
    return details;
  }

  /**
   * What the overlay layer will show for `next`: one entry per overlay with its page element,
   * and a key that is equal exactly when the layer would be painted the same (same data, same
   * overlays drawn).
   */
  function layerItems(next, currentHandles) {
    const items = [];
    // A field's markers go in one stack under or beside it, laid out by the browser, so a second
    // message never covers a first one however many lines each takes.
    const stacks = new Map(); // control handle → its item
    for (const marker of next.markers) {
      const target = currentHandles.get(marker.control);
      if (!target || !target.isConnected) continue;
      const stack = stacks.get(marker.control);
      if (stack) {
        stack.data.push(marker);
        continue;
      }
      const item = { kind: 'markers', data: [marker], target, index: 0, neighbours: null };
      stacks.set(marker.control, item);
      items.push(item);
    }
    if (stacks.size) {
      const buttons = [];
      for (const el of currentHandles.values()) if (el.isConnected && el.matches(BUTTON_SELECTOR)) buttons.push(el);
      for (const [id, item] of stacks) item.neighbours = neighboursOf(id, item.target, currentHandles, buttons);
    }
    for (const row of next.rows) {
      const target = currentHandles.get(row.row);
      if (!target) continue;
      items.push({ kind: 'row', data: row, target, index: 0 });
      if (row.highlight && !highlighted.has(row.integration)) {
        // Resume from the popup asked to point this row out: once per page.
        highlighted.add(row.integration);
        target.scrollIntoView({ block: 'center' });
        items.push({ kind: 'ring', data: null, target, index: -1 });
      }
      if (row.banner) items.push({ kind: 'row-banner', data: row.banner, target, index: 1 });
    }
    const key = JSON.stringify(items.map((item) => [item.kind, item.index, item.data]));
    return { items, key };
  }

  /**
   * The page elements that may sit right of control `id`: the next control in document order
   * (handles number controls in that order) and the first button after it.
   */
  function neighboursOf(id, target, handles, buttons) {
    const out = [];
    const next = handles.get(id + 1);
    // The next box of the same checkbox or radio group is the same field, not a neighbour.
    const group = target.closest(GROUP_SELECTOR);
    if (next && next !== target && !(group && group.contains(next))) out.push(next);
    const button = buttons.find((b) => b !== target && target.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (button) out.push(button);
    return out;
  }

  function markerFor(marker) {
    return node('div', {
      'data-oin-finding': '',
      'data-field': marker.field,
      'data-rule': marker.rule,
      'data-severity': marker.severity,
      tabindex: '0',
      role: 'note',
    }, marker.message);
  }

  function overlayFor(item) {
    if (item.kind === 'markers') {
      const stack = node('div', { class: 'stack' });
      for (const marker of item.data) stack.append(markerFor(marker));
      return stack;
    }
    if (item.kind === 'row') {
      const row = item.data;
      return node('div', { 'data-oin-row': '', 'data-integration': row.integration, 'data-version': row.version, 'data-status': row.status, 'data-highlight': row.highlight ? 'true' : null }, row.status);
    }
    if (item.kind === 'ring') return node('div', { class: 'ring', 'aria-hidden': 'true' });
    const banner = paintBanner(item.data);
    banner.classList.add('row-banner');
    return banner;
  }

  // What is on screen, so a repaint touches only what changed: the overlay layer and the summary
  // dock, each with the key of what it shows. Typing usually changes one marker and the counts;
  // a check that changes nothing (most of them) changes no node at all.
  let layerEl = null;
  let layerKey = '';
  let dockEl = null;
  let dockKey = '';

  function paintLayer(next, currentHandles) {
    const { items, key } = layerItems(next, currentHandles);
    if (layerEl && layerEl.parentNode === shadow && key === layerKey) {
      // The same overlays: they follow the elements of the latest snapshot.
      positioned = positioned.map(([overlay], i) => [overlay, items[i].target, items[i].index, items[i].neighbours]);
      return;
    }
    const layer = node('div', { class: 'layer' });
    positioned = items.map((item) => {
      const overlay = overlayFor(item);
      layer.append(overlay);
      return [overlay, item.target, item.index, item.neighbours];
    });
    if (layerEl && layerEl.parentNode === shadow) layerEl.replaceWith(layer);
    else shadow.insertBefore(layer, live.nextSibling);
    layerEl = layer;
    layerKey = key;
  }

  function paintDock(next) {
    const wanted = Boolean(next.summary || next.banner || next.diagnostics);
    const key = wanted ? JSON.stringify([next.summary, next.banner, next.diagnostics, next.dock]) : '';
    const present = dockEl && dockEl.parentNode === shadow;
    if (present && key === dockKey) return;
    const dock = wanted ? paintSummary(next.summary, next.banner, next.diagnostics, next.dock) : null;
    if (present && dock) dockEl.replaceWith(dock);
    else if (present) dockEl.remove();
    else if (dock) layerEl.after(dock);
    dockEl = dock;
    dockKey = key;
  }

  function paint(next, currentHandles, places) {
    plan = next;
    plan.handles = currentHandles;
    if (next.page === 'other') {
      removeHost();
      return;
    }
    if (places) followReplaced(next, currentHandles, places);
    ensureHost();
    // The shadow root holds, in order: the live region, the overlay layer, the summary dock and
    // an open guard dialog (kept across repaints, on top).
    paintLayer(next, currentHandles);
    paintDock(next);
    if (next.summary) announce(next.summary.headline);
    // Overlays are placed at the next frame, before it is drawn (so never seen unplaced): reading
    // the rectangles now would force a layout of the page in the middle of this task, and right
    // after the page rendered its form that is the page's whole layout (measured: a 25–37 ms task
    // on the largest form instead of 8–9 ms), which the frame does anyway.
    placeAtNextFrame();
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

  // Our own repaints (the host element going in or out) are not changes of the page.
  const ours = (n) => n === host || (n.nodeType === 1 && n.tagName === 'OIN-HELPER');
  const allOurs = (nodes) => {
    for (const n of nodes) if (!ours(n)) return false;
    return true;
  };
  const foreign = (r) => r.target !== host && !insideHelper(r.target)
    && (r.type !== 'childList' || !allOurs(r.addedNodes) || !allOurs(r.removedNodes));

  // A new value of an attribute that matters only by its presence is no change.
  const presenceKept = (r) => PRESENCE_ATTRIBUTES.has(r.attributeName)
    && (r.oldValue === null) === (r.target.getAttribute(r.attributeName) === null);

  /** Whether any record is a change of the page; drops the element lists it may have changed. */
  function noteChanges(records) {
    let any = false;
    for (const r of records) {
      if (!foreign(r) || (r.type === 'attributes' && presenceKept(r))) continue;
      any = true;
      if (r.type === 'childList' || (r.type === 'attributes' && (LIST_ATTRIBUTES.has(r.attributeName) || PRESENCE_ATTRIBUTES.has(r.attributeName)))) lists = {};
    }
    if (any) pageVersion += 1;
    return any;
  }

  // A page that is not a form is checked again 400 ms after it stops changing; while the page is
  // still starting (a client-rendered console draws its form after `load`), 150 ms is enough.
  const injectedAt = performance.now();
  const STARTUP_MS = 3000;
  const otherDelay = () => (performance.now() - injectedAt < STARTUP_MS ? 150 : 400);

  // A tree change this soon after an input the script sent is the page re-rendering what was
  // typed (a React page replaces the field's element in the same task): the page has settled,
  // so it is checked again as soon as the check in flight is answered, not a debounce later.
  const AFTER_INPUT_MS = 50;
  let inputAt = -Infinity;

  const observer = new MutationObserver((records) => {
    if (!noteChanges(records)) return;
    if (scan) {
      // A scan is under way in slices: it starts over at its next slice.
      scanStale = true;
      return;
    }
    const form = plan && plan.page !== 'other';
    if (form && performance.now() - inputAt < AFTER_INPUT_MS) {
      if (inFlight) dirty = true;
      else schedule(0);
      return;
    }
    schedule(form ? 60 : otherDelay());
  });
  const onInput = (event) => {
    if (event.target instanceof Element && insideHelper(event.target)) return;
    clearTimeout(timer);
    inputAt = performance.now();
    send();
  };
  const onMove = () => placeAtNextFrame();

  // A page restored from the back/forward cache had its port closed by the browser when it
  // went in, and may not have been told: the next check opens a new one, and one sent on the old
  // port is sent again.
  const onPageShow = (event) => {
    if (event.persisted) disconnect(new Error('the page came back from the back/forward cache'));
  };

  function shutdown() {
    dead = true;
    window.removeEventListener('pageshow', onPageShow);
    disconnect();
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(sliceTimer);
    scan = null;
    window.removeEventListener('click', onClick, true);
    document.removeEventListener('input', onInput, true);
    document.removeEventListener('change', onInput, true);
    window.removeEventListener('scroll', onMove, true);
    window.removeEventListener('resize', onMove);
    document.removeEventListener('focusin', onMove, true);
    removeHost();
  }

  function start() {
    if (!alive()) return shutdown();
    window.addEventListener('click', onClick, true);
    window.addEventListener('pageshow', onPageShow);
    document.addEventListener('input', onInput, true);
    document.addEventListener('change', onInput, true);
    window.addEventListener('scroll', onMove, true);
    window.addEventListener('resize', onMove);
    document.addEventListener('focusin', onMove, true);
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeOldValue: true, attributeFilter: ['value', 'checked', 'disabled', 'hidden', 'aria-checked', 'aria-selected', 'class', ...LIST_ATTRIBUTES, ...PRESENCE_ATTRIBUTES, ...NAMING_ATTRIBUTES] });
    return send();
  }

  // The first check waits for the page's own start: after `load`, in an idle moment (at most
  // 500 ms later), so the extension neither delays the load event nor competes with the page's
  // startup scripts. A page whose load never ends (a hanging image) is checked after 2 s anyway.
  // Until then nothing is observed: the first scan sees the page as it is.
  const LOAD_WAIT_MS = 2000;
  function afterLoadWhenIdle(callback) {
    let waiting = true;
    const idle = () => {
      if (!waiting) return;
      waiting = false;
      window.removeEventListener('load', idle);
      if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 500 });
      else setTimeout(callback, 50);
    };
    if (document.readyState === 'complete') {
      idle();
      return;
    }
    window.addEventListener('load', idle, { once: true });
    setTimeout(idle, LOAD_WAIT_MS);
  }

  // Chrome runs a document_idle script before the load event and holds `load` until it has run,
  // so injection does as little as it can: no extension API is touched (the first use of
  // chrome.storage builds its bindings) until the page has loaded. Whether the summary was left
  // collapsed is read then, before the first check, which paints it.
  afterLoadWhenIdle(() => {
    if (!alive()) return shutdown();
    return chrome.storage.local.get('ui.summaryCollapsed').then((items) => {
      summaryCollapsed = Boolean(items['ui.summaryCollapsed']);
    }, () => {}).finally(start);
  });
})();
