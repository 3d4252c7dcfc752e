import type { ReactNode } from "react";
import { PlainLink } from "./plain-link";

/**
 * A page that says why there is nothing to show (not found, access denied)
 * and leads back to the caseload. Next.js sends the app's not-found and
 * forbidden pages inside every page's payload, ready for the client router,
 * so they are plain markup with their classes in globals.css (`.ui-message`).
 */
export function MessagePage({
  title,
  icon,
  children,
}: {
  title: string;
  /** `icon-<name>`, drawn by CSS. */ icon?: string;
  children: ReactNode;
}) {
  return (
    <main className="ui-message">
      <div className="ui-card">
        <h1 className={icon ? `ui-message-title ${icon}` : "ui-message-title"}>{title}</h1>
        <p>{children}</p>
        <PlainLink href="/patients" className="ui-message-link">
          Back to the caseload
        </PlainLink>
      </div>
    </main>
  );
}
