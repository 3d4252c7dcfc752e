/**
 * Icons drawn by CSS, from lucide's own shapes (a Tailwind plugin, loaded by
 * `@plugin` in app/globals.css). `icon-<name>` on an element draws lucide's
 * icon <name> before its text, in the text's colour (a mask), sized by
 * `--icon-size` (1em unless the component sets it), hidden from screen
 * readers (the words beside it say what it means), printed, and drawn in
 * the system's text colour in forced-colours mode. The icon costs no element and no bytes
 * in the page: a table row, a tile or a badge that shows one is one element
 * with its words (issue 17: the caseload's SVG icons and sprites travelled
 * twice per view, in the HTML and in the React payload). Only the classes
 * the app's sources use are emitted.
 *
 * The shapes are read from lucide-react's icon modules at build time, so
 * they cannot drift from the icons lucide-react draws elsewhere
 * (tests/unit/app/css-icons.test.ts).
 */
import plugin from "tailwindcss/plugin";

/** The icons drawn by CSS, by lucide's name (https://lucide.dev/icons). */
export const CSS_ICONS = [
  "arrow-down",
  "arrow-down-right",
  "arrow-up",
  "arrow-up-down",
  "arrow-up-right",
  "calendar-clock",
  "circle-check",
  "circle-question-mark",
  "clipboard-check",
  "clock",
  "file-pen",
  "log-out",
  "minus",
  "notebook-pen",
  "octagon-exclamation-point",
  "send",
  "shield-x",
  "trending-down",
  "triangle-exclamation-point",
];

/** lucide's drawing of one icon: its shapes with lucide's stroke, as an SVG document (black: the mask's opaque part). */
export function iconSvg(nodes) {
  const attrs = (a) =>
    Object.entries(a)
      .filter(([k]) => k !== "key")
      .map(([k, v]) => ` ${k}="${String(v).replaceAll('"', "&quot;")}"`)
      .join("");
  const draw = (list) => list.map(([tag, a, children]) => `<${tag}${attrs(a)}>${children ? draw(children) : ""}</${tag}>`).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="black" stroke-width="2" ` +
    `stroke-linecap="round" stroke-linejoin="round">${draw(nodes)}</svg>`
  );
}

/** The icon's shapes, from lucide-react's module of it. */
export async function iconNodes(name) {
  const icon = await import(`lucide-react/icons/${name}`);
  const nodes = icon.__iconData?.node;
  if (!Array.isArray(nodes)) throw new Error(`lucide-react has no shapes for the icon "${name}" (renamed, or an alias: use its own name)`);
  return nodes;
}

const SHAPES = Object.fromEntries(await Promise.all(CSS_ICONS.map(async (name) => [name, await iconNodes(name)])));

export default plugin(({ addUtilities }) => {
  const drawn = {
    content: '""',
    display: "inline-block",
    width: "var(--icon-size, 1em)",
    height: "var(--icon-size, 1em)",
    "flex-shrink": "0",
    "vertical-align": "-0.125em",
    "background-color": "currentColor",
    // Printed too (the referral's print page shows urgency badges): browsers leave out backgrounds unless told.
    "print-color-adjust": "exact",
    "@media (forced-colors: active)": { "forced-color-adjust": "none", "background-color": "CanvasText" },
  };
  addUtilities(
    Object.fromEntries(
      Object.entries(SHAPES).map(([name, nodes]) => [
        `.icon-${name}`,
        {
          "&::before": {
            ...drawn,
            mask: `url("data:image/svg+xml,${encodeURIComponent(iconSvg(nodes))}") center / contain no-repeat`,
          },
        },
      ]),
    ),
  );
});
