// Drawing the split-transform-merge explorer (SVG): the block at one moment of its animation, the weight
// maps and the path panel. Loaded before split.js, into the same module (explorer/components/split_explorer.py).

const PALETTE = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
];
const NEUTRAL = "#8d99a6";
const REST = "#b4bcc6";
const INK = "#3b4252";
const X = { input: 0.045, reduced: 0.2, t0: 0.33, t1: 0.45, merged: 0.6, expanded: 0.78, add: 0.885, output: 0.965 };

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const lerp = (a, b, f) => a + (b - a) * f;
const smooth = (f) => f * f * (3 - 2 * f);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function mix(a, b, f) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((v, i) => Math.round(lerp(v, pb[i], f))).join(",")})`;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

function values(s, G) {
  const d = s.data;
  return {
    in: s.fmt.format(G.in_channels), out: s.fmt.format(G.out_channels), w: s.fmt.format(G.width),
    g: s.fmt.format(G.groups), d: s.fmt.format(G.group_width), size: d.size, out_size: d.out_size,
    stride: d.stride,
  };
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
  // With the stride on the first 1×1 (He et al. 2016a) the size falls at the reduce, else at the 3×3.
  const early = s.data.stride_on === "1x1";
  const ps = early ? p1 : p3;
  const cwA = cw0 * lerp(1, Math.max(0.35, s.data.out_size / s.data.size), ps);
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
  const shrunk = Math.round(lerp(size, s.data.out_size, ps));
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
    text(px(X.reduced), height - 8, G.groups > 1 ? `${v.g} × ${v.d}` : (early ? `${shrunk}×${shrunk}` : `${size}×${size}`),
      `text-anchor="middle" class="sx-size" opacity="${p1.toFixed(2)}"`);
  } else {
    caption(px(X.reduced), G.width, early ? shrunk : size, p1);
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
      // One path of many squares: a single element however many paths the band holds.
      const size = Math.max(1, d * scale).toFixed(2);
      const squares = [];
      for (let i = 0; i < pa.groups; i++) {
        const x = ((pa.first + i * d) * scale).toFixed(2);
        squares.push(`M${x},${x}h${size}v${size}h-${size}Z`);
      }
      blocks.push(`<path d="${squares.join("")}"/>`);
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
  const grouped = fill(G.groups === 1 ? T.map_grouped_one : T.map_grouped, { g: v.g, n: s.fmt.format(G.conv_params) });
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
