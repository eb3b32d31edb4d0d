/**
 * The action shared by the agreement form's routes (new, edit, renew,
 * amend): validate with the shared schema in the agreement's mode (lenient
 * before signature, strict from Awaiting signature on), then against the
 * database, then look for possible duplicates (shown until the person says
 * "Save anyway"), then save, answering with every problem on its field and
 * the input kept, and with both versions when someone else saved meanwhile.
 */
import { data, redirect } from "@remix-run/node";
import { formModeFor } from "~/domain/agreement-readiness";
import { ACKNOWLEDGED_DUPLICATES, MAX_PARTIES, parseAgreementForm } from "~/domain/agreement-schema";
import { formIdentity, possibleDuplicates, savedState, unacknowledged } from "~/models/agreement-duplicates.server";
import {
  AGREEMENT_FIELD_LABELS, checkAgainstDatabase, createAgreement, formSnapshot, updateAgreement,
} from "~/models/agreement-write.server";
import type { CurrentUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { formFailure } from "~/utils/errors.server";



export async function submitAgreementForm(
  request: Request,
  user: CurrentUser,
  mode: { kind: "create" } | { kind: "update"; id: string },
) {
  const formData = await readForm(request, { maxIndex: MAX_PARTIES });
  const saved = mode.kind === "update" ? await savedState(mode.id) : null;
  if (mode.kind === "update" && !saved) throw new Response("This agreement no longer exists.", { status: 404 });
  const submission = parseAgreementForm(formData, formModeFor(saved?.status));
  if (submission.status !== "success") {
    return data({ result: submission.reply(), conflict: null, duplicates: null }, { status: 400 });
  }
  const value = submission.value;
  const { errors, resolved } = await checkAgainstDatabase(value, mode.kind === "update" ? { agreementId: mode.id } : {});
  if (Object.keys(errors).length) {
    return data({ result: submission.reply({ fieldErrors: errors }), conflict: null, duplicates: null }, { status: 400 });
  }
  if (!saved || saved.identity !== formIdentity(value)) {
    const found = await possibleDuplicates(value, user, mode.kind === "update" ? { agreementId: mode.id } : {});
    if (unacknowledged(found, String(formData.get(ACKNOWLEDGED_DUPLICATES) ?? "")).length) {
      // Not an error: nothing is saved yet, and the form asks to confirm (200, so the browser logs no failed request).
      return data({ result: submission.reply(), conflict: null, duplicates: found }, { status: 200 });
    }
  }

  if (mode.kind === "create") {
    const created = await createAgreement(user, value, resolved);
    throw redirect(`/agreements/${created.id}?saved=created`);
  }

  if (!value.version) {
    return data(
      { result: submission.reply({ formErrors: ["The form is missing its version; reload the page."] }), conflict: null, duplicates: null },
      { status: 400 },
    );
  }
  try {
    const updated = await updateAgreement(user, mode.id, value.version, value, resolved);
    if (!updated) throw new Response("This agreement no longer exists.", { status: 404 });
    throw redirect(`/agreements/${mode.id}?saved=${updated.changed.length ? "updated" : "unchanged"}`);
  } catch (error) {
    return formFailure(error, submission, {
      mine: () => formSnapshot(value, resolved),
      labels: AGREEMENT_FIELD_LABELS,
      extra: { duplicates: null },
    });
  }
}
