/**
 * Icons drawn by CSS (app/_styles/icons.mjs, a Tailwind plugin): every
 * `icon-<name>` class the app's sources use is in the compiled stylesheet,
 * drawn with lucide-react's own shapes and stroke, and drawn in the
 * system's text colour in forced-colours mode. The stylesheet is compiled
 * as the build compiles it (PostCSS with Tailwind), in a child process:
 * the plugin is an ES module that jest's CommonJS runtime cannot load.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(path.join(ROOT, p)).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The icon classes written in the app's components (`--icon-size` is the size, not an icon). */
const used = [
  ...new Set(
    sources("app").flatMap((f) => [...readFileSync(path.join(ROOT, f), "utf8").matchAll(/\bicon-([a-z0-9-]+)/g)].map((m) => m[1]!)),
  ),
]
  .filter((name) => name !== "size")
  .sort();

/** Compiles app/globals.css, and draws each used icon with lucide-react's component, in a child process. */
const compiled: { css: string; lucide: Record<string, string> } = (() => {
  const script = `
    import postcss from "postcss";
    import tailwind from "@tailwindcss/postcss";
    import { readFileSync } from "node:fs";
    import { createElement } from "react";
    import { renderToStaticMarkup } from "react-dom/server";
    const from = ${JSON.stringify(path.join(ROOT, "app/globals.css"))};
    const { css } = await postcss([tailwind()]).process(readFileSync(from, "utf8"), { from });
    const lucide = {};
    for (const name of ${JSON.stringify(used)}) {
      const icon = (await import("lucide-react/icons/" + name)).default;
      lucide[name] = renderToStaticMarkup(createElement(icon));
    }
    process.stdout.write(JSON.stringify({ css, lucide }));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`compiling app/globals.css failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { css: string; lucide: Record<string, string> };
})();

/** The shapes inside an SVG's markup, without lucide's React keys and classes. */
const shapes = (svg: string) =>
  [...svg.matchAll(/<(path|circle|rect|line|polyline|polygon|ellipse)\b([^>]*?)\/?>/g)].map(
    (m) => `${m[1]} ${[...m[2]!.matchAll(/\b([a-z-]+)="([^"]*)"/g)].map((a) => `${a[1]}=${a[2]}`).join(" ")}`,
  );

/** The rule of `.icon-<name>::before` in the compiled stylesheet. */
function ruleOf(name: string): string | null {
  const at = compiled.css.indexOf(`.icon-${name}::before {`);
  return at < 0 ? null : compiled.css.slice(at, compiled.css.indexOf("\n  }\n", at) + 4);
}

it("finds the icons the app uses (the scan itself works)", () => {
  expect(used).toEqual(expect.arrayContaining(["send", "circle-check", "arrow-up-down", "octagon-exclamation-point"]));
});

it.each(used)("draws icon-%s with lucide's own shapes and stroke, in the text's colour", (name) => {
  const rule = ruleOf(name);
  expect(rule).not.toBeNull();
  const url = /mask: url\("data:image\/svg\+xml,([^"]+)"\) center \/ contain no-repeat/.exec(rule!);
  expect(url).not.toBeNull();
  const svg = decodeURIComponent(url![1]!);
  expect(shapes(svg).length).toBeGreaterThan(0);
  expect(shapes(svg)).toEqual(shapes(compiled.lucide[name]!));
  for (const attribute of ['viewBox="0 0 24 24"', 'fill="none"', 'stroke-width="2"', 'stroke-linecap="round"', 'stroke-linejoin="round"'])
    expect(svg).toContain(attribute);
  expect(rule).toContain("background-color: currentColor");
  expect(rule).toContain("width: var(--icon-size, 1em)");
  expect(rule).toContain("print-color-adjust: exact");
});

it("draws the icons in the system's text colour in forced-colours mode", () => {
  const forced = compiled.css.slice(compiled.css.indexOf("@media (forced-colors: active)"));
  expect(forced).toMatch(/\.icon-send::before\s*\{[^}]*forced-color-adjust: none;[^}]*background-color: CanvasText/);
});

it("does not emit the icons no source uses", () => {
  expect(ruleOf("a-arrow-down")).toBeNull();
});
