import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Knee Clinic", template: "%s · Knee Clinic" },
  description: "Medial knee pain in runners: intake, red flags, follow-ups and referrals",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans text-sm">{children}</body>
    </html>
  );
}
