/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e tests build into their own folder so a running `next dev` is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks separately; its e2e build skips the second check.
  typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === "1" },
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx (viewers reaching admin pages).
  experimental: { authInterrupts: true },
  // Native or file-reading server packages are loaded from node_modules, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pdfkit", "pg", "@prisma/adapter-pg"],
  // Headers for every response, static assets included. The Content-Security-Policy
  // (with a per-request script nonce), Cache-Control: no-store and
  // Strict-Transport-Security are set per request by proxy.ts (lib/security-headers.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
