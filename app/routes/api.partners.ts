/**
 * Creates a partner from inside another form (the agreement form's "partner
 * not in the list?"), answering JSON: the new option, or the field errors.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { CreatePartnerSchema } from "~/domain/directory-schemas";
import { createPartner } from "~/models/partner-write.server";
import { requirePermission } from "~/utils/auth.server";
import { methodNotAllowed } from "~/utils/http.server";
import { readForm } from "~/utils/forms.server";
import { formFailure } from "~/utils/errors.server";

/** Nothing to read here: GET answers 405. */
export const loader = () => methodNotAllowed("POST");

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const submission = parseWithZod(await readForm(request), { schema: CreatePartnerSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), partner: null }, { status: 400 });
  }
  try {
    const partner = await createPartner(user, submission.value);
    const acronym = submission.value.acronym;
    return {
      result: submission.reply({ resetForm: true }),
      partner: { value: `partner:${partner.id}`, label: acronym ? `${partner.name} (${acronym})` : partner.name },
    };
  } catch (error) {
    return formFailure(error, submission, { extra: { partner: null } });
  }
}
