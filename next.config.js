const dev = process.env.NODE_ENV !== "production";

/**
 * Content-Security-Policy: only this origin may supply scripts, styles,
 * images, fonts and connections; no plugins, no framing, forms post only
 * here. Inline scripts and styles stay allowed because Next.js inlines its
 * page data and recharts styles SVG inline (nonces would need every page,
 * including the static ones, rendered per request). Development adds what
 * the dev server needs (eval for fast refresh, its websocket).
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

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
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
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
