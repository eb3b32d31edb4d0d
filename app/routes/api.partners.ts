/**
 * /api/partners. GET: the partner directory as JSON (q: name, acronym or
 * city; kind: partner kinds), for the API (docs/decisions/072). POST creates
 * a partner from inside another form (the agreement form's "partner not in
 * the list?"), answering JSON: the new option, or the field errors.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { CreatePartnerSchema } from "~/domain/directory-schemas";
import { createPartner } from "~/models/partner-write.server";
import { requirePermission } from "~/utils/auth.server";
import { apiPartners } from "~/models/api-directory.server";
import { answer } from "~/utils/api.server";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { readForm } from "~/utils/forms.server";
import { formFailure } from "~/utils/errors.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  const kind = params.getAll("kind").filter((k) => PARTNER_KINDS.includes(k));
  return answer(() => apiPartners({ q, kind }, user));
}

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
