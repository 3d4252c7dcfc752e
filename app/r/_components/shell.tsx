import type { ComponentProps, ReactNode } from "react";

/**
 * The frame of the runner's pages: the clinic's name and the runner's first
 * name, nothing else of the app (no navigation, no sign-in), large type for a
 * phone.
 */
export function RunnerShell({ clinicName, firstName, children }: { clinicName: string; firstName?: string; children: ReactNode }) {
  return (
    <div className="mx-auto min-h-screen max-w-xl px-4 pt-4 pb-12 text-base">
      <header className="mb-4 border-b border-slate-300 pb-3">
        <p className="text-base font-semibold text-slate-900">{clinicName}</p>
        {firstName ? <p className="text-sm text-slate-700">For {firstName}</p> : null}
      </header>
      <main>{children}</main>
    </div>
  );
}

const BUTTONS = {
  primary: "bg-sky-800 text-white hover:bg-sky-900 disabled:bg-slate-500",
  secondary: "bg-white text-slate-900 ring-1 ring-inset ring-slate-500 hover:bg-slate-50 disabled:text-slate-500",
} as const;

export function RunnerButton({
  variant = "primary",
  className = "",
  ...props
}: ComponentProps<"button"> & { variant?: keyof typeof BUTTONS }) {
  return (
    <button
      type="button"
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-5 py-2 text-base font-semibold disabled:cursor-not-allowed ${BUTTONS[variant]} ${className}`}
      {...props}
    />
  );
}

export function Notice({ tone, title, children }: { tone: "error" | "success" | "info"; title: string; children?: ReactNode }) {
  const ring =
    tone === "error"
      ? "bg-red-50 ring-red-700 text-red-900"
      : tone === "success"
        ? "bg-green-50 ring-green-700 text-green-900"
        : "bg-sky-50 ring-sky-700 text-slate-900";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mt-3 rounded-md p-3 ring-1 ${ring}`}>
      <p className="text-base font-semibold">
        <span aria-hidden="true">{tone === "error" ? "⚠ " : tone === "success" ? "✓ " : ""}</span>
        {title}
      </p>
      {children ? <p className="mt-1 text-base">{children}</p> : null}
    </div>
  );
}
