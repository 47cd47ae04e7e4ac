// A part of a page drawn at every g the groups control reaches (explorer/components/held_view.py): the server
// sends them all at once, and this shows the one the address names. The sidebar's groups slider writes `?groups=`
// into the address in the browser (Streamlit's bound control), and assets/history.html fires "resblocks:address"
// after every write, so a change of g is shown in the frame the address changes, with no rerun of this part.
// On a page answered in the browser (controls.ANSWERED_IN_BROWSER) no run follows the change at all: the width
// note's view also carries, for every g, the address keys that go with it (base_width, which follows g holding the
// width), and writes them with the controls that show them, as the server would.

const INSTANCES = new WeakMap();

export default function (component) {
  const { data, parentElement } = component;
  let s = INSTANCES.get(parentElement);
  if (!s) {
    s = { root: parentElement.querySelector(".held"), shown: null };
    s.follow = () => s.data && follow(s);
    window.addEventListener("resblocks:address", s.follow);
    INSTANCES.set(parentElement, s);
  }
  s.data = data;
  s.gs = Object.keys(data.variants).map(Number).sort((a, b) => a - b);
  s.shown = null;
  show(s, data.g);
  // The address may already name another g: the slider moved while this run was on its way, and the server's
  // answer to that (the parts alone) will not send these views again. Follow it as a change from the run's g.
  s.address = data.g;
  follow(s);
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
// control leaves out), and the sidebar's input of each: its value is set as if typed, not committed, so the
// control's own +/− steps from it and the next run of the app sends it (controls._follow_browser_groups).
function write(s, g) {
  const keys = s.data.address?.[String(g)];
  if (!keys) return;
  const query = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(keys)) {
    if (value === null) query.delete(key);
    else query.set(key, value);
    const input = document.querySelector(`.st-key-${key} input`);
    const shown = value ?? s.data.defaults?.[key];
    if (input && shown != null && input.value !== String(shown)) {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, String(shown));
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
  const search = query.toString();
  if (search === location.search.replace(/^\?/, "")) return;
  const url = new URL(location.href);
  url.search = search;
  history.replaceState(history.state, "", url.toString());
}

// Whether the view changed.
function show(s, g) {
  const html = s.data.variants[String(g)] ?? s.data.variants[String(s.data.g)];
  if (g === s.shown || html === undefined) return false;
  s.shown = g;
  s.root.innerHTML = html;
  s.root.dataset.g = String(g);
  return true;
}
