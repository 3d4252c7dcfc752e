"use client";

import { usePathname } from "next/navigation";

/**
 * A navigation's links, the one for the current section marked
 * (aria-current="page"), as plain links: one client component for the list
 * (it follows the path as the client router moves), and a ClientLinks around
 * it (app/_components/ui/client-links.tsx) has the client router follow them.
 */
export function NavLinks({ links }: { links: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {links.map(({ href, label }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <a
              href={href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${active ? "bg-sky-50 text-sky-900" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {label}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
