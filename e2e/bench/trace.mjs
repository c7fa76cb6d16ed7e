// Chromium traces (CDP Tracing) and what the benchmark reads from them: the content script's
// share of the page's main thread. A trace names every task the renderer's main thread ran
// (`ThreadControllerImpl::RunTask`) and, inside, every call into JavaScript with its script URL
// (`FunctionCall`, `EvaluateScript`), every extension IPC (`Receive mojo message` on an
// `extensions.mojom.*` interface) and every message the content script sends: a new channel
// (`SendOpenMessageChannel/extension`, runtime.sendMessage and runtime.connect) or a message on
// an open port. A port's postMessage has no event of its own: it is the renderer's `Send mojo
// message` (category mojom.flow) whose flow ends in the browser process inside the `Receive mojo
// message` of interface `extensions.mojom.MessagePortHost`.
//
// Extension work on the page's main thread comes in two shapes:
// - tasks the extension owns: its injection, its timers (TimerFire → content.js) and idle
//   callbacks (FireIdleCallback → content.js), and the arrival of its IPC answers
//   (chrome.storage, the worker's RenderPlan → paint), all of which are whole tasks that would
//   not exist without it: counted whole;
// - its listeners and observers running inside a page task (capture `input` listener,
//   MutationObserver callback): only the content script's FunctionCall is counted.
//
// A scan on a large page is taken in slices, each a task of its own (a timer the previous
// slice installed, running the content script's `continueScan`), and sent from the last one.
// A scan's time is the sum of its slices: the stretch that sent it, and, while that stretch is
// a `continueScan`, the stretch that installed its timer (TimerInstall / TimerFire timerId).

const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8.execute', 'extensions', 'blink.user_timing', 'mojom.flow'];

/** Runs `body` while tracing the whole browser; returns the trace events. */
export async function traced(context, page, body) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...event.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  try {
    await body();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  return events;
}

const within = (outer, e) => e.ts >= outer.ts && e.ts + (e.dur || 0) <= outer.ts + outer.dur;

const SEND = 'Send mojo message';

/**
 * The flow ids of the mojo messages sent to an extension port (`extensions.mojom.MessagePortHost`
 * in the browser process): each flow start (`s`, on the sending thread) is matched to its first
 * flow end (`f`) after it, and that to the `Receive mojo message` around it.
 */
function portMessageFlows(events) {
  const receives = new Map(); // thread → its Receive mojo message events, by start time
  const ends = new Map(); // flow id → its ends, by time
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'Receive mojo message') {
      const key = `${e.pid}:${e.tid}`;
      if (!receives.has(key)) receives.set(key, []);
      receives.get(key).push(e);
    } else if (e.ph === 'f' && e.name === SEND) {
      if (!ends.has(e.id)) ends.set(e.id, []);
      ends.get(e.id).push(e);
    }
  }
  for (const list of [...receives.values(), ...ends.values()]) list.sort((a, b) => a.ts - b.ts);
  const flows = new Set();
  for (const e of events) {
    if (e.ph !== 's' || e.name !== SEND) continue;
    const end = (ends.get(e.id) || []).find((f) => f.ts >= e.ts);
    if (!end) continue;
    const list = receives.get(`${end.pid}:${end.tid}`) || [];
    // The last receive that began at or before the flow end; it must still be running then.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].ts <= end.ts) lo = mid + 1;
      else hi = mid;
    }
    const around = list[lo - 1];
    if (around && around.ts + around.dur >= end.ts
      && around.args?.chrome_mojo_event_info?.mojo_interface_tag === 'extensions.mojom.MessagePortHost') flows.add(e.id);
  }
  return flows;
}

/**
 * The content script's work on each tab main thread of a trace: `slices` (each an uninterrupted
 * stretch of main-thread time caused by the extension, with its kind), `scans` (the stretch that
 * took each snapshot and sent it), and the user-timing marks of the page.
 */
