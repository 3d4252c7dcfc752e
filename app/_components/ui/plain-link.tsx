import type { ComponentProps } from "react";

/**
 * A link to a page of the app as plain markup, for the inside of a
 * ClientLinks (app/_components/ui/client-links.tsx), which has the client
 * router follow it: next/link would make each link a client component,
 * rendered on the server and hydrated in the browser.
 */
export function PlainLink({ href, ...props }: ComponentProps<"a"> & { href: string }) {
  return <a href={href} {...props} />;
}
