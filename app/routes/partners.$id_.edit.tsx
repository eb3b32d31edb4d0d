import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, PartnerFormFields, SavedValues } from "~/components/directory-forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { countryOptions } from "~/domain/countries";
import { DeletePartnerSchema, UpdatePartnerSchema } from "~/domain/directory-schemas";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import {
  deletePartner, getPartnerForEdit, parentOptions, PartnerConflictError, PartnerNameTakenError, PartnerRuleError,
  updatePartner, type PartnerSnapshot,
} from "~/models/partners.server";
import { requirePermission } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { pluralize } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.partner.name ?? "partner"} · Partners · HT Collaborations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "directory:write");
  const partner = await getPartnerForEdit(params.id ?? "");
  invariantResponse(partner, `No partner has the id “${params.id}”.`, { status: 404 });
  return { partner, parents: await parentOptions(partner.id), countries: countryOptions() };
}

type Conflict = PartnerSnapshot | null;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const partnerId = params.id ?? "";
  const formData = await request.formData();

  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeletePartnerSchema });
    if (submission.status !== "success") return data({ intent: "delete" as const, error: "Reload the page and try again." }, { status: 400 });
    try {
      const deleted = await deletePartner(user, partnerId, submission.value.version);
      invariantResponse(deleted, "No partner has this id.", { status: 404 });
      throw redirect("/partners?deleted=1");
    } catch (error) {
      if (error instanceof PartnerConflictError) {
        return data({ intent: "delete" as const, error: `${error.message}. Reload the page and check before deleting.` }, { status: 409 });
      }
      if (error instanceof PartnerRuleError) return data({ intent: "delete" as const, error: error.message }, { status: 409 });
      throw error;
    }
  }

  const submission = parseWithZod(formData, { schema: UpdatePartnerSchema });
  if (submission.status !== "success") {
    return data({ intent: "update" as const, result: submission.reply(), conflict: null as Conflict }, { status: 400 });
  }
  try {
    const saved = await updatePartner(user, partnerId, submission.value);
    invariantResponse(saved, "No partner has this id.", { status: 404 });
    throw redirect(`/partners/${partnerId}?saved=1`);
  } catch (error) {
    if (error instanceof PartnerConflictError) {
      const message = `${error.message}. What is saved now is shown below; your changes are still in the form. Save again to replace the saved values with yours.`;
      return data({ intent: "update" as const, result: submission.reply({ formErrors: [message] }), conflict: error.current as Conflict }, { status: 409 });
    }
    if (error instanceof PartnerNameTakenError) {
      return data({ intent: "update" as const, result: submission.reply({ fieldErrors: { name: [error.message] } }), conflict: null as Conflict }, { status: 400 });
    }
    if (error instanceof PartnerRuleError) {
      const reply = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] };
      return data({ intent: "update" as const, result: submission.reply(reply), conflict: null as Conflict }, { status: 400 });
    }
    throw error;
  }
}

export default function EditPartner() {
  const { partner, parents, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const update = actionData?.intent === "update" ? actionData : null;
  const deleteError = actionData?.intent === "delete" ? actionData.error : null;
  const [form, fields] = useForm({
    // Stable across a conflict, so what was typed survives the reload of the saved values.
    id: `partner-${partner.id}`,
    lastResult: update?.result,
    constraint: getZodConstraint(UpdatePartnerSchema),
    defaultValue: {
      name: partner.name, acronym: partner.acronym, kind: partner.kind, city: partner.city,
      country: partner.country, website: partner.website, parentId: partner.parentId,
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdatePartnerSchema }),
  });
  const conflict = update?.conflict ?? null;
  const busy = navigation.state === "submitting";
  return (
    <div className="page narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/partners">Partners</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/partners/${partner.id}`}>{partner.acronym || partner.name}</Link> <span aria-hidden="true">›</span> <span>Edit</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>Edit {partner.name}</h1>
          <p className="subtitle">
            Party to {pluralize(partner.agreementCount, "agreement")}. A new name or acronym shows on all of them.
          </p>
        </div>
      </header>

      <section className="card form-card" aria-label="Partner details">
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <FormErrors id={form.errorId} errors={form.errors} />
          {conflict ? <SavedValues rows={savedRows(conflict)} /> : null}
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="version" value={conflict?.version ?? partner.version} />
          <PartnerFormFields fields={fields} parents={parents} countries={countries} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>Save changes</button>
            <Link to={`/partners/${partner.id}`} className="button button-quiet">Cancel</Link>
          </div>
        </Form>
      </section>

      <section className="card form-card" aria-labelledby="remove-h">
        <h2 id="remove-h">Duplicate or no longer needed?</h2>
        {deleteError ? <p className="notice notice-error" role="alert">{deleteError}</p> : null}
        <p>
          If {partner.name} is a duplicate, <Link to={`/partners/${partner.id}/merge`}>merge it into the partner to keep</Link>:
          its agreements and sub-units move there.
        </p>
        {partner.agreementCount || partner.subUnitCount ? (
          <p className="muted">
            It cannot be deleted: it{" "}
            {partner.agreementCount ? `is party to ${pluralize(partner.agreementCount, "agreement")}` : ""}
            {partner.agreementCount && partner.subUnitCount ? " and " : ""}
            {partner.subUnitCount ? `has ${pluralize(partner.subUnitCount, "sub-unit")}` : ""}.
          </p>
        ) : (
          <Form method="post" className="form-actions">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={partner.version} />
            <button type="submit" className="button button-quiet" disabled={busy}>Delete {partner.name}</button>
            <span className="field-hint">It is party to no agreement and has no sub-units. The deletion is recorded in the audit trail.</span>
          </Form>
        )}
      </section>
    </div>
  );
}

/** The fields of a partner as saved now, for the conflict view. */
function savedRows(current: PartnerSnapshot): [string, string][] {
  return [
    ["Name", current.name],
    ["Acronym", current.acronym],
    ["Kind", PARTNER_KINDS.label(current.kind)],
    ["City", current.city],
    ["Country", current.country],
    ["Website", current.website],
    ["Part of", current.parentName],
  ];
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
