// A part of a page drawn at every g the groups control reaches (explorer/components/held_view.py): the server
// sends them all at once, and this shows the one the address names. The sidebar's groups slider writes `?groups=`
// into the address in the browser (Streamlit's bound control), and assets/history.html fires "resblocks:address"
// after every write, so a change of g is shown in the frame the address changes, with no rerun of this part.

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
  if (next !== null) show(s, next);
}

function show(s, g) {
  const html = s.data.variants[String(g)] ?? s.data.variants[String(s.data.g)];
  if (g === s.shown || html === undefined) return;
  s.shown = g;
  s.root.innerHTML = html;
  s.root.dataset.g = String(g);
}
