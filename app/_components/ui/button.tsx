import Link from "next/link";
import type { ComponentProps } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

/** A button's classes: the kit's button and its variant (written once in globals.css), and the caller's own. */
export function buttonClass(variant: Variant = "primary", extra = "") {
  return extra ? `ui-button ui-button-${variant} ${extra}` : `ui-button ui-button-${variant}`;
}

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: Variant }) {
  return <button type="button" className={buttonClass(variant, className)} {...props} />;
}

export function ButtonLink({ variant = "secondary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: Variant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}
