import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import type { ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "error";

const TONES: Record<Tone, { cls: string; Icon: typeof Info; word: string }> = {
  info: { cls: "border-sky-300 bg-sky-50 text-sky-950", Icon: Info, word: "Note" },
  success: { cls: "border-emerald-300 bg-emerald-50 text-emerald-950", Icon: CheckCircle2, word: "Done" },
  warning: { cls: "border-amber-300 bg-amber-50 text-amber-950", Icon: AlertTriangle, word: "Warning" },
  error: { cls: "border-red-300 bg-red-50 text-red-950", Icon: XCircle, word: "Error" },
};

/** A message box; the tone is also given as a word and an icon, never colour alone. */
export function Alert({
  tone = "info",
  title,
  children,
  className = "",
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  const { cls, Icon, word } = TONES[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`flex gap-2 rounded-md border px-3 py-2 ${cls} ${className}`}>
      <Icon aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
      <div>
        <p className="font-semibold">
          <span className="sr-only">{word}: </span>
          {title ?? word}
        </p>
        {children ? <div className="mt-0.5">{children}</div> : null}
      </div>
    </div>
  );
}
