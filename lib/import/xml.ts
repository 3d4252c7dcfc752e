import { SaxesParser } from "saxes";
import { UnreadableFileError } from "./types";

/**
 * Walks an XML document with saxes (a maintained streaming XML parser) and
 * hands each element's local name (namespace prefix dropped), its attributes
 * and its text to `visit` when the element closes, with the names of its
 * ancestors. Nothing of the document is kept beyond the open elements.
 */
export type XmlElement = { name: string; attributes: Record<string, string>; text: string; path: string[] };

const localName = (qname: string) => qname.slice(qname.indexOf(":") + 1);

export function walkXml(
  bytes: Uint8Array,
  handlers: { open?: (name: string, attributes: Record<string, string>, path: string[]) => void; close: (el: XmlElement) => void },
): string {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: { name: string; attributes: Record<string, string>; text: string }[] = [];
  let root = "";
  let failure: Error | null = null;
  parser.on("error", (e) => {
    failure ??= e;
  });
  parser.on("opentag", (node) => {
    const name = localName(node.name);
    if (!root) root = name;
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(node.attributes)) attributes[localName(k)] = String(v);
    handlers.open?.(
      name,
      attributes,
      stack.map((s) => s.name),
    );
    stack.push({ name, attributes, text: "" });
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top && top.text.length < 4096) top.text += t;
  });
  parser.on("cdata", (t) => {
    const top = stack[stack.length - 1];
    if (top && top.text.length < 4096) top.text += t;
  });
  parser.on("closetag", () => {
    const el = stack.pop();
    if (el) handlers.close({ ...el, text: el.text.trim(), path: stack.map((s) => s.name) });
  });
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const CHUNK = 1 << 16;
  for (let i = 0; i < text.length && !failure; i += CHUNK) parser.write(text.slice(i, i + CHUNK));
  if (!failure) parser.close();
  if (failure)
    throw new UnreadableFileError(`not well-formed XML (${(failure as Error).message.split("\n")[0]}): the file is corrupt or truncated`);
  if (!root) throw new UnreadableFileError("the file is empty or holds no XML element");
  return root;
}

export function numberOf(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function dateOf(text: string | undefined): Date | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}
