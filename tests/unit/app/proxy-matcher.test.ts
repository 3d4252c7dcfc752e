/**
 * proxy.ts's matcher leaves out exactly the run-import upload (which runs
 * the proxy's gate itself, lib/api.ts apiRouteOutsideProxy), so its body is
 * streamed instead of buffered and cut at 10 MB; everything else still passes
 * the proxy. Checked with Next's own matcher.
 */
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config } from "@/proxy";

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

it("leaves out only POST /api/v1/patients/{id}/runs/import", () => {
  expect(matches("/api/v1/patients/0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11/runs/import")).toBe(false);
  for (const url of [
    "/api/v1/patients/0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11/runs/import/more",
    "/api/v1/patients/0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11/runs/importer",
    "/api/v1/patients/0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11/timeline",
    "/api/v1/patients",
    "/patients/0b7e3f3e-6a4c-4b8e-9d52-2f8f6f2a1c11/runs",
    "/admin/audit",
  ])
    expect(matches(url)).toBe(true);
});
