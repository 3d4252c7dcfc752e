/**
 * The order in which a page's charts are drawn (issue 17). A chart that comes
 * near the viewport asks for its turn here; the turns are given out after the
 * page has loaded, one chart at a time, each when the browser is idle. The
 * page (titles, legends, summaries and tables, rendered on the server) is
 * there and usable first; then Recharts is fetched and evaluated, and each
 * chart drawn in its own tasks, the next one only once the browser is idle
 * again: no chart's drawing is added to another's, and input is answered in
 * between.
 */

/** At most this long (ms) waiting for the browser to be idle: a busy page still gets its charts. */
const IDLE_TIMEOUT_MS = 1_000;

/** Draws a chart; resolves once it is drawn (or will never be: its frame left the page). */
export type Draw = () => Promise<void>;

const waiting: Draw[] = [];
let running = false;

function pageLoaded(): Promise<void> {
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("load", () => resolve(), { once: true }));
}

/** The next time the browser is idle (a short timer where requestIdleCallback is missing: Safari). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else window.setTimeout(resolve, 50);
  });
}

async function drawInTurn(): Promise<void> {
  running = true;
  try {
    await pageLoaded();
    for (let draw = waiting.shift(); draw; draw = waiting.shift()) {
      await idle();
      await draw();
    }
  } finally {
    running = false;
  }
}

/**
 * Queues a chart's drawing, in the order charts come near the viewport.
 * Returns a function that takes it out of the queue again (the chart's frame
 * left the page before its turn).
 */
export function queueDrawing(draw: Draw): () => void {
  waiting.push(draw);
  if (!running) void drawInTurn();
  return () => {
    const at = waiting.indexOf(draw);
    if (at >= 0) waiting.splice(at, 1);
  };
}
