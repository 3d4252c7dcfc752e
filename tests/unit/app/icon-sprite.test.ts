/**
 * Icons drawn by the server (app/_components/ui/icon-sprite.tsx): the same
 * shapes lucide-react draws, as plain SVG, without lucide's client component.
 * Fails when lucide-react changes how its icons hold their shapes.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ArrowUpDown, CircleCheck, Send } from "lucide-react";
import { IconSprite, SpriteIcon, StaticIcon } from "@/app/_components/ui/icon-sprite";

/** The shapes inside an svg's markup, without lucide's React keys. */
const shapes = (svg: string) => [...svg.matchAll(/<(path|circle|rect|line|polyline)\b[^>]*\/?>/g)].map((m) => m[0]);

it.each([
  ["Send", Send],
  ["CircleCheck", CircleCheck],
  ["ArrowUpDown", ArrowUpDown],
])("draws %s with lucide's own shapes and stroke", (_name, icon) => {
  const lucide = renderToStaticMarkup(createElement(icon, { "aria-hidden": "true", className: "h-4 w-4" }));
  const plain = renderToStaticMarkup(createElement(StaticIcon, { icon, className: "h-4 w-4" }));
  expect(shapes(plain).length).toBeGreaterThan(0);
  expect(shapes(plain)).toEqual(shapes(lucide));
  for (const attribute of ['viewBox="0 0 24 24"', 'fill="none"', 'stroke="currentColor"', 'stroke-width="2"', 'aria-hidden="true"'])
    expect(plain).toContain(attribute);
  // The second drawing reuses the shapes read the first time.
  expect(renderToStaticMarkup(createElement(StaticIcon, { icon, className: "h-4 w-4" }))).toBe(plain);
});

it("draws a sprite's symbols once and refers to them by id", () => {
  const sprite = renderToStaticMarkup(createElement(IconSprite, { icons: { "row-unsent": Send } }));
  expect(sprite).toContain('<symbol id="row-unsent" viewBox="0 0 24 24"><g fill="none" stroke="currentColor"');
  expect(shapes(sprite)).toEqual(shapes(renderToStaticMarkup(createElement(Send))));
  expect(renderToStaticMarkup(createElement(SpriteIcon, { id: "row-unsent", className: "h-3 w-3" }))).toBe(
    '<svg aria-hidden="true" class="h-3 w-3"><use href="#row-unsent"></use></svg>',
  );
});
