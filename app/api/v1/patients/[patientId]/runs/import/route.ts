import { NextResponse } from "next/server";
import { apiRouteOutsideProxy } from "@/lib/api";
import { importUpload, UploadTooLargeError } from "@/lib/import/upload";

/**
 * POST /api/v1/patients/{id}/runs/import: multipart, one or more fields
 * `file` (FIT, GPX, TCX, plain or .gz; a Strava export ZIP; a Garmin
 * activities CSV; the run log's CSV), optional `distanceUnit` (km or mi, for
 * a Garmin CSV). 200 {"imported", "duplicates", "skipped": [{"file", "reason"}], "files"}.
 * Left out of proxy.ts's matcher (the proxy would buffer the body and cut it
 * at 10 MB): the session gate runs here, and the body is streamed.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiRouteOutsideProxy<{ patientId: string }>("run.write", async ({ req, actor, params }) => {
  try {
    return NextResponse.json(await importUpload(actor, params.patientId, { headers: req.headers, body: req.body }));
  } catch (e) {
    if (e instanceof UploadTooLargeError)
      return NextResponse.json(
        { error: "payload too large", message: e.message, ...e.partial },
        { status: 413, headers: { Connection: "close" } },
      );
    throw e;
  }
});
