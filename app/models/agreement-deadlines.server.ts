/**
 * The deadlines card of an agreement's page: its open deadlines (its own
 * and its obligations', whenever they fall), all its obligations with their
 * state, the deadlines already dealt with, and whether the reader watches
 * it. The route has already checked that the reader may open it.
 */
import type { Reader } from "~/domain/confidentiality";
import { addDaysUtc, toDay } from "~/domain/dates";
import { RESOLUTION_OUTCOMES } from "~/domain/deadlines";
import { resolutionsOf } from "./deadline-resolution.server";
import { findDeadlines } from "./deadlines.server";
import { serializeRow } from "./deadlines-view.server";
import { agreementObligations } from "./obligations.server";
import { watchState } from "./watches.server";

/** Far enough ahead for any agreement's next deadline. */
const HORIZON_DAYS = 366 * 40;

export async function agreementDeadlinesCard(agreementId: string, reader: Reader & { id: string }, today: Date) {
  const [deadlines, obligations, resolutions, watch] = await Promise.all([
    findDeadlines({ agreementId, to: addDaysUtc(today, HORIZON_DAYS) }, reader, today),
    agreementObligations(agreementId),
    resolutionsOf(agreementId),
    watchState(reader.id, agreementId),
  ]);
  return {
    deadlines: deadlines.map(serializeRow),
    obligations,
    resolutions: resolutions.map((r) => ({
      id: r.id, outcome: RESOLUTION_OUTCOMES.label(r.outcome), resolvedOn: toDay(r.resolvedOn), note: r.note, byEmail: r.byEmail,
      kind: r.deadlineKey.split(":")[0] ?? "", date: r.deadlineKey.split(":")[2] ?? "",
    })),
    watch,
  };
}
