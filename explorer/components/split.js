// The split-transform-merge explorer: draws and animates a ResNeXt block in the browser (SVG).
//
// `data` (from explorer/components/split_explorer.py) holds the block's geometry at every g the groups
// control reaches, so scrubbing g or the step redraws here, with no server round trip. On release the
// component writes `groups` or `step` back with setStateValue, once.

const STEPS = ["input", "reduce", "split", "transform", "merge", "expand", "add"];
const PALETTE = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
];
const NEUTRAL = "#8d99a6";
const REST = "#b4bcc6";
const INK = "#3b4252";
const SECONDS_PER_STEP = 1.1; // while playing; each transition takes 60% of it, then the step rests
const X = { input: 0.045, reduced: 0.2, t0: 0.33, t1: 0.45, merged: 0.6, expanded: 0.78, add: 0.885, output: 0.965 };
const INSTANCES = new WeakMap();
const ICONS = {
  play: '<svg viewBox="0 0 16 16" width="14" height="14"><path d="M4 2 L14 8 L4 14 Z" fill="currentColor"/></svg>',
  pause: '<svg viewBox="0 0 16 16" width="14" height="14"><rect x="3" y="2" width="4" height="12" fill="currentColor"/><rect x="9" y="2" width="4" height="12" fill="currentColor"/></svg>',
  prev: '<svg viewBox="0 0 16 16" width="14" height="14"><rect x="2" y="2" width="2.5" height="12" fill="currentColor"/><path d="M14 2 L5 8 L14 14 Z" fill="currentColor"/></svg>',
  next: '<svg viewBox="0 0 16 16" width="14" height="14"><rect x="11.5" y="2" width="2.5" height="12" fill="currentColor"/><path d="M2 2 L11 8 L2 14 Z" fill="currentColor"/></svg>',
};

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const lerp = (a, b, f) => a + (b - a) * f;
const smooth = (f) => f * f * (3 - 2 * f);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function mix(a, b, f) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((v, i) => Math.round(lerp(v, pb[i], f))).join(",")})`;
}

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
  return s;
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
  const g = s.data.geometries[s.gi].groups;
  if (g === s.sentGroups) return;
  s.sentGroups = g;
  s.setStateValue("groups", g);
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

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

function macs(s, n) {
  const units = [[1e9, " G"], [1e6, " M"], [1e3, " k"]];
  for (const [size, unit] of units) {
    if (n >= size) return `${new Intl.NumberFormat(s.data.lang === "tr" ? "tr-TR" : "en-US", { maximumFractionDigits: 2 }).format(n / size)}${unit}`;
  }
  return s.fmt.format(n);
}

function values(s, G) {
  const d = s.data;
  return {
    in: s.fmt.format(G.in_channels), out: s.fmt.format(G.out_channels), w: s.fmt.format(G.width),
    g: s.fmt.format(G.groups), d: s.fmt.format(G.group_width), size: d.size, out_size: d.out_size,
    stride: d.stride,
  };
}

function headline(s, G, k) {
  const T = s.T;
  const v = values(s, G);
  const name = STEPS[k];
  let key = name;
  if (G.groups === 1 && ["split", "transform", "merge"].includes(name)) key = `${name}_one`;
  if (name === "add") key = s.data.projection ? "add_projection" : "add_identity";
  let text = fill(T[`title_${key}`], v);
  if (name === "transform" && s.data.stride > 1) text += fill(T.title_stride, v);
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

function pathClass(k, focus) {
  if (focus === null) return "sx-path";
  return k === focus ? "sx-path sx-hl" : "sx-path sx-dim";
}

function colour(p) {
  return p.groups > 1 ? REST : PALETTE[p.index % PALETTE.length];
}

function drawFlow(s, G, focus) {
  const T = s.T;
  const width = Math.max(300, s.root.clientWidth || 900);
  const narrow = width < 600;
  const height = narrow ? 360 : 440;
  const top = 78; // above the columns: the shortcut (y 24), the operations (y 46), BN and ReLU (y 64)
  const bottom = 40;
  const Y = (u) => top + u * (height - top - bottom);
  const px = (f) => f * width;
  const cw0 = Math.max(8, width * 0.014);
  let cw = cw0;
  const font = narrow ? 10 : 12;
  const t = s.time;
  const p = (k) => smooth(clamp((t - (k - 1)) / 0.6, 0, 1)); // progress into step k (1 = reduce … 6 = add)
  const [p1, p2, p3, p4, p5, p6] = [1, 2, 3, 4, 5, 6].map(p);
  // Columns after the 3×3 are narrower at stride > 1: their width follows the spatial size.
  const cwA = cw0 * lerp(1, Math.max(0.35, s.data.out_size / s.data.size), p3);
  const phase = (t * 60) % 20;
  const v = values(s, G);
  const out = [];
  const rect = (x, y0, y1, w, attrs) => {
    const h = Math.max(2, y1 - y0);
    const y = (y0 + y1) / 2 - h / 2;
    out.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" ${attrs}/>`);
  };
  const text = (x, y, str, attrs = "") =>
    out.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${font}" ${attrs}>${esc(str)}</text>`);
  const chip = (x, y, str, opacity) => {
    if (opacity <= 0) return;
    const w = str.length * font * 0.6 + 8;
    out.push(`<g class="sx-chip" opacity="${opacity.toFixed(2)}"><rect x="${(x - w / 2).toFixed(1)}" y="${(y - font).toFixed(1)}" width="${w.toFixed(1)}" height="${font + 6}" rx="4"/>` +
      `<text x="${x.toFixed(1)}" y="${(y - 1).toFixed(1)}" font-size="${font - 1}" text-anchor="middle">${esc(str)}</text></g>`);
  };
  const opLabel = (x, str, opacity) => {
    if (opacity > 0) text(x, 46, str, `text-anchor="middle" class="sx-op" opacity="${opacity.toFixed(2)}"`);
  };
  const caption = (x, channels, size, opacity) => {
    if (opacity <= 0) return;
    text(x, height - 22, fill(T.channels, { n: s.fmt.format(channels) }), `text-anchor="middle" opacity="${opacity.toFixed(2)}"`);
    text(x, height - 8, `${size}×${size}`, `text-anchor="middle" class="sx-size" opacity="${opacity.toFixed(2)}"`);
  };
  const size = s.data.size;
  const shrunk = Math.round(lerp(size, s.data.out_size, p3));
  const paths = G.paths;
  const splitY = (pa) => pa.split.map(Y);
  const mergedY = (pa) => pa.merged.map(Y);
  const at = (pa, f) => {
    const [a0, a1] = mergedY(pa);
    const [b0, b1] = splitY(pa);
    return [lerp(a0, b0, f), lerp(a1, b1, f)];
  };

  // The shortcut (drawn first, under everything): x from the input, over the top, into the addition.
  const [in0, in1] = G.input.map(Y);
  const addX = px(X.add);
  const midY = Y(0.5);
  if (p6 > 0) {
    const route = `M${px(X.input).toFixed(1)},${in0.toFixed(1)} V24 H${addX.toFixed(1)} V${(midY - 11).toFixed(1)}`;
    out.push(`<path class="sx-shortcut" d="${route}" pathLength="1" stroke-dasharray="1 1" stroke-dashoffset="${(1 - p6).toFixed(3)}"/>`);
    const label = s.data.projection ? T.projection : T.identity;
    if (s.data.projection) {
      const bx = px((X.expanded + X.add) / 2);
      out.push(`<g opacity="${p6.toFixed(2)}"><rect class="sx-proj" x="${(bx - 16).toFixed(1)}" y="16" width="32" height="16" rx="3"/>` +
        `<text x="${bx.toFixed(1)}" y="28" font-size="${font - 1}" text-anchor="middle">1×1</text></g>`);
    }
    text(px((X.t1 + X.merged) / 2), 18, label, `text-anchor="middle" class="sx-short-label" opacity="${p6.toFixed(2)}"`);
  }

  // The steps still to come, as faint outlines where they will stand: the whole block is in view from the start.
  const ghost = (x, y0, y1, w, progress) => {
    if (progress < 1) out.push(`<rect class="sx-ghost" x="${(x - w / 2).toFixed(1)}" y="${y0.toFixed(1)}" width="${w.toFixed(1)}" height="${Math.max(2, y1 - y0).toFixed(1)}" opacity="${(1 - progress).toFixed(2)}"/>`);
  };
  const [r0g, r1g] = G.reduced.map(Y);
  const [eg0, eg1] = G.expanded.map(Y);
  ghost(px(X.reduced), r0g, r1g, cw0, p1);
  ghost((px(X.t0) + px(X.t1)) / 2, r0g, r1g, px(X.t1) - px(X.t0), p3);
  ghost(px(X.merged), r0g, r1g, cw0, p4);
  ghost(px(X.expanded), eg0, eg1, cw0, p5);
  ghost(px(X.output), eg0, eg1, cw0, p6);

  // Input x.
  rect(px(X.input) - cw / 2, in0, in1, cw, `fill="${NEUTRAL}"`);
  opLabel(px(X.input), T.col_x, 1);
  caption(px(X.input), G.in_channels, size, 1);

  // 1×1 reduce: a dense fan from x into the width, which then splits into the paths.
  const first = paths[0];
  const lastP = paths[paths.length - 1];
  if (p1 > 0) {
    const r0 = lerp(mergedY(first)[0], splitY(first)[0], p2);
    const r1 = lerp(mergedY(lastP)[1], splitY(lastP)[1], p2);
    const x0 = px(X.input) + cw / 2;
    const x1 = lerp(x0, px(X.reduced) - cw / 2, p1);
    out.push(`<polygon class="sx-dense" points="${x0},${in0} ${x1},${r0} ${x1},${r1} ${x0},${in1}" opacity="${p1.toFixed(2)}"/>`);
    opLabel(px((X.input + X.reduced) / 2), narrow ? "1×1" : T.op_reduce, p1);
    chip(px(X.reduced), 64, T.bn_relu, p1);
  }

  // Each path: its slice of the width, its own 3×3, its slice of the concatenation.
  paths.forEach((pa, k) => {
    const cls = pathClass(k, focus);
    const c = colour(pa);
    const hue = p2 > 0 || G.groups === 1 ? mix(NEUTRAL, c.startsWith("#") ? c : NEUTRAL, G.groups === 1 ? p3 : p2) : NEUTRAL;
    const parts = [];
    const [y0, y1] = at(pa, p2);
    const h = Math.max(2, y1 - y0);
    const yc = (y0 + y1) / 2;
    const xr = px(X.reduced);
    if (p1 > 0) {
      parts.push(`<rect x="${(xr - cw / 2).toFixed(1)}" y="${(yc - h / 2).toFixed(1)}" width="${cw.toFixed(1)}" height="${h.toFixed(1)}" fill="${hue}" opacity="${p1.toFixed(2)}"/>`);
    }
    if (p3 > 0) {
      const x0 = xr + cw / 2;
      const x1 = lerp(x0, px(X.t1), p3);
      parts.push(`<rect x="${x0.toFixed(1)}" y="${(yc - h / 2).toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="${h.toFixed(1)}" fill="${c}" opacity="0.35"/>`);
      const bx0 = px(X.t0);
      if (x1 > bx0) {
        const bh = Math.max(h + 4, 7);
        parts.push(`<rect class="sx-conv" x="${bx0.toFixed(1)}" y="${(yc - bh / 2).toFixed(1)}" width="${(Math.min(x1, px(X.t1)) - bx0).toFixed(1)}" height="${bh.toFixed(1)}" rx="2" fill="${c}"/>`);
        if (bh >= font + 2 && x1 >= px(X.t1) - 1) {
          const more = narrow ? `⋯ × ${s.fmt.format(pa.groups)}` : fill(T.more_paths, { n: s.fmt.format(pa.groups) });
          const label = pa.groups > 1 ? more : (G.groups === 1 || narrow ? "3×3" : `3×3 · ${v.d}→${v.d}`);
          const cls = pa.groups > 1 ? "sx-rest-label" : "sx-conv-label";
          parts.push(`<text x="${((bx0 + px(X.t1)) / 2).toFixed(1)}" y="${(yc + font / 2 - 1).toFixed(1)}" font-size="${font - 1}" text-anchor="middle" class="${cls}">${esc(label)}</text>`);
        }
      }
      const xf = Math.min(x1, px(X.t0));
      if (xf > x0) parts.push(`<line class="sx-flowline" x1="${x0.toFixed(1)}" y1="${yc.toFixed(1)}" x2="${xf.toFixed(1)}" y2="${yc.toFixed(1)}" stroke-dashoffset="${(-phase).toFixed(1)}"/>`);
    }
    if (p4 > 0) {
      const [m0, m1] = mergedY(pa);
      const [s0, s1] = splitY(pa);
      const x0 = px(X.t1);
      const xm = px(X.merged) - cwA / 2;
      const x1 = lerp(x0, xm, p4);
      const e0 = lerp(s0, m0, p4);
      const e1 = lerp(s1, m1, p4);
      const mid = (x0 + x1) / 2;
      parts.push(`<path d="M${x0.toFixed(1)},${s0.toFixed(1)} C${mid.toFixed(1)},${s0.toFixed(1)} ${mid.toFixed(1)},${e0.toFixed(1)} ${x1.toFixed(1)},${e0.toFixed(1)} L${x1.toFixed(1)},${Math.max(e1, e0 + 1).toFixed(1)} C${mid.toFixed(1)},${e1.toFixed(1)} ${mid.toFixed(1)},${s1.toFixed(1)} ${x0.toFixed(1)},${s1.toFixed(1)} Z" fill="${c}" opacity="0.35"/>`);
      const mh = Math.max(1.5, m1 - m0);
      parts.push(`<rect x="${(px(X.merged) - cwA / 2).toFixed(1)}" y="${((m0 + m1) / 2 - mh / 2).toFixed(1)}" width="${cwA.toFixed(1)}" height="${mh.toFixed(1)}" fill="${c}" opacity="${p4.toFixed(2)}"/>`);
    }
    if (pa.groups > 1 && p2 > 0.5 && p3 < 0.3) {
      parts.push(`<text x="${(xr + cw / 2 + 4).toFixed(1)}" y="${(yc + font / 2 - 1).toFixed(1)}" font-size="${font - 1}" class="sx-more" opacity="${(2 * p2 - 1).toFixed(2)}">${esc(fill(T.more_paths, { n: s.fmt.format(pa.groups) }))}</text>`);
    }
    // A hit area over the whole path, so a thin path is easy to point at.
    const hit0 = Math.min(y0, yc - 5);
    const hitH = Math.max(h, 10);
    if (p1 > 0) {
      const xEnd = p4 > 0 ? px(X.merged) + cw / 2 : p3 > 0 ? px(X.t1) : xr + cw / 2;
      parts.push(`<rect class="sx-hit" x="${(xr - cw / 2).toFixed(1)}" y="${hit0.toFixed(1)}" width="${(xEnd - xr + cw / 2).toFixed(1)}" height="${hitH.toFixed(1)}"/>`);
    }
    out.push(`<g class="${cls}" data-path="${k}">${parts.join("")}</g>`);
  });
  if (p3 > 0) {
    opLabel(px((X.t0 + X.t1) / 2), G.groups === 1 ? T.op_conv : fill(narrow ? "3×3" : T.op_grouped, v), p3);
    chip(px(X.t1), 64, T.bn_relu, p3);
  }
  if (p2 > 0) {
    text(px(X.reduced), height - 22, fill(T.channels, { n: v.w }), `text-anchor="middle" opacity="${p1.toFixed(2)}"`);
    text(px(X.reduced), height - 8, G.groups > 1 ? `${v.g} × ${v.d}` : `${size}×${size}`,
      `text-anchor="middle" class="sx-size" opacity="${p1.toFixed(2)}"`);
  } else {
    caption(px(X.reduced), G.width, size, p1);
  }
  if (p3 > 0) text(px(X.t1), height - 8, `${shrunk}×${shrunk}`, `text-anchor="middle" class="sx-size" opacity="${p3.toFixed(2)}"`);
  cw = cwA;
  if (p4 > 0) {
    opLabel(px(X.merged), narrow ? "cat" : T.op_concat, p4);
    caption(px(X.merged), G.width, s.data.out_size, p4);
  }

  // 1×1 expand, the addition and the output.
  const [e0, e1] = G.expanded.map(Y);
  if (p5 > 0) {
    const [m0] = mergedY(first);
    const [, m1] = mergedY(lastP);
    const x0 = px(X.merged) + cw / 2;
    const x1 = lerp(x0, px(X.expanded) - cw / 2, p5);
    out.push(`<polygon class="sx-dense" points="${x0},${m0} ${x1},${lerp(m0, e0, p5)} ${x1},${lerp(m1, e1, p5)} ${x0},${m1}" opacity="${p5.toFixed(2)}"/>`);
    rect(px(X.expanded) - cw / 2, e0, e1, cw, `fill="${NEUTRAL}" opacity="${p5.toFixed(2)}"`);
    opLabel(px((X.merged + X.expanded) / 2), narrow ? "1×1" : T.op_expand, p5);
    chip(px(X.expanded), 64, T.bn, p5);
    caption(px(X.expanded), G.out_channels, s.data.out_size, p5);
  }
  if (p6 > 0) {
    const xa = px(X.expanded) + cw / 2;
    out.push(`<line class="sx-link" x1="${xa.toFixed(1)}" y1="${midY.toFixed(1)}" x2="${(addX - 11).toFixed(1)}" y2="${midY.toFixed(1)}" opacity="${p6.toFixed(2)}"/>`);
    out.push(`<g opacity="${p6.toFixed(2)}"><circle class="sx-add" cx="${addX.toFixed(1)}" cy="${midY.toFixed(1)}" r="11"/>` +
      `<text x="${addX.toFixed(1)}" y="${(midY + 5).toFixed(1)}" font-size="16" text-anchor="middle">+</text></g>`);
    out.push(`<line class="sx-link" x1="${(addX + 11).toFixed(1)}" y1="${midY.toFixed(1)}" x2="${(px(X.output) - cw / 2).toFixed(1)}" y2="${midY.toFixed(1)}" opacity="${p6.toFixed(2)}"/>`);
    rect(px(X.output) - cw / 2, e0, e1, cw, `fill="${INK}" opacity="${p6.toFixed(2)}"`);
    opLabel(px(X.output), T.col_y, p6);
    chip(px((X.add + X.output) / 2), midY + 30, T.relu, p6);
    caption(px(X.output), G.out_channels, s.data.out_size, p6);
  }
  s.flow.setAttribute("viewBox", `0 0 ${width} ${height}`);
  s.flow.setAttribute("width", String(width));
  s.flow.setAttribute("height", String(height));
  s.flow.innerHTML = out.join("");
}

