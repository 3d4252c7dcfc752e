import { AlertOctagon, AlertTriangle, CircleCheck, Clock, HelpCircle } from "lucide-react";

export type UrgencyLevel = "emergency" | "urgent" | "soon" | "routine";

/** Urgency shown as icon + word + colour, so colour is never the only signal. */
export const URGENCY_STYLE: Record<UrgencyLevel | "not_screened", { label: string; cls: string; Icon: typeof Clock }> = {
  emergency: { label: "Emergency", cls: "bg-red-700 text-white ring-red-800", Icon: AlertOctagon },
  urgent: { label: "Urgent", cls: "bg-orange-100 text-orange-950 ring-orange-400", Icon: AlertTriangle },
  soon: { label: "Soon", cls: "bg-amber-50 text-amber-950 ring-amber-300", Icon: Clock },
  routine: { label: "Routine", cls: "bg-emerald-50 text-emerald-900 ring-emerald-300", Icon: CircleCheck },
  not_screened: { label: "Not yet screened", cls: "bg-slate-100 text-slate-800 ring-slate-300", Icon: HelpCircle },
};

export function UrgencyBadge({ urgency, className = "" }: { urgency: UrgencyLevel | "not_screened" | null; className?: string }) {
  const style = URGENCY_STYLE[urgency ?? "not_screened"];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${style.cls} ${className}`}
    >
      <style.Icon aria-hidden="true" className="h-3.5 w-3.5" />
      {style.label}
    </span>
  );
}
