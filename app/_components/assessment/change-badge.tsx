import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import type { ChangeClass } from "@/lib/clinical";

/** Improved / unchanged / worsened as word + icon + colour. */
const STYLE: Record<ChangeClass, { label: string; cls: string; Icon: typeof Minus }> = {
  improved: { label: "Improved", cls: "bg-emerald-50 text-emerald-900 ring-emerald-300", Icon: ArrowUpRight },
  unchanged: { label: "Unchanged", cls: "bg-slate-50 text-slate-800 ring-slate-300", Icon: Minus },
  worsened: { label: "Worsened", cls: "bg-red-50 text-red-900 ring-red-300", Icon: ArrowDownRight },
};

export function ChangeBadge({ value }: { value: ChangeClass }) {
  const s = STYLE[value];
  return (
    <span className={`inline-flex items-center gap-0.5 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${s.cls}`}>
      <s.Icon aria-hidden="true" className="h-3 w-3" />
      {s.label}
    </span>
  );
}
