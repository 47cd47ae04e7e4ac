// The share link: the whole address as a link that breaks only between its parts, and a button that copies it.
//
// `data` (explorer/components/share_link.py): url, parts (the url cut where a line may break), and the texts.
// The copy: assets/history.html's (the clipboard, else the link's text selected and copied, else left selected).

const INSTANCES = new WeakMap();
// how long "Copied" stays
const SHOWN_MS = 2500;
// Where a narrow box may break the link: after "/" or "?" and before "&" (links.share_parts, the same rule).
const BREAKS = /(?<=[/?])(?!\/)|(?=&)/;

// The address is the state: a change of groups reruns only the page's parts, not this link, and the browser
// writes the new address itself (bound controls) or from the server's word; the link follows every change
// ("resblocks:address", fired by assets/history.html). A run that sends the link again sets it from the server.

// A page that lost its server and reconnected (to another server, when the one it had stopped) holds a session
// that server has never run: Streamlit drops a rerun of a part it does not know, so the reader's first change of
// g would be lost. The share link, drawn by every run of the whole app, then asks for one ("reconnected").
if (!window.__resblocksWatchesConnection) {
  window.__resblocksWatchesConnection = true;
  let lost = false;
  let busy = false;
  let running = false;
  const app = () => document.querySelector("[data-testid='stApp']");
  // Once the page shows no run: a server that kept this session may still run the script it was running when the
  // connection dropped (a timing run, a sweep), and a run asked for then would stop it.
  const ask = () => {
    if (app()?.getAttribute("data-test-script-state") === "notRunning") {
      window.dispatchEvent(new Event("resblocks:reconnected"));
    } else setTimeout(ask, 250);
  };
  new MutationObserver(() => {
    const state = app()?.getAttribute("data-test-connection-state");
    if (state === "CONNECTED" && !lost) running = app().getAttribute("data-test-script-state") === "running";
    if (state && state !== "CONNECTED" && !lost) {
      lost = true;
      busy = running;
    } else if (state === "CONNECTED" && lost) {
      lost = false;
      if (busy) setTimeout(ask, 250);
      else window.dispatchEvent(new Event("resblocks:reconnected"));
    }
  }).observe(document, { subtree: true, attributes: true,
    attributeFilter: ["data-test-connection-state", "data-test-script-state"] });
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let s = INSTANCES.get(parentElement);
  if (!s) {
    s = mount(parentElement);
    INSTANCES.set(parentElement, s);
  }
  s.setTriggerValue = setTriggerValue;
  receive(s, data);
  return () => {
    clearTimeout(s.timer);
    window.removeEventListener("resblocks:address", s.follow);
    window.removeEventListener("resblocks:reconnected", s.rerun);
    INSTANCES.delete(parentElement);
  };
}

function mount(root) {
  const s = {
    root, link: root.querySelector(".share-link"),
    button: root.querySelector(".share-copy"),
    done: root.querySelector(".share-done"), data: null, timer: 0,
  };
  s.button.addEventListener("click", () => copy(s));
  s.follow = () => {
    if (!s.data) return;
    const url = followed(s.data);
    if (url) show(s, url, url.split(BREAKS).filter(Boolean));
  };
  window.addEventListener("resblocks:address", s.follow);
  s.rerun = () => {
    if (s.data) s.setTriggerValue("reconnected", true);
  };
  window.addEventListener("resblocks:reconnected", s.rerun);
  return s;
}

// The address as it is now, but for the pairs the server's link left out of the address it was asked with
// (data.skip: a value the app could not use, a default), while the address still holds them unchanged.
function followed(data) {
  const link = new URL(data.url, location.href);
  if (link.pathname !== location.pathname) return null;
  const skip = new Set(data.skip.map(([k, v]) => k + "=" + v));
  const params = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(location.search)) if (!skip.has(k + "=" + v)) params.append(k, v);
  const query = params.toString();
  return link.origin + link.pathname + (query ? "?" + query : "");
}

function receive(s, data) {
  s.data = { ...data };
  s.button.textContent = data.copy;
  show(s, data.url, data.parts);
  // the address may have moved since the run (the component is drawn after it, and its code may come late)
  s.follow();
}

function show(s, url, parts) {
  s.data.url = url;
  if (s.link.getAttribute("href") === url) return;
  s.link.setAttribute("href", url);
  s.link.replaceChildren();
  parts.forEach((part, i) => {
    if (i) s.link.appendChild(document.createElement("wbr"));
    // text, never HTML
    s.link.appendChild(document.createTextNode(part));
  });
  say(s, "");
}

function say(s, text) {
  clearTimeout(s.timer);
  s.done.textContent = text;
  if (text) s.timer = setTimeout(() => (s.done.textContent = ""), SHOWN_MS);
}

async function copy(s) {
  const copied = await window.__resblocksCopy(s.data.url, s.link);
  say(s, copied ? s.data.copied : s.data.selected);
}
