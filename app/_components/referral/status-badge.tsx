import { Ban, FilePen, FileSignature, Send } from "lucide-react";

const STYLE = {
  draft: { label: "Draft", cls: "bg-slate-100 text-slate-800 ring-slate-300", Icon: FilePen },
  signed: { label: "Signed", cls: "bg-sky-50 text-sky-900 ring-sky-300", Icon: FileSignature },
  sent: { label: "Sent", cls: "bg-emerald-50 text-emerald-900 ring-emerald-300", Icon: Send },
  cancelled: { label: "Cancelled", cls: "bg-red-50 text-red-900 ring-red-300", Icon: Ban },
} as const;

export function ReferralStatusBadge({ status }: { status: keyof typeof STYLE }) {
  const s = STYLE[status];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.cls}`}>
      <s.Icon aria-hidden="true" className="h-3.5 w-3.5" />
      {s.label}
    </span>
  );
}
