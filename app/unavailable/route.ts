/**
 * Shown when PostgreSQL cannot be reached: a plain 503 page with no detail
 * of the failure (requireUser redirects here).
 */
export function GET() {
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Service unavailable · Knee Clinic</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
main{max-width:28rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.5rem}a{color:#0369a1}</style></head>
<body><main><h1>Service temporarily unavailable</h1><p>The clinic database cannot be reached right now. Nothing you entered has been changed.</p>
<p>Please wait a moment and <a href="/patients">try again</a>. If this persists, contact your system administrator.</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "10", "Cache-Control": "no-store" },
  });
}
