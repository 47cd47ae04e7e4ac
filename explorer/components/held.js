// A part of a page drawn at every g the groups control reaches (explorer/components/held_view.py): the server
// sends them all at once, and this shows the one the address names. The sidebar's groups slider writes `?groups=`
// into the address in the browser (Streamlit's bound control), and assets/history.html fires "resblocks:address"
// after every write, so a change of g is shown in the frame the address changes, with no rerun of this part.
// On a page answered in the browser (controls.ANSWERED_IN_BROWSER) no run follows the change at all: the width
// note's view also carries, for every g, the address keys that go with it (base_width, which follows g holding the
// width), and writes them into the address and the sidebar's inputs; the next run of the app takes them
// (controls._follow_browser_groups).

const INSTANCES = new WeakMap();
// What write() left in the page, across the runs of the app (the width note's view is mounted again by each):
// the inputs it set as if typed, and the g it answered with no run.
// typed: key → how many times write() has set it (a settle leaves an input typed again since).
const LEFT = window.__resblocksHeld ?? (window.__resblocksHeld = { typed: new Map(), answered: null });

export default function (component) {
  const { data, parentElement } = component;
  let s = INSTANCES.get(parentElement);
  if (!s) {
    s = { root: parentElement.querySelector(".held"), shown: null };
    s.follow = () => s.data && follow(s);
    window.addEventListener("resblocks:address", s.follow);
    // A view's button asks the server for something at the g shown (held_view.button): pressed once, it waits for
    // the run, which sends the views again.
    s.root.addEventListener("click", (event) => {
      const copying = event.target.closest("button[data-copy]");
      if (copying) return copy(copying);
      const saving = event.target.closest("button[data-export]");
      if (saving) return exportDrawing(s.root, saving);
      const pressed = event.target.closest("button[data-ask]");
      if (!pressed || pressed.disabled) return;
      pressed.disabled = true;
      s.component.setTriggerValue("asked", [pressed.dataset.ask, s.shown]);
    });
    INSTANCES.set(parentElement, s);
  }
  s.component = component;
  s.data = data;
  s.drawn = new Map();  // g → the nodes its view was drawn into, kept while they are not shown (show)
  s.gs = Object.keys(data.variants).map(Number).sort((a, b) => a - b);
  s.shown = null;
  show(s, data.g);
  // The address may already name another g: the slider moved while this run was on its way, and the server's
  // answer to that (the parts alone) will not send these views again. Follow it as a change from the run's g.
  s.address = data.g;
  if (data.committed) {  // the width note: a run of the whole app has just been sent
    const answered = LEFT.answered;
    LEFT.answered = null;
    const typed = new Map(LEFT.typed);  // before this run: what follow() types now is newer than the run
    follow(s);
    // This run's base_width came before this view (the note is drawn into its box after the controls): the inputs
    // typed before the run are put back to it now, before any later write of the server (a part's run).
    settle(data.committed, typed);
    // The browser answered a g with no run while this run, of a page that does answer with one (or of another
    // hold), was on its way: that g was never sent. Ask for it once the run has ended (a request now would stop
    // it half drawn; controls._held_moved).
    const g = addressGroups(data);
    if (!data.address && answered !== null && g === answered && g !== data.g)
      whenIdle(() => addressGroups(data) === g && component.setStateValue("moved", [g, Date.now()]));
  } else {
    follow(s);
  }
  return () => {
    window.removeEventListener("resblocks:address", s.follow);
    INSTANCES.delete(parentElement);
  };
}

// The g the address names: the last `groups`, as Streamlit reads it, or the default where it has none.
function addressGroups(data) {
  const raw = new URLSearchParams(location.search).getAll("groups").at(-1) ?? null;
  const g = raw === null ? data.address_groups : Number(raw);
  return Number.isInteger(g) ? g : null;
}

// Only a change of the address counts. A g with no view moves on to the next one in the direction of the change,
// as the server does (controls.set_groups); a part with one view (another block, or g not at a held width) keeps
// it, and the server's rerun sends the new one.
function follow(s) {
  const g = addressGroups(s.data);
  if (g === null || g === s.address) return;
  s.address = g;
  if (s.gs.length < 2) return;
  let next = s.gs.includes(g) ? g : null;
  if (next === null && g > s.shown) next = s.gs.find((v) => v > g) ?? null;
  if (next === null && g < s.shown) next = s.gs.findLast((v) => v < g) ?? null;
  if (next !== null && show(s, next)) write(s, next);
}

// The address keys that go with g (data.address: key → its value, or null for the control's default, which a bound
// control leaves out), and the sidebar's input of each: its value is set as if typed, not committed (no run), so
// the control's own +/− step from it; a value the reader then commits is theirs (controls._follow_browser_groups).
function write(s, g) {
  const keys = s.data.address?.[String(g)];
  if (!keys) return;
  LEFT.answered = g;
  const query = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(keys)) {
    if (value === null) query.delete(key);
    else query.set(key, value);
    const input = document.querySelector(`.st-key-${key} input`);
    const shown = value ?? s.data.defaults?.[key];
    if (input && shown != null && input.value !== String(shown)) {
      type(input, shown);
      LEFT.typed.set(key, (LEFT.typed.get(key) ?? 0) + 1);
    }
  }
  const search = query.toString();
  if (search === location.search.replace(/^\?/, "")) return;
  const url = new URL(location.href);
  url.search = search;
  history.replaceState(history.state, "", url.toString());
}

function type(input, value) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, String(value));
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

