"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/lib/actions/state";
import {
  createDiaryLinkAction,
  createRequestAction,
  emailDiaryLinkAction,
  emailRequestAction,
  reviewDiaryAlertsAction,
  reviewRequestAction,
  revokeDiaryLinkAction,
  withdrawRequestAction,
  type MadeLink,
} from "@/lib/actions/runner-links";
import type { EpisodeDiary } from "@/lib/data/diary";
import type { RequestView } from "@/lib/data/questionnaires";
import { DIARY_MAX_DAYS, INSTRUMENT_LABELS, INSTRUMENTS, REQUEST_EXPIRY_DAYS, type Instrument } from "@/lib/domain/runner";
import { SURFACE_LABELS } from "@/lib/domain/labels";
import { addDays, formatDate } from "@/lib/format";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { SmallTable } from "@/app/_components/ui/small-table";
import { inputClass } from "@/app/_components/ui/field";

/**
 * The runner's links of one episode on the patient page (issue 13): the
 * questionnaire requests with their status, what the runner reported on the
 * red-flag screen until a clinician reviews it, the diary link, its alerts
 * and recent days. Clinicians make, e-mail, withdraw and revoke links and
 * review what came back; viewers see the same without the controls.
 */
export type RunnerLinksProps = {
  patientId: string;
  episodeId: string;
  firstName: string;
  today: string;
  open: boolean;
  canManage: boolean;
  /** SMTP_URL set and an e-mail address on the runner's record. */
  emailTo: string | null;
  requests: RequestView[];
  reportedLabels: Record<string, string[]>;
  diary: EpisodeDiary;
};

type Ids = { patientId: string; episodeId: string };

function useAct() {
  const [pending, start] = useTransition();
  const [state, setState] = useState<ActionState | null>(null);
  const act = <T,>(fn: () => Promise<ActionState<T>>, then?: (s: ActionState<T>) => void) =>
    start(async () => {
      const s = await fn();
      setState(s);
      then?.(s);
    });
  return { pending, state, act, setState };
}

/** The outcome of an action on a link, as every form tells it (FormStatus: a summary that takes the focus on a refusal). */
function Status({ state }: { state: ActionState | null }) {
  if (!state?.message) return null;
  return (
    <div className="mt-2">
      <FormStatus state={state} />
    </div>
  );
}

export function RunnerLinks(props: RunnerLinksProps) {
  return (
    <section
      id={`runner-links-${props.episodeId}`}
      aria-label="The runner's links"
      className="mt-3 grid gap-4 border-t border-slate-200 pt-3 lg:grid-cols-2"
    >
      <Questionnaires {...props} />
      <Diary {...props} />
    </section>
  );
}

// ---------------------------------------------------------------------------
// Questionnaires
// ---------------------------------------------------------------------------

const DEFAULT_INSTRUMENTS: Instrument[] = ["pain", "koos", "psfs", "tegner", "screen"];

/** The questionnaire links of an episode: on the patient page, and on the discharge page for the final measures. */
export function Questionnaires({
  patientId,
  episodeId,
  firstName,
  open,
  canManage,
  emailTo,
  requests,
  reportedLabels,
}: Omit<RunnerLinksProps, "today" | "diary">) {
  const { pending, state, act } = useAct();
  const [made, setMade] = useState<MadeLink | null>(null);
  const [madeId, setMadeId] = useState<string | null>(null);
  const ids: Ids = { patientId, episodeId };
  const toReview = requests.filter((r) => r.status === "completed" && !r.reviewedAt);

  function create(form: FormData) {
    const instruments = INSTRUMENTS.filter((i) => form.getAll("instruments").includes(i));
    const days = Number(form.get("expiresInDays"));
    act(
      () =>
        createRequestAction({
          ...ids,
          instruments,
          expiresInDays: Number.isFinite(days) && form.get("expiresInDays") !== "" ? days : undefined,
          sendEmail: form.get("sendEmail") === "on",
        }),
      (s) => {
        if (s.ok && s.data) {
          setMade(s.data);
          setMadeId(s.data.id);
        }
      },
    );
  }

  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Questionnaires by link</h3>
      {toReview.map((r) => (
        <ReturnedNotice
          key={r.id}
          request={r}
          labels={reportedLabels[r.id] ?? []}
          canManage={canManage}
          pending={pending}
          onReview={() => act(() => reviewRequestAction({ ...ids, requestId: r.id }))}
        />
      ))}

      {requests.length ? (
        <RequestsTable
          requests={requests}
          canManage={canManage}
          pending={pending}
          onWithdraw={(requestId) => act(() => withdrawRequestAction({ ...ids, requestId }))}
        />
      ) : (
        <p className="mt-1 text-xs text-slate-600">No questionnaire sent yet.</p>
      )}

      {canManage && open ? <RequestForm emailTo={emailTo} pending={pending} onCreate={create} /> : null}
      <Status state={state} />
      {made ? (
        <MadeLinkBox
          made={made}
          kind="questionnaire"
          firstName={firstName}
          emailTo={emailTo}
          onEmail={() => act(() => emailRequestAction({ ...ids, requestId: madeId!, url: made.url }))}
          pending={pending}
        />
      ) : null}
    </div>
  );
}

