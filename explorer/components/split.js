// The split-transform-merge explorer: draws and animates a ResNeXt block in the browser (SVG).
//
// `data` (from explorer/components/split_explorer.py) holds the block's geometry at every g the groups
// control reaches, so scrubbing g or the step redraws here, with no server round trip. On release the
// component writes `groups` or `step` back with setStateValue, once.
//
// The sidebar's groups slider writes `?groups=` into the address in the browser (Streamlit's bound control)
// before the server answers, and the server then reruns only the page's parts: the component, outside them,
// follows the address's g itself, in the frame the address changes.

const STEPS = ["input", "reduce", "split", "transform", "merge", "expand", "add"];
const SECONDS_PER_STEP = 1.1; // while playing; each transition takes 60% of it, then the step rests
const INSTANCES = new WeakMap();
const ICONS = {
  play: '<svg viewBox="0 0 16 16" width="14" height="14"><path d="M4 2 L14 8 L4 14 Z" fill="currentColor"/></svg>',
  pause: '<svg viewBox="0 0 16 16" width="14" height="14"><rect x="3" y="2" width="4" height="12" fill="currentColor"/><rect x="9" y="2" width="4" height="12" fill="currentColor"/></svg>',
  prev: '<svg viewBox="0 0 16 16" width="14" height="14"><rect x="2" y="2" width="2.5" height="12" fill="currentColor"/><path d="M14 2 L5 8 L14 14 Z" fill="currentColor"/></svg>',
  next: '<svg viewBox="0 0 16 16" width="14" height="14"><rect x="11.5" y="2" width="2.5" height="12" fill="currentColor"/><path d="M2 2 L11 8 L2 14 Z" fill="currentColor"/></svg>',
};

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let s = INSTANCES.get(parentElement);
  if (!s) {
    s = mount(parentElement);
    INSTANCES.set(parentElement, s);
  }
  s.setStateValue = setStateValue;
  receive(s, data);
  return () => {
    cancelAnimationFrame(s.raf);
    s.resize.disconnect();
    s.unwatch();
    INSTANCES.delete(parentElement);
  };
}

// Mounting and the controls ---------------------------------------------------------------------------

function mount(root) {
  const el = (sel) => root.querySelector(sel);
  const s = {
    root: el(".sx"), flow: el(".sx-flow"), grouped: el(".sx-map-grouped"), dense: el(".sx-map-dense"),
    title: el(".sx-title"), detail: el(".sx-detail"), info: el(".sx-info"), play: el(".sx-play"),
    prev: el(".sx-prev"), next: el(".sx-next"), t: el(".sx-t"), g: el(".sx-g"), stepName: el(".sx-step-name"),
    gName: el(".sx-g-name"), widthEq: el(".sx-width-eq"), mapCaption: el(".sx-map-caption"),
    data: null, key: null, gi: 0, time: 0, playing: false, target: null, hover: null, pinned: null,
    raf: 0, last: 0, renders: 0, sentGroups: null, sentStep: null,
  };
  s.prev.innerHTML = ICONS.prev;
  s.next.innerHTML = ICONS.next;
  s.play.addEventListener("click", () => (s.playing ? pause(s) : play(s)));
  s.prev.addEventListener("click", () => goTo(s, Math.ceil(s.time - 0.001) - 1));
  s.next.addEventListener("click", () => goTo(s, Math.floor(s.time + 0.001) + 1));
  s.t.addEventListener("input", () => {
    stopMotion(s);
    s.time = Number(s.t.value);
    draw(s);
  });
  s.t.addEventListener("change", () => {
    s.time = Math.round(Number(s.t.value));
    draw(s);
    sendStep(s);
  });
  s.g.addEventListener("input", () => {
    s.gi = Number(s.g.value);
    s.hover = s.pinned = null;
    draw(s, true);
  });
  s.g.addEventListener("change", () => sendGroups(s));
  const pick = (ev) => {
    const hit = ev.target.closest ? ev.target.closest("[data-path]") : null;
    return hit ? Number(hit.getAttribute("data-path")) : null;
  };
  for (const svg of [s.flow, s.grouped]) {
    svg.addEventListener("pointermove", (ev) => {
      const k = pick(ev);
      if (k !== s.hover) {
        s.hover = k;
        draw(s, true);
      }
    });
    svg.addEventListener("pointerleave", () => {
      s.hover = null;
      draw(s, true);
    });
    svg.addEventListener("click", (ev) => {
      const k = pick(ev);
      s.pinned = k === s.pinned ? null : k;
      draw(s, true);
    });
  }
  s.resize = new ResizeObserver(() => s.data && draw(s, true));
  s.resize.observe(s.root);
  s.unwatch = watchAddress(() => s.data && followAddress(s));
  return s;
}

