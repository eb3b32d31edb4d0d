/**
 * /partners/:id/edit: change a partner's fields (with the conflict panel
 * when someone saved meanwhile), or delete a partner that is party to no
 * agreement. Editors and admins.
 */
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ConflictPanel, ReappliedNotice, useConflictVersion } from "~/components/conflict-panel";
import { FormErrors, PartnerFormFields } from "~/components/directory-forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { SubmitButton } from "~/components/ui/submit-button";
import { countryOptions } from "~/domain/countries";
import { DeletePartnerSchema, UpdatePartnerSchema } from "~/domain/directory-schemas";
import { deletePartner, partnerInputSnapshot, updatePartner } from "~/models/partner-write.server";
import { getPartnerForEdit, parentOptions, PARTNER_FIELD_LABELS } from "~/models/partners.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { formFailure, messageFailure } from "~/utils/errors.server";
import { pluralize } from "~/utils/format";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.partner.name ?? "partner"} · Partners · HT Collaborations` },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Partners", to: "/partners" },
    ...(data ? [{ label: data.partner.acronym || data.partner.name, to: `/partners/${data.partner.id}` }] : []),
    { label: "Edit" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "directory:write");
  const partner = await getPartnerForEdit(params.id ?? "");
  invariantResponse(partner, `No partner has the id “${params.id}”.`, { status: 404 });
  return { partner, parents: await parentOptions(partner.id), countries: countryOptions() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const partnerId = params.id ?? "";
  const formData = await readForm(request);

  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeletePartnerSchema });
    if (submission.status !== "success") return data({ intent: "delete" as const, error: "Reload the page and try again." }, { status: 400 });
    try {
      const deleted = await deletePartner(user, partnerId, submission.value.version);
      invariantResponse(deleted, "No partner has this id.", { status: 404 });
      throw redirect("/partners?deleted=1");
    } catch (error) {
      return messageFailure(error, { intent: "delete" as const });
    }
  }

  const submission = parseWithZod(formData, { schema: UpdatePartnerSchema });
  if (submission.status !== "success") {
    return data({ intent: "update" as const, result: submission.reply(), conflict: null }, { status: 400 });
  }
  try {
    const saved = await updatePartner(user, partnerId, submission.value);
    invariantResponse(saved, "No partner has this id.", { status: 404 });
    throw redirect(`/partners/${partnerId}?saved=1`);
  } catch (error) {
    return formFailure(error, submission, {
      mine: () => partnerInputSnapshot(submission.value),
      labels: PARTNER_FIELD_LABELS,
      extra: { intent: "update" as const },
    });
  }
}

export default function EditPartner() {
  const { partner, parents, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const update = actionData?.intent === "update" && "result" in actionData ? actionData : null;
  const conflict = useConflictVersion(partner.version, update?.conflict);
  const [form, fields] = useSchemaForm(UpdatePartnerSchema, {
    // Stable across a conflict, so what was typed survives the reload of the saved values.
    id: `partner-${partner.id}`,
    lastResult: update?.result,
    defaultValue: {
      name: partner.name, acronym: partner.acronym, kind: partner.kind, city: partner.city,
      country: partner.country, website: partner.website, parentId: partner.parentId, aliases: partner.aliases,
    },
  });
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>Edit {partner.name}</h1>
          <p className="subtitle">
            Party to {pluralize(partner.agreementCount, "agreement")}. A new name or acronym shows on all of them.
          </p>
        </div>
      </header>
      {update?.conflict && conflict.open ? (
        <ConflictPanel subject="partner" conflict={update.conflict} onReapply={conflict.reapply} reloadHref={`/partners/${partner.id}/edit`} />
      ) : null}
      {conflict.reapplied ? <ReappliedNotice /> : null}

      <section className="card form-card" aria-label="Partner details">
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <FormErrors id={form.errorId} errors={update?.conflict ? undefined : form.errors} />
          <input type="hidden" name="version" value={conflict.version} />
          <PartnerFormFields fields={fields} parents={parents} countries={countries} />
          <div className="form-actions">
            <SubmitButton intent="update" pendingLabel="Saving…">Save changes</SubmitButton>
            <Link to={`/partners/${partner.id}`} className="button button-quiet">Cancel</Link>
          </div>
        </Form>
      </section>
      <DeletePartner partner={partner} error={actionData?.intent === "delete" && "error" in actionData ? actionData.error : null} />
    </div>
  );
}

type Partner = ReturnType<typeof useLoaderData<typeof loader>>["partner"];

function DeletePartner({ partner, error }: { partner: Partner; error: string | null }) {
  return (
    <section className="card form-card" aria-labelledby="remove-h">
      <h2 id="remove-h">Duplicate or no longer needed?</h2>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
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
          <input type="hidden" name="version" value={partner.version} />
          <SubmitButton intent="delete" className="button button-quiet" pendingLabel="Deleting…">Delete {partner.name}</SubmitButton>
          <span className="field-hint">It is party to no agreement and has no sub-units. The deletion is recorded in the audit trail.</span>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
