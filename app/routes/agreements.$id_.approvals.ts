/**
 * POST /agreements/:id/approvals: the agreement page's approval and
 * registration forms (fetcher forms): record an approval, remove one
 * recorded by mistake, register the signed deed (protocol number and date),
 * or take the signature date from a signed file's last signing time.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { ApprovalSchema, RegistrationSchema } from "~/domain/approvals";
import { addApproval, registerDeed, removeApproval, useSigningTime } from "~/models/approvals.server";
import { requirePermission } from "~/utils/auth.server";
import { formFailure, messageFailure } from "~/utils/errors.server";

const SimpleSchema = z.object({
  intent: z.enum(["remove-approval", "use-signing-time"]),
  approvalId: z.string().max(64).optional(),
  versionId: z.string().max(64).optional(),
  version: z.coerce.number().int().optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "approve" || intent === "register") {
    const schema = intent === "approve" ? ApprovalSchema : RegistrationSchema;
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      if (submission.value && "body" in submission.value) await addApproval(user, id, submission.value);
      else await registerDeed(user, id, submission.value as z.output<typeof RegistrationSchema>);
    } catch (error) {
      return formFailure(error, submission, { extra: { intent } });
    }
    return data({ intent, result: submission.reply({ resetForm: true }) });
  }
  const parsed = SimpleSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ intent, error: "Unknown action." }, { status: 400 });
  try {
    if (parsed.data.intent === "remove-approval") await removeApproval(user, id, parsed.data.approvalId ?? "");
    else await useSigningTime(user, id, parsed.data.version ?? 0, parsed.data.versionId ?? "");
  } catch (error) {
    return messageFailure(error, { intent });
  }
  return data({ intent, done: true });
}