function drawMaps(s, G, focus) {
  const T = s.T;
  const v = values(s, G);
  const avail = s.root.clientWidth || 900;
  const side = Math.round(clamp(avail < 600 ? avail - 24 : avail / 2 - 40, 140, 300));
  const w = G.width;
  const scale = side / w;
  const cells = [];
  G.paths.forEach((pa, k) => {
    const cls = pathClass(k, focus);
    if (pa.groups === 1) {
      const x = pa.first * scale;
      const size = Math.max(1, pa.channels * scale);
      cells.push(`<g class="${cls}" data-path="${k}"><rect x="${x.toFixed(2)}" y="${x.toFixed(2)}" width="${size.toFixed(2)}" height="${size.toFixed(2)}" fill="${PALETTE[pa.index % PALETTE.length]}"/></g>`);
      return;
    }
    const d = G.group_width;
    const blocks = [];
    if (pa.groups <= 512) {
      for (let i = 0; i < pa.groups; i++) {
        const x = (pa.first + i * d) * scale;
        const size = Math.max(1, d * scale);
        blocks.push(`<rect x="${x.toFixed(2)}" y="${x.toFixed(2)}" width="${size.toFixed(2)}" height="${size.toFixed(2)}"/>`);
      }
    } else {
      const a = pa.first * scale;
      const b = side;
      const t = Math.max(1, d * scale);
      blocks.push(`<polygon points="${a},${a} ${a + t},${a} ${b},${b - t} ${b},${b} ${b - t},${b} ${a},${a + t}"/>`);
    }
    cells.push(`<g class="${cls}" data-path="${k}" fill="${REST}">${blocks.join("")}</g>`);
  });
  const frame = `<rect class="sx-map-frame" x="0" y="0" width="${side}" height="${side}"/>`;
  const pad = 28;
  const axis = (n) =>
    `<text x="${side / 2}" y="${side + 16}" font-size="11" text-anchor="middle">${esc(fill(T.map_in, { n }))}</text>` +
    `<text x="-14" y="${side / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 -14 ${side / 2})">${esc(fill(T.map_out, { n }))}</text>`;
  s.grouped.setAttribute("viewBox", `-${pad} -4 ${side + pad + 4} ${side + 26}`);
  s.grouped.setAttribute("width", String(side + pad + 4));
  s.grouped.setAttribute("height", String(side + 26));
  s.grouped.innerHTML = `<g>${frame}${cells.join("")}${axis(v.w)}</g>`;
  s.dense.setAttribute("viewBox", `-${pad} -4 ${side + pad + 4} ${side + 26}`);
  s.dense.setAttribute("width", String(side + pad + 4));
  s.dense.setAttribute("height", String(side + 26));
  s.dense.innerHTML = `<rect x="0" y="0" width="${side}" height="${side}" fill="${NEUTRAL}" opacity="0.55"/>${frame}${axis(v.w)}`;
  const grouped = fill(T.map_grouped, { g: v.g, n: s.fmt.format(G.conv_params) });
  const dense = fill(T.map_dense, { n: s.fmt.format(G.dense_conv_params) });
  s.root.querySelector(".sx-map-grouped-title").textContent = grouped;
  s.root.querySelector(".sx-map-dense-title").textContent = dense;
  s.mapCaption.textContent = fill(G.groups === 1 ? T.map_note_one : T.map_note, v);
}

function drawInfo(s, G, focus) {
  const T = s.T;
  const v = values(s, G);
  const swatch = s.info.querySelector(".sx-swatch");
  const line = s.info.querySelector(".sx-info-text");
  if (focus === null || !G.paths[focus]) {
    swatch.style.background = "transparent";
    line.textContent = T.hint;
    return;
  }
  const pa = G.paths[focus];
  swatch.style.background = colour(pa);
  const f = (n) => s.fmt.format(n);
  if (pa.groups === 1) {
    line.textContent = fill(G.groups === 1 ? T.path_info_one : T.path_info, {
      ...v, i: f(pa.index + 1), ch: f(pa.channels), r: f(pa.reduce_weights), c: f(pa.conv_weights), e: f(pa.expand_weights),
    });
  } else {
    line.textContent = fill(T.rest_info, {
      ...v, n: f(pa.groups), ch: f(pa.channels), r: f(pa.reduce_weights), c: f(pa.conv_weights), e: f(pa.expand_weights),
    });
  }
}