// The address ------------------------------------------------------------------------------------------

// Calls `callback` after every change of the address: assets/history.html (loaded by app.py) fires
// "resblocks:address" after every history write (Streamlit writes the address with replaceState for a bound
// control and pushState for a page) and on the browser's Back and Forward.
function watchAddress(callback) {
  window.addEventListener("resblocks:address", callback);
  return () => window.removeEventListener("resblocks:address", callback);
}

function addressGroups(s) {
  const raw = new URLSearchParams(location.search).getAll("groups").at(-1) ?? null; // the last, as Streamlit reads it
  const g = raw === null ? s.data.address_groups : Number(raw);
  return Number.isInteger(g) ? g : null;
}

// The sidebar moved g: show it at once. Only a change counts (another block keeps its own g whatever the address
// says), and a g with no geometry moves on to the next one in the direction of the change, as the server does
// (controls.set_groups); the server's answer writes the address again where it chose otherwise.
function followAddress(s) {
  const g = addressGroups(s);
  if (g === null || g === s.addressGroups) return;
  s.addressGroups = g;
  const gs = s.data.geometries.map((G) => G.groups);
  const now = gs[s.gi];
  let i = gs.indexOf(g);
  if (i < 0 && g > now) i = gs.findIndex((v) => v > g);
  if (i < 0 && g < now) i = gs.findLastIndex((v) => v < g);
  if (i < 0 || i === s.gi) return;
  s.gi = i;
  s.sentGroups = gs[i];
  s.hover = s.pinned = null;
  draw(s, true);
}

function receive(s, data) {
  const fresh = s.key !== data.key;
  s.data = data;
  s.T = data.texts;
  s.fmt = new Intl.NumberFormat(data.lang === "tr" ? "tr-TR" : "en-US");
  const gs = data.geometries.map((g) => g.groups);
  if (fresh || data.groups !== s.sentGroups) {
    s.gi = Math.max(0, gs.indexOf(data.groups));
    s.sentGroups = data.groups;
  }
  s.addressGroups = addressGroups(s); // what the address says now; a change of it from here on is followed
  if (fresh || data.step !== s.sentStep) {
    stopMotion(s);
    s.time = Math.max(0, STEPS.indexOf(data.step));
    s.sentStep = data.step;
  }
  s.key = data.key;
  s.g.max = String(gs.length - 1);
  s.play.setAttribute("aria-label", s.T.play);
  s.prev.setAttribute("aria-label", s.T.prev);
  s.next.setAttribute("aria-label", s.T.next);
  s.t.setAttribute("aria-label", s.T.step_label);
  s.g.setAttribute("aria-label", s.T.groups_label);
  s.root.querySelector(".sx-t-label").textContent = s.T.step_label;
  s.root.querySelector(".sx-g-label").textContent = s.T.groups_label;
  draw(s, true);
}

function sendGroups(s) {
  if (s.data.fixed) {
    // Another block shown as the resnext block: its g is the page's, so the figure goes back to it.
    s.gi = Math.max(0, s.data.geometries.findIndex((G) => G.groups === s.data.groups));
    s.hover = s.pinned = null;
    draw(s, true);
    return;
  }
  const g = s.data.geometries[s.gi].groups;
  if (g === s.sentGroups) return;
  s.sentGroups = g;
  // With the release's time: the sidebar may have moved g since this component last wrote it, and a state equal to
  // the last one written calls no callback on the server (the page would stay where the sidebar put it). A trigger
  // (setTriggerValue) would, but its rerun of the parts alone undid the new g in the sidebar (Streamlit 1.67).
  s.setStateValue("groups", [g, Date.now()]);
}

function sendStep(s) {
  const step = STEPS[clamp(Math.round(s.time), 0, STEPS.length - 1)];
  if (step === s.sentStep) return;
  s.sentStep = step;
  s.setStateValue("step", step);
}

// Motion ---------------------------------------------------------------------------------------------

function stopMotion(s) {
  s.playing = false;
  s.target = null;
  cancelAnimationFrame(s.raf);
  s.raf = 0;
}