/** A questionnaire the runner returned and no clinician has reviewed: what they reported on the red-flag screen. */
function ReturnedNotice({
  request,
  labels,
  canManage,
  pending,
  onReview,
}: {
  request: RequestView;
  labels: string[];
  canManage: boolean;
  pending: boolean;
  onReview: () => void;
}) {
  return (
    <div
      data-testid="runner-reported"
      className={`mt-2 rounded-md border-l-4 px-3 py-2 text-sm ${request.reportedRedFlags.length ? "border-red-700 bg-red-50" : "border-sky-600 bg-sky-50"}`}
    >
      <p className="font-semibold">
        {request.reportedRedFlags.length ? (
          <>
            <span aria-hidden="true">⚠ </span>Runner reported: {labels.join(", ")}
          </>
        ) : (
          "Questionnaire returned: nothing reported on the red-flag screen"
        )}
      </p>
      <p className="text-xs text-slate-700">
        Returned {formatDate(request.submittedOn)} ({request.instruments.map((i) => INSTRUMENT_LABELS[i]).join(", ")}). The answers pre-fill
        the next intake or follow-up.
      </p>
      {canManage ? (
        <Button variant="secondary" className="mt-1" disabled={pending} onClick={onReview}>
          Mark reviewed
        </Button>
      ) : null}
    </div>
  );
}

/** The detail under a request's status: until when, started or opened, returned and reviewed, e-mailed. */
function requestStatusDetail(r: RequestView): string {
  const detail =
    r.status === "open"
      ? `until ${formatDate(r.expiresOn)}${r.draftSavedAt ? ", started" : r.firstOpenedAt ? ", opened" : ""}`
      : r.status === "completed"
        ? `${formatDate(r.submittedOn)}${r.reviewedAt ? `, reviewed${r.reviewedBy ? ` by ${r.reviewedBy}` : ""}` : ", not reviewed"}`
        : r.status === "expired"
          ? formatDate(r.expiresOn)
          : formatDate(r.withdrawnOn);
  return `${detail}${r.emailedAt ? ", e-mailed" : ""}`;
}

/** The questionnaire requests of the episode, with their status and what a clinician may do with each. */
function RequestsTable({
  requests,
  canManage,
  pending,
  onWithdraw,
}: {
  requests: RequestView[];
  canManage: boolean;
  pending: boolean;
  onWithdraw: (requestId: string) => void;
}) {
  return (
    <SmallTable caption="Questionnaire requests of this episode" columns={["Made", "Asks", "Status", { srOnly: "Actions" }]}>
      {requests.map((r) => (
        <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="questionnaire-request">
          <td className="py-1 pr-2 whitespace-nowrap">{formatDate(r.createdOn)}</td>
          <td className="py-1 pr-2">{r.instruments.map((i) => (i === "pain" ? "Pain" : INSTRUMENT_LABELS[i])).join(", ")}</td>
          <td className="py-1 pr-2">
            <span className="font-medium">{r.statusLabel}</span>
            <span className="block text-slate-600">{requestStatusDetail(r)}</span>
          </td>
          <td className="py-1 text-right">
            {canManage && (r.status === "open" || r.status === "expired") ? (
              <Button variant="ghost" disabled={pending} onClick={() => onWithdraw(r.id)}>
                Withdraw
              </Button>
            ) : null}
          </td>
        </tr>
      ))}
    </SmallTable>
  );
}

