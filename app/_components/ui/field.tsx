import type { ComponentProps, ReactNode } from "react";

/**
 * A labelled form control with its hint and error. The error is announced
 * to screen readers (aria-describedby + aria-invalid) and sits next to the
 * field, in words.
 */
export const inputClass = "ui-input";
/** A field's label (written once in globals.css: the UI kit). */
export const labelClass = "ui-label";

type FieldProps = {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  required?: boolean;
  className?: string;
};

export function Field({ id, label, error, hint, children, required, className = "" }: FieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
        {required ? (
          <span className="text-red-700" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700" role="alert">
      {error}
    </p>
  );
}

export function describedBy(id: string, error?: string, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextInput({ id, error, hint, ...props }: ComponentProps<"input"> & { id: string; error?: string; hint?: boolean }) {
  return (
    <input
      id={id}
      name={props.name ?? id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hint)}
      className={inputClass}
      {...props}
    />
  );
}

export function Select({ id, error, hint, children, ...props }: ComponentProps<"select"> & { id: string; error?: string; hint?: boolean }) {
  return (
    <select
      id={id}
      name={props.name ?? id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hint)}
      className={inputClass}
      {...props}
    >
      {children}
    </select>
  );
}

export function TextArea({ id, error, hint, ...props }: ComponentProps<"textarea"> & { id: string; error?: string; hint?: boolean }) {
  return (
    <textarea
      id={id}
      name={props.name ?? id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hint)}
      className={inputClass}
      rows={3}
      {...props}
    />
  );
}

/** The options of a select, one per code of a label table (lib/domain/labels.ts), in the table's order. */
export function LabelOptions({ labels }: { labels: Readonly<Record<string, string>> }) {
  return (
    <>
      {Object.entries(labels).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