// An input set as if typed does not take the server's later writes (Streamlit's number input keeps what was typed
// until it is committed). Each input typed before a run of the app (``typed``) is set to the value the server holds
// after it (``committed``: key → value) and left, in a task of its own (the control reads its value as drawn after
// the input event): the input commits nothing when left at the value it holds, and follows the server again. An
// input the reader is in is theirs; it is put back after the next run.
function settle(committed, typed) {
  for (const [key, times] of typed) {
    if (LEFT.typed.get(key) !== times) continue;  // typed again since the run: the next run settles it
    const input = document.querySelector(`.st-key-${key} input`);
    if (input === document.activeElement) continue;
    LEFT.typed.delete(key);
    if (!input || committed[key] == null) continue;
    type(input, committed[key]);
    setTimeout(() => input.dispatchEvent(new FocusEvent("focusout", { bubbles: true })), 0);
  }
}

// ``then`` once the app is not running (every 25 ms, for at most 10 s).
function whenIdle(then, tries = 0) {
  const app = document.querySelector("[data-testid='stApp']");
  if (app?.dataset.testScriptState === "notRunning" || tries >= 400) then();
  else setTimeout(() => whenIdle(then, tries + 1), 25);
}

// Whether the view changed.
function show(s, g) {
  const html = s.data.variants[String(g)] ?? s.data.variants[String(s.data.g)];
  if (g === s.shown || html === undefined) return false;
  const before = s.shown === null ? undefined : s.data.variants[String(s.shown)];
  if (before !== undefined && unringed(before) === unringed(html)) {
    // The same view (a network that g does not change, a chart drawn alike at every g but for its ring): its nodes
    // stay, and the page is not laid out again for it.
    s.shown = g;
    if (before !== html) ring(s.root, html);
  } else {
    // The nodes of the view shown are kept for when it is shown again: a g shown once more is put back, not parsed
    // and drawn anew (a page's views hold charts of hundreds of SVG elements).
    if (s.shown !== null) s.drawn.set(s.shown, [...s.root.childNodes]);
    s.shown = g;
    const kept = s.drawn.get(g);
    if (kept) {
      s.root.replaceChildren(...kept);
    } else {
      // A drawing that several views show alike comes once, in data.parts; the view holds a slot for it.
      const parts = s.data.parts;
      s.root.innerHTML = parts ? html.replace(/<i data-part="(\d+)"><\/i>/g, (_, i) => parts[Number(i)]) : html;
    }
    ring(s.root, html);
  }
  s.root.dataset.g = String(g);
  // The page's own elements drawn for one g follow it by a rule of style (held_view.shown_at, disabled_at).
  // Written only when it changes: every held view of a page says its g as it mounts, and a write, even of the same
  // value, is a change of the document's root (a mutation, the rules that read it matched anew). A view the same at
  // every g (held_view's ``fixed``) is keyed by a constant, not the g shown: it says nothing.
  if (!s.data.fixed && document.documentElement.dataset.heldG !== String(g))
    document.documentElement.dataset.heldG = String(g);
  return true;
}

// A chart drawn alike at every g (explorer/figures/svg.py) has a ring on each g, hidden but one: its box names the
// g whose ring it shows (data-ring), in the view's HTML (``html``: the boxes in order).
const RING = / data-ring="(\d+)"/g;

function unringed(html) {
  return html.replace(RING, "");
}

function ring(root, html) {
  // The boxes in the view's order, each with the ring its HTML names, or none (every ring hidden).
  const rings = [...html.matchAll(/<div class="held-chart"( data-ring="(\d+)")?/g)].map((m) => m[2]);
  root.querySelectorAll(".held-chart").forEach((box, i) => {
    if (rings[i] === undefined) delete box.dataset.ring;
    else box.dataset.ring = rings[i];
    for (const mark of box.querySelectorAll(".held-ring"))
      mark.setAttribute("visibility", mark.dataset.g === box.dataset.ring ? "visible" : "hidden");
  });
}

// A view's printout copied (held_view.preformatted) as the code boxes copy theirs (assets/history.html); the line
// beside the button says whether it was copied or only selected.
const COPY_SHOWN_MS = 2500;  // as long as the code boxes' word (components/share.js)

async function copy(button) {
  const box = button.closest(".held-copy");
  const pre = box?.querySelector("pre");
  if (!pre) return;
  const done = box.querySelector(".held-copy-done");
  const words = (await window.__resblocksCopy(pre.textContent, pre)) ? button.dataset.copied : button.dataset.selected;
  clearTimeout(done.timer);
  done.textContent = words;
  done.timer = setTimeout(() => { done.textContent = ""; }, COPY_SHOWN_MS);
}

// The view's first drawing (held_view.graph) saved as the button names (held_view.export): the SVG at its own size
// (the page shows it scaled), or a PNG the browser draws from it at 96 pixels per inch, on white.
const PX_PER_PT = 96 / 72;

async function exportDrawing(root, button) {
  const figure = root.querySelector("figure[data-pt]");
  const drawn = figure?.querySelector("svg");
  if (!drawn) return;
  const [w, h] = figure.dataset.pt.split(" ").map(Number);
  const svg = drawn.cloneNode(true);
  svg.setAttribute("width", `${w}pt`);
  svg.setAttribute("height", `${h}pt`);
  const text = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + new XMLSerializer().serializeToString(svg);
  let file = new Blob([text], { type: "image/svg+xml" });
  if (button.dataset.export === "png") file = await png(file, Math.ceil(w * PX_PER_PT), Math.ceil(h * PX_PER_PT));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(file);
  link.download = button.dataset.file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function png(svg, width, height) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    const url = URL.createObjectURL(svg);
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, width, height);
      context.drawImage(image, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob(resolve, "image/png");
    };
    image.onerror = () => { URL.revokeObjectURL(url); reject(new Error("the drawing could not be read as an image")); };
    image.src = url;
  });
}