/** Making a questionnaire link: what it asks, how long it works, e-mailed or not. */
function RequestForm({ emailTo, pending, onCreate }: { emailTo: string | null; pending: boolean; onCreate: (form: FormData) => void }) {
  return (
    <form action={onCreate} className="mt-3 space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <fieldset>
        <legend className="text-xs font-medium text-slate-800">Ask the runner to fill in at home</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {INSTRUMENTS.map((i) => (
            <label key={i} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="instruments" value={i} defaultChecked={DEFAULT_INSTRUMENTS.includes(i)} />
              {INSTRUMENT_LABELS[i]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-xs font-medium text-slate-800">
          Link works for
          <span className="mt-1 flex items-center gap-1">
            <input
              name="expiresInDays"
              type="number"
              min={REQUEST_EXPIRY_DAYS.min}
              max={REQUEST_EXPIRY_DAYS.max}
              defaultValue={REQUEST_EXPIRY_DAYS.default}
              className={`${inputClass} w-20`}
            />
            <span className="font-normal">days</span>
          </span>
        </label>
        {emailTo ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="sendEmail" /> E-mail it to {emailTo}
          </label>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Making…" : "Make questionnaire link"}
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------
// The diary
// ---------------------------------------------------------------------------

function Diary({ patientId, episodeId, firstName, today, open, canManage, emailTo, diary }: RunnerLinksProps) {
  const { pending, state, act } = useAct();
  const [made, setMade] = useState<MadeLink | null>(null);
  const ids: Ids = { patientId, episodeId };
  const active = diary.links.find((l) => l.status === "active");
  const alerts = diary.alerts.filter((a) => !a.reviewedAt);
  const recent = diary.entries.slice(0, 7);

  function create(form: FormData) {
    act(
      () => createDiaryLinkAction({ ...ids, validUntil: String(form.get("validUntil") ?? ""), sendEmail: form.get("sendEmail") === "on" }),
      (s) => {
        if (s.ok && s.data) setMade(s.data);
      },
    );
  }

  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Pain and run diary</h3>
      {alerts.length ? (
        <DiaryAlerts
          alerts={alerts}
          canManage={canManage}
          pending={pending}
          onReview={(alertId) => act(() => reviewDiaryAlertsAction({ ...ids, alertId }))}
        />
      ) : null}

      <p className="mt-1 text-xs text-slate-700">
        {active ? (
          <>
            Link active until <strong>{formatDate(active.validUntil)}</strong> (made {formatDate(active.createdAt)}
            {active.emailedAt ? ", e-mailed" : ""}).
          </>
        ) : diary.links.length ? (
          "No active link: the last one has expired or was revoked."
        ) : (
          "No diary link yet."
        )}
        {canManage && active ? (
          <Button
            variant="ghost"
            disabled={pending}
            onClick={() => act(() => revokeDiaryLinkAction({ ...ids, linkId: active.id }))}
            className="ml-1"
          >
            Revoke
          </Button>
        ) : null}
      </p>

      {recent.length ? <DiaryEntries entries={recent} /> : null}

      {canManage && open ? <DiaryLinkForm today={today} replaces={!!active} emailTo={emailTo} pending={pending} onCreate={create} /> : null}
      <Status state={state} />
      {made ? (
        <MadeLinkBox
          made={made}
          kind="diary"
          firstName={firstName}
          emailTo={emailTo}
          onEmail={() => act(() => emailDiaryLinkAction({ ...ids, linkId: made.id, url: made.url }))}
          pending={pending}
        />
      ) : null}
    </div>
  );
}

/** The diary's alerts no clinician has reviewed yet. */
function DiaryAlerts({
  alerts,
  canManage,
  pending,
  onReview,
}: {
  alerts: EpisodeDiary["alerts"];
  canManage: boolean;
  pending: boolean;
  onReview: (alertId: string) => void;
}) {
  return (
    <div data-testid="diary-alerts" className="mt-2 rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm">
      <p className="font-semibold">
        <span aria-hidden="true">⚠ </span>
        {alerts.length} diary alert{alerts.length === 1 ? "" : "s"} not yet reviewed
      </p>
      <ul className="mt-1 space-y-1">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2">
            <span>
              <span className="font-medium">{a.label}:</span> {a.message}
            </span>
            {canManage ? (
              <Button variant="ghost" disabled={pending} onClick={() => onReview(a.id)}>
                Mark reviewed
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The runner's latest diary days. */
function DiaryEntries({ entries }: { entries: EpisodeDiary["entries"] }) {
  return (
    <SmallTable
      caption="The runner's latest diary days"
      columns={["Day", "Run", "Pain during / after / next morning (0-10)", "Swelling"]}
      testId="diary-entries"
    >
      {entries.map((e) => (
        <tr key={e.id} className="border-t border-slate-100">
          <td className="py-1 pr-2 whitespace-nowrap">{formatDate(e.date)}</td>
          <td className="py-1 pr-2">
            {e.kind === "run" ? `${e.distanceKm} km${e.surface ? `, ${SURFACE_LABELS[e.surface].toLowerCase()}` : ""}` : "Rest"}
          </td>
          <td className="py-1 pr-2">{[e.painDuring, e.painAfter, e.painNextMorning].map((p) => (p === null ? "—" : p)).join(" / ")}</td>
          <td className="py-1">{e.swelling ? "Yes" : "No"}</td>
        </tr>
      ))}
    </SmallTable>
  );
}

/** Making a diary link, valid until a day at most 16 weeks ahead. */
function DiaryLinkForm({
  today,
  replaces,
  emailTo,
  pending,
  onCreate,
}: {
  today: string;
  /** A link is active: the new one revokes it. */
  replaces: boolean;
  emailTo: string | null;
  pending: boolean;
  onCreate: (form: FormData) => void;
}) {
  return (
    <form action={onCreate} className="mt-3 flex flex-wrap items-end gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <label className="text-xs font-medium text-slate-800">
        {replaces ? "New link (revokes the current one), valid until" : "Diary link valid until"}
        <input
          name="validUntil"
          type="date"
          required
          min={addDays(today, 1)}
          max={addDays(today, DIARY_MAX_DAYS)}
          defaultValue={addDays(today, 28)}
          className={`${inputClass} mt-1 w-40`}
        />
      </label>
      {emailTo ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sendEmail" /> E-mail it to {emailTo}
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Making…" : "Make diary link"}
      </Button>
      <p className="w-full text-xs text-slate-600">At most 16 weeks ahead.</p>
    </form>
  );
}

// ---------------------------------------------------------------------------
// A link just made: shown once (only its hash is kept)
// ---------------------------------------------------------------------------

function MadeLinkBox({
  made,
  kind,
  firstName,
  emailTo,
  onEmail,
  pending,
}: {
  made: MadeLink;
  kind: "questionnaire" | "diary";
  firstName: string;
  emailTo: string | null;
  onEmail: () => void;
  pending: boolean;
}) {
  const [copied, setCopied] = useState("");
  const inputId = `link-${made.id}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied("Link copied.");
    } catch {
      setCopied("Copying is not allowed here: select the link and copy it.");
    }
  }
  return (
    <div className="mt-2 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm" data-testid="made-link">
      <label htmlFor={inputId} className="block text-xs font-medium text-slate-800">
        The link (shown only now: copy, print or e-mail it before leaving this page)
      </label>
      <input id={inputId} readOnly value={made.url} className={`${inputClass} mt-1 font-mono text-xs`} onFocus={(e) => e.target.select()} />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={copy}>
          Copy link
        </Button>
        <Button variant="secondary" onClick={() => window.print()}>
          Print slip
        </Button>
        {emailTo && !made.email?.sent ? (
          <Button variant="secondary" onClick={onEmail} disabled={pending}>
            E-mail to {emailTo}
          </Button>
        ) : null}
        <span role="status" className="text-xs text-slate-700">
          {copied}
        </span>
      </div>
      {/* The slip: on screen (a tablet can show it to scan) and alone on the printed page. */}
      <div data-print-slip className="mt-3 flex items-center gap-4 rounded-md bg-white p-3 ring-1 ring-slate-200">
        <div
          className="h-36 w-36 shrink-0"
          role="img"
          aria-label={`QR code of the ${kind} link`}
          // The SVG is made on the server by the qrcode package from the link alone.
          dangerouslySetInnerHTML={{ __html: made.qrSvg }}
        />
        <div className="text-sm">
          <p className="font-semibold">
            {kind === "questionnaire" ? `${firstName}: questions about your knee` : `${firstName}: your running diary`}
          </p>
          <p className="mt-1">Scan the code with your phone&apos;s camera, or type the link into your browser:</p>
          <p className="mt-1 font-mono text-xs break-all">{made.url}</p>
          <p className="mt-1">Works until {made.until}. It is only for you.</p>
        </div>
      </div>
    </div>
  );
}
