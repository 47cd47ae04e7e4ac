"""Frame times of the Split page's component in Chromium, while scrubbing g and while playing.

    .venv/bin/python benchmarks/component_frames.py [--frames 180] [--groups 8,32,64,128]

The block is Table 2's repeated block (256 → 256) with its grouped width 128 held, so g = 128 is depthwise.
Scrubbing: on every animation frame the g slider moves between g and its neighbour (an input event, as a drag
sends), so every frame redraws the block and both weight maps. Playing: the component's own animation runs
from the first step to the last. Printed per g: requestAnimationFrame deltas (p50, p95, max; 16.7 ms is one
frame of a 60 Hz display, so a p95 there means no frame was dropped) and the component's own drawing time per
frame (the JavaScript of one redraw; the browser's style, layout and paint come on top, inside the delta).
A warm-up pass of each mode comes first and is not shown. Never part of the tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.browser import CHROMIUM, CHROMIUM_FLAGS, start_server  # noqa: E402

# Runs in the page: moves the g slider (or lets the animation play) for `frames` animation frames and
# returns the rAF deltas and the component's drawing time of each frame.
MEASURE = """async ([mode, index, frames]) => {
  const find = (sel) => { for (const host of document.querySelectorAll('*')) {
      if (host.shadowRoot && host.shadowRoot.querySelector(sel)) return host.shadowRoot.querySelector(sel); }
    return document.querySelector(sel); };
  const sx = find('.sx'), g = find('.sx-g'), t = find('.sx-t'), play = find('.sx-play');
  const set = (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input')); };
  set(g, index); set(t, 0);
  const deltas = [], draws = [];
  if (mode === 'play') play.click();
  await new Promise((done) => {
    let last = performance.now(), n = 0;
    const tick = (now) => {
      if (mode === 'scrub') set(g, n % 2 ? index : Math.max(0, index - 1));
      if (n > 0) { deltas.push(now - last); draws.push(Number(sx.dataset.drawMs)); }
      last = now; n += 1;
      if (n <= frames && (mode === 'scrub' || sx.dataset.step !== 'add')) requestAnimationFrame(tick); else done();
    };
    requestAnimationFrame(tick);
  });
  return {deltas, draws, g: sx.dataset.g};
}"""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=180, help="animation frames per measurement (default 180)")
    parser.add_argument("--groups", default="8,32,64,128", help="g values, divisors of 128 (default 8,32,64,128)")
    parser.add_argument("--width", type=int, default=1400, help="the browser window's width in pixels")
    args = parser.parse_args()
    groups = [int(g) for g in args.groups.split(",")]
    order = [1, 2, 4, 8, 16, 32, 64, 128]  # the component's g slider at width 128
    from playwright.sync_api import sync_playwright

    proc, url = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            page = browser.new_page(viewport={"width": args.width, "height": 1000})
            page.goto(f"{url}/split")
            page.locator(".sx-flow rect").first.wait_for(timeout=120_000)
            page.wait_for_timeout(2000)
            for mode in ("scrub", "play"):  # warm-up, not shown: the first frames compile the drawing code
                page.evaluate(MEASURE, [mode, 3, 60])
            print(f"{'g':>5} {'mode':>6} {'frames':>6} {'rAF p50':>8} {'rAF p95':>8} {'rAF max':>8} "
                  f"{'draw p50':>9} {'draw p95':>9}   (ms)")
            for g in groups:
                for mode in ("scrub", "play"):
                    r = page.evaluate(MEASURE, [mode, order.index(g), args.frames])
                    d, w = r["deltas"], r["draws"]
                    label = f"{g}" + (" dw" if g == 128 else "")
                    print(f"{label:>5} {mode:>6} {len(d):6d} {statistics.median(d):8.1f} {pct(d, 0.95):8.1f} "
                          f"{max(d):8.1f} {statistics.median(w):9.2f} {pct(w, 0.95):9.2f}")
            browser.close()
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
