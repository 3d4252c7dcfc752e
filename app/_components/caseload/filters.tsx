import { DISPLAY_LEVEL_WORDS, URGENT_FLAG_WORDS } from "@/lib/domain/urgency";
import type { CaseloadQuery } from "@/lib/validation/caseload";
import { buttonClass } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { PlainLink } from "@/app/_components/ui/plain-link";
import { labelClass, Select, TextInput } from "@/app/_components/ui/field";

/** The caseload's filters: a GET form, so every filtered view has its own address. */
export function CaseloadFilters({ q }: { q: CaseloadQuery }) {
  return (
    <Card>
      <form method="get" role="search" aria-label="Filter the caseload" className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-4">
        <div className="sm:col-span-3 lg:col-span-2">
          <label htmlFor="q" className={labelClass}>
            Name or MRN
          </label>
          <TextInput id="q" name="q" type="search" defaultValue={q.q ?? ""} />
        </div>
        <div>
          <label htmlFor="urgency" className={labelClass}>
            Urgency
          </label>
          <Select id="urgency" name="urgency" defaultValue={q.urgency ?? ""}>
            <option value="">Any</option>
            <option value="flagged">Any red flag</option>
            <option value="emergency">{DISPLAY_LEVEL_WORDS.emergency}</option>
            <option value="urgent">{DISPLAY_LEVEL_WORDS.urgent}</option>
            <option value="soon">{DISPLAY_LEVEL_WORDS.soon}</option>
            <option value="routine">{`${DISPLAY_LEVEL_WORDS.routine} (screened)`}</option>
            <option value="not_screened">{DISPLAY_LEVEL_WORDS.not_screened}</option>
          </Select>
        </div>
        <div>
          <label htmlFor="due" className={labelClass}>
            Review
          </label>
          <Select id="due" name="due" defaultValue={q.due ?? ""}>
            <option value="">Any</option>
            <option value="due">Due (today or overdue)</option>
            <option value="today">Due today</option>
            <option value="overdue">Overdue</option>
            <option value="upcoming">Upcoming</option>
            <option value="none">No review planned</option>
          </Select>
        </div>
        {/* The sort is chosen by the table's column headers; filtering keeps it. */}
        {q.sort !== "urgency" ? <input type="hidden" name="sort" value={q.sort} /> : null}
        {q.dir ? <input type="hidden" name="dir" value={q.dir} /> : null}
        <OtherFilters q={q} />
        <div className="flex gap-2 sm:justify-end">
          <button type="submit" className={buttonClass("primary")}>
            Apply
          </button>
          <PlainLink href="/patients" className={buttonClass("secondary")}>
            Clear
          </PlainLink>
        </div>
      </form>
    </Card>
  );
}

const OTHER_FILTERS = [
  ["worsening", "Worsening"],
  ["drafts", "Unsigned drafts"],
  ["openFlags", `Open ${URGENT_FLAG_WORDS.toLowerCase()} flag`],
  ["unsent", `${URGENT_FLAG_WORDS} referral not sent`],
  ["returned", "Questionnaire returned"],
  ["diary", "Diary alert"],
] as const;

/** The yes/no filters, one checkbox each, in a row under the search (their classes in globals.css, `.caseload-checks`). */
function OtherFilters({ q }: { q: CaseloadQuery }) {
  return (
    <fieldset className="caseload-checks">
      <legend className="sr-only">Other filters</legend>
      {OTHER_FILTERS.map(([name, label]) => (
        <label key={name}>
          <input type="checkbox" name={name} value="1" defaultChecked={q[name]} /> {label}
        </label>
      ))}
    </fieldset>
  );
}
