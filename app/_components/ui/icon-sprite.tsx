import { createElement, isValidElement, type ReactNode } from "react";
import type { LucideIcon, LucideIconNode } from "lucide-react";

/**
 * Icons as plain SVG markup. Each lucide-react icon is a client component:
 * its shapes travel in the page's React payload as props and it is rendered
 * again, as a client component, into the HTML, so a page of them pays for
 * each one twice. Here the shapes are read once per icon from the component
 * lucide builds around them and drawn by the server as ordinary elements:
 * `StaticIcon` for one icon, `IconSprite` for a page's repeated ones (each
 * drawn once, hidden, as an SVG <symbol>), and `SpriteIcon` for a <use>
 * reference to a symbol, a few bytes each (a table's rows).
 */
const SHAPES = new WeakMap<LucideIcon, ReactNode[]>();

function isIconNodes(value: unknown): value is LucideIconNode[] {
  return (
    Array.isArray(value) &&
    value.every(
      (n) =>
        Array.isArray(n) &&
        typeof n[0] === "string" &&
        typeof n[1] === "object" &&
        n[1] !== null &&
        (n[2] === undefined || isIconNodes(n[2])),
    )
  );
}

function draw(nodes: LucideIconNode[]): ReactNode[] {
  return nodes.map(([tag, attributes, children], i) =>
    createElement(tag, { key: i, ...attributes }, children ? draw(children) : undefined),
  );
}

/** The icon's shapes: lucide-react's icon calls its client `Icon` with them (`icon.node`). */
function shapesOf(Icon: LucideIcon): ReactNode[] {
  const known = SHAPES.get(Icon);
  if (known) return known;
  const render: unknown = Reflect.get(Icon, "render");
  const element: unknown = typeof render === "function" ? render({}, null) : null;
  const icon: unknown = isValidElement<{ icon?: unknown }>(element) ? element.props.icon : null;
  const nodes: unknown = typeof icon === "object" && icon !== null ? Reflect.get(icon, "node") : null;
  if (!isIconNodes(nodes)) throw new Error(`The shapes of the icon ${Icon.displayName ?? ""} cannot be read (lucide-react changed?)`);
  const shapes = draw(nodes);
  SHAPES.set(Icon, shapes);
  return shapes;
}

/** lucide's stroke, as its icons draw it. */
const STROKE = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;

/** One icon, drawn by the server (decorative: hidden from screen readers). */
export function StaticIcon({ icon, className }: { icon: LucideIcon; className: string }) {
  return (
    <svg aria-hidden="true" width={24} height={24} viewBox="0 0 24 24" {...STROKE} className={className}>
      {shapesOf(icon)}
    </svg>
  );
}

export function IconSprite({ icons }: { icons: Record<string, LucideIcon> }) {
  return (
    <svg aria-hidden="true" className="hidden">
      {Object.entries(icons).map(([id, Icon]) => (
        <symbol key={id} id={id} viewBox="0 0 24 24">
          <g {...STROKE}>{shapesOf(Icon)}</g>
        </symbol>
      ))}
    </svg>
  );
}

export function SpriteIcon({ id, className }: { id: string; className: string }) {
  return (
    <svg aria-hidden="true" className={className}>
      <use href={`#${id}`} />
    </svg>
  );
}