export function extensionWork(events, extensionId) {
  const script = `chrome-extension://${extensionId}/content.js`;
  const threadName = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const toPort = portMessageFlows(events);
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (threadName.get(key) !== 'CrRendererMain') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const slices = [];
  const scans = [];
  const marks = [];
  const tasks = [];
  for (const list of byThread.values()) {
    const ours = (e) => e.args && e.args.data && e.args.data.url === script;
    const installedBy = new Map(); // timer id → the content-script stretch that installed it
    const firedBy = new Map(); // content-script stretch → the id of the timer that ran it
    if (!list.some((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && ours(e))) continue;
    list.sort((a, b) => a.ts - b.ts);
    // Complete events, the instant TimerInstall (which script stretch set up which timer) and
    // the sends of port messages.
    const complete = list.filter((e) => e.ph === 'X' || (e.ph === 'I' && e.name === 'TimerInstall')
      || (e.ph === 's' && e.name === SEND && toPort.has(e.id)));
    for (const e of list) {
      if (e.cat && e.cat.includes('blink.user_timing') && (e.name.startsWith('bench-') || e.name === 'navigationStart')) marks.push({ name: e.name, ts: e.ts });
    }
    const runTasks = complete.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
    let cursor = 0;
    for (const task of runTasks) {
      const inner = [];
      while (cursor < complete.length && complete[cursor].ts < task.ts) cursor += 1;
      for (let i = cursor; i < complete.length && complete[i].ts <= task.ts + task.dur; i += 1) {
        if (complete[i] !== task && within(task, complete[i])) inner.push(complete[i]);
      }
      // Instant events (no duration) inside the task, e.g. some mojo and extension events.
      const owned = inner.some((e) => (e.name === 'Receive mojo message' || e.name === 'Receive mojo reply')
          && String(e.args?.chrome_mojo_event_info?.mojo_interface_tag || '').startsWith('extensions.mojom'))
        || inner.some((e) => e.name.startsWith('ScriptInjection'))
        || inner.some((e) => (e.name === 'TimerFire' || e.name === 'FireIdleCallback') && inner.some((f) => f.name === 'FunctionCall' && ours(f) && within(e, f)));
      const sends = inner.filter((e) => e.name.startsWith('MainThreadIPCMessageSender::SendOpenMessageChannel') || e.name === SEND);
      tasks.push({ ts: task.ts, dur: task.dur / 1000, cpu: cpuMs(task), extension: owned });
      if (owned) {
        // What filled it, for the report: the longest events inside, by name.
        const top = inner.filter((e) => e.dur && !/RunTask|PerformMicrotaskCheckpoint/.test(e.name))
          .sort((a, b) => b.dur - a.dur).slice(0, 5)
          .map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''} ${(e.dur / 1000).toFixed(1)} ms`);
        slices.push({ ts: task.ts, dur: task.dur / 1000, cpu: cpuMs(task), kind: 'task', top });
      } else {
        for (const f of inner) {
          if (f.name === 'FunctionCall' && ours(f)) slices.push({ ts: f.ts, dur: f.dur / 1000, cpu: cpuMs(f), kind: `in page task: ${f.args.data.functionName || 'callback'}` });
        }
      }
      // Script stretches of this task that may belong to a scan: the content script's
      // FunctionCall (timer, idle callback, listener) or the microtasks that ran it (after an
      // IPC answer); each with the timers installed inside it and, if a timer ran it, its id.
      const stretches = inner.filter((e) => (e.name === 'FunctionCall' && ours(e)) || e.name === 'RunMicrotasks');
      const fire = inner.find((e) => e.name === 'TimerFire');
      for (const e of inner) {
        if (e.name !== 'TimerInstall' || !e.args?.data) continue;
        const at = innermostAround(stretches, e);
        if (at) installedBy.set(e.args.data.timerId, at);
      }
      for (const f of stretches) if (fire && within(fire, f)) firedBy.set(f, fire.args?.data?.timerId);
      const counted = new Set(); // a stretch that opens a port and posts on it sent one scan
      for (const s of sends) {
        // The slice that sent it: the innermost script stretch around the send.
        const last = innermostAround(stretches, s);
        if (!last || counted.has(last)) continue;
        counted.add(last);
        const parts = scanSlices(last, installedBy, firedBy);
        scans.push({ ts: last.ts, dur: parts.reduce((t, x) => t + x.dur, 0) / 1000, cpu: parts.reduce((t, x) => t + cpuMs(x), 0), slices: parts.length });
      }
    }
  }
  return { slices, scans, marks, tasks };
}

// Thread (CPU) time of a complete event, when the trace has it: on a busy machine the wall
// time of a task includes the time the OS ran other processes; this does not.
const cpuMs = (e) => (Number.isFinite(e.tdur) ? e.tdur / 1000 : NaN);

function innermostAround(stretches, e) {
  return stretches.filter((f) => within(f, e)).sort((a, b) => a.dur - b.dur)[0] || null;
}

/** The slices of the scan whose last slice is `last`: back through the timers that chained them. */
function scanSlices(last, installedBy, firedBy) {
  const slices = [last];
  for (let at = last; at.name === 'FunctionCall' && at.args?.data?.functionName === 'continueScan';) {
    const before = installedBy.get(firedBy.get(at));
    if (!before || slices.includes(before)) break;
    slices.push(before);
    at = before;
  }
  return slices;
}