function play(s) {
  if (s.time >= STEPS.length - 1.001) s.time = 0;
  s.playing = true;
  s.target = null;
  start(s);
}

function pause(s) {
  stopMotion(s);
  s.time = Math.round(s.time);
  draw(s);
  sendStep(s);
}

function goTo(s, k) {
  stopMotion(s);
  s.target = clamp(k, 0, STEPS.length - 1);
  start(s);
}

function start(s) {
  s.last = performance.now();
  const tick = (now) => {
    const dt = Math.min(0.1, (now - s.last) / 1000);
    s.last = now;
    if (s.playing) {
      s.time = Math.min(STEPS.length - 1, s.time + dt / SECONDS_PER_STEP);
      if (s.time >= STEPS.length - 1) {
        pause(s);
        return;
      }
    } else if (s.target !== null) {
      const dir = Math.sign(s.target - s.time);
      s.time += dir * dt / (0.6 * SECONDS_PER_STEP);
      if (dir === 0 || Math.sign(s.target - s.time) !== dir) {
        s.time = s.target;
        s.target = null;
        draw(s);
        sendStep(s);
        return;
      }
    }
    draw(s);
    s.raf = requestAnimationFrame(tick);
  };
  cancelAnimationFrame(s.raf);
  s.raf = requestAnimationFrame(tick);
}

// Text ---------------------------------------------------------------------------------------------

function macs(s, n) {
  const units = [[1e9, " G"], [1e6, " M"], [1e3, " k"]];
  for (const [size, unit] of units) {
    if (n >= size) return `${new Intl.NumberFormat(s.data.lang === "tr" ? "tr-TR" : "en-US", { maximumFractionDigits: 2 }).format(n / size)}${unit}`;
  }
  return s.fmt.format(n);
}

function headline(s, G, k) {
  const T = s.T;
  const v = values(s, G);
  const name = STEPS[k];
  let key = name;
  if (G.groups === 1 && ["split", "transform", "merge"].includes(name)) key = `${name}_one`;
  if (name === "add") key = s.data.projection ? "add_projection" : "add_identity";
  let text = fill(T[`title_${key}`], v);
  const early = s.data.stride_on === "1x1";
  if (name === (early ? "reduce" : "transform") && s.data.stride > 1) text += fill(T.title_stride, v);
  const step = G.steps[k];
  const all = G.steps[G.steps.length - 1].total_params;
  const added = step.params ? fill(T.added, { n: s.fmt.format(step.params) }) : T.no_params;
  const detail = fill(T.detail, {
    added, total: s.fmt.format(step.total_params), all: s.fmt.format(all), macs: macs(s, step.total_macs),
  });
  return [`${k + 1}/${STEPS.length} · ${text}`, detail];
}

// Drawing ------------------------------------------------------------------------------------------

function draw(s, all = false) {
  const started = performance.now();
  const G = s.data.geometries[s.gi];
  const T = s.T;
  s.renders += 1;
  const k = clamp(Math.round(s.time), 0, STEPS.length - 1);
  s.t.value = String(s.time);
  s.g.value = String(s.gi);
  s.play.innerHTML = s.playing ? ICONS.pause : ICONS.play;
  s.play.setAttribute("aria-label", s.playing ? T.pause : T.play);
  s.stepName.textContent = T[`step_${STEPS[k]}`];
  const v = values(s, G);
  s.gName.textContent = G.depthwise ? `${v.g} · ${T.depthwise}` : `${v.g} (${v.g}×${v.d}d)`;
  s.widthEq.textContent = fill(T.width_eq, v);
  const [title, detail] = headline(s, G, k);
  if (s.title.textContent !== title) s.title.textContent = title;
  if (s.detail.textContent !== detail) s.detail.textContent = detail;
  s.root.dataset.g = String(G.groups);
  s.root.dataset.step = STEPS[k];
  s.root.dataset.time = s.time.toFixed(3);
  s.root.dataset.renders = String(s.renders);
  const focus = s.pinned ?? s.hover;
  s.root.dataset.focus = focus === null ? "" : String(focus);
  drawFlow(s, G, focus);
  if (all || s.mapsFor !== `${s.gi}/${focus}`) {
    drawMaps(s, G, focus);
    drawInfo(s, G, focus);
    s.mapsFor = `${s.gi}/${focus}`;
  }
  s.root.dataset.drawMs = (performance.now() - started).toFixed(2); // read by benchmarks/component_frames.py
}
