import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Knee Clinic", template: "%s · Knee Clinic" },
  description: "Medial knee pain in runners: intake, red flags, follow-ups and referrals",
};

/**
 * Every page is rendered per request: the Content-Security-Policy allows
 * scripts by a per-request nonce (proxy.ts), which Next.js can only put on
 * the scripts of a page it renders for that request.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans text-sm">{children}</body>
    </html>
  );
}
