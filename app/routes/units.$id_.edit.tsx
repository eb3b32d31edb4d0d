/**
 * /units/:id/edit: change an HT unit (with the conflict panel when someone
 * saved meanwhile) and, for a centre, add, rename or remove its research
 * lines. Editors and admins.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ConflictPanel, ReappliedNotice, useConflictVersion } from "~/components/conflict-panel";
import { FormErrors, UnitFormFields } from "~/components/directory-forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { FieldError } from "~/components/forms";
import { SubmitButton } from "~/components/ui/submit-button";
import {
  AddResearchLineSchema, RemoveResearchLineSchema, RenameResearchLineSchema, UpdateUnitSchema, type UnitForm,
} from "~/domain/directory-schemas";
import { UNIT_KINDS } from "~/domain/vocabulary";
import { addResearchLine, removeResearchLine, renameResearchLine, unitInputSnapshot, updateUnit } from "~/models/unit-write.server";
import { getUnitForEdit, parentUnitOptions, UNIT_FIELD_LABELS } from "~/models/units.server";
import { requirePermission, type CurrentUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { formFailure } from "~/utils/errors.server";
import { pluralize } from "~/utils/format";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.unit.name ?? "unit"} · HT units · HT Collaborations` },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "HT units", to: "/units" },
    ...(data ? [{ label: data.unit.name, to: `/units/${data.unit.id}` }] : []),
    { label: "Edit" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "directory:write");
  const unit = await getUnitForEdit(params.id ?? "");
  invariantResponse(unit, `No HT unit has the id “${params.id}”.`, { status: 404 });
  const parents = (await parentUnitOptions()).filter((p) => p.id !== unit.id);
  return { unit, parents };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const unitId = params.id ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "add-line" || intent === "rename-line" || intent === "remove-line") {
    return researchLineAction(user, unitId, intent, formData);
  }

  const submission = parseWithZod(formData, { schema: UpdateUnitSchema });
  const answer = { intent: "update", lineId: "", message: null };
  if (submission.status !== "success") {
    return data({ ...answer, result: submission.reply(), conflict: null }, { status: 400 });
  }
  try {
    const saved = await updateUnit(user, unitId, submission.value);
    invariantResponse(saved, "No HT unit has this id.", { status: 404 });
    throw redirect(`/units/${unitId}?saved=1`);
  } catch (error) {
    return formFailure(error, submission, { mine: () => unitInputSnapshot(submission.value), labels: UNIT_FIELD_LABELS, extra: answer });
  }
}

const LINE_SCHEMAS = { "add-line": AddResearchLineSchema, "rename-line": RenameResearchLineSchema, "remove-line": RemoveResearchLineSchema };
const LINE_DONE = { "add-line": "Research line added.", "rename-line": "Research line renamed.", "remove-line": "Research line removed." };

/** Adding, renaming or removing one research line: each row is its own small form. */
async function researchLineAction(user: CurrentUser, unitId: string, intent: keyof typeof LINE_SCHEMAS, formData: FormData) {
  const submission = parseWithZod(formData, { schema: LINE_SCHEMAS[intent] });
  const answer = { intent, lineId: String(formData.get("lineId") ?? ""), conflict: null };
  if (submission.status !== "success") return data({ ...answer, result: submission.reply(), message: null }, { status: 400 });
  try {
    const v = submission.value;
    const done =
      v.intent === "add-line"
        ? await addResearchLine(user, unitId, v.name)
        : v.intent === "rename-line"
          ? await renameResearchLine(user, unitId, v.lineId, v.name)
          : await removeResearchLine(user, unitId, v.lineId);
    invariantResponse(done, "That research line or unit no longer exists. Reload the page.", { status: 404 });
    return { ...answer, result: submission.reply({ resetForm: intent === "add-line" }), message: LINE_DONE[intent] };
  } catch (error) {
    return formFailure(error, submission, { extra: { ...answer, message: null } });
  }
}

export default function EditUnit() {
  const { unit, parents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const update = actionData?.intent === "update" ? actionData : null;
  const conflict = useConflictVersion(unit.version, update?.conflict);
  const [form, fields] = useSchemaForm<typeof UpdateUnitSchema, UnitForm>(UpdateUnitSchema, {
    id: `unit-${unit.id}`,
    lastResult: update?.result,
    defaultValue: { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId, description: unit.description },
  });
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <p className="eyebrow">{UNIT_KINDS.label(unit.kind)} · {unit.code}</p>
          <h1>Edit {unit.name}</h1>
          <p className="subtitle">A new name shows on all of the unit's agreements.</p>
        </div>
      </header>
      {update?.conflict && conflict.open ? (
        <ConflictPanel subject="unit" conflict={update.conflict} onReapply={conflict.reapply} reloadHref={`/units/${unit.id}/edit`} />
      ) : null}
      {conflict.reapplied ? <ReappliedNotice /> : null}

      <section className="card form-card" aria-label="Unit details">
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <FormErrors id={form.errorId} errors={update?.conflict ? undefined : form.errors} />
          <input type="hidden" name="version" value={conflict.version} />
          <UnitFormFields fields={fields} parents={parents} />
          <div className="form-actions">
            <SubmitButton intent="update" pendingLabel="Saving…">Save changes</SubmitButton>
            <Link to={`/units/${unit.id}`} className="button button-quiet">Cancel</Link>
          </div>
        </Form>
      </section>

      {unit.kind === "CENTRE" ? <ResearchLines unit={unit} /> : null}
    </div>
  );
}

type Unit = ReturnType<typeof useLoaderData<typeof loader>>["unit"];

function ResearchLines({ unit }: { unit: Unit }) {
  const actionData = useActionData<typeof action>();
  const message = actionData && actionData.intent !== "update" ? actionData.message : null;
  const [form, fields] = useSchemaForm(AddResearchLineSchema, {
    id: `add-line-${unit.id}`,
    lastResult: actionData?.intent === "add-line" ? actionData.result : undefined,
    revalidateOn: "onBlur",
  });
  return (
    <section className="card form-card" aria-labelledby="lines-h">
      <h2 id="lines-h">Research lines</h2>
      {message ? <p className="notice notice-success" role="status">{message}</p> : null}
      {unit.researchLines.length ? (
        <ul className="line-list">
          {unit.researchLines.map((line) => (
            <ResearchLineRow key={line.id} line={line} />
          ))}
        </ul>
      ) : (
        <p className="empty-inline">No research lines recorded yet.</p>
      )}
      <Form method="post" {...getFormProps(form)} className="line-add">
        <input type="hidden" name="intent" value="add-line" />
        <div className="field field-wide">
          <label htmlFor={fields.name.id} className="field-label">New research line</label>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
          <FieldError field={fields.name} />
        </div>
        <button type="submit" className="button button-quiet">Add</button>
      </Form>
      <FormErrors id={form.errorId} errors={form.errors} />
    </section>
  );
}

function ResearchLineRow({ line }: { line: Unit["researchLines"][number] }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData && actionData.lineId === line.id ? actionData : null;
  const [form, fields] = useSchemaForm(RenameResearchLineSchema, {
    id: `line-${line.id}`,
    lastResult: mine?.intent === "rename-line" ? mine.result : undefined,
    defaultValue: { name: line.name },
    revalidateOn: "onBlur",
  });
  const removeErrors = (mine?.intent === "remove-line" ? mine.result.error?.[""] : null) ?? [];
  return (
    <li>
      <Form method="post" {...getFormProps(form)} className="line-row">
        <input type="hidden" name="intent" value="rename-line" />
        <input type="hidden" name="lineId" value={line.id} />
        <div className="field field-wide">
          <label htmlFor={fields.name.id} className="visually-hidden">Name of research line</label>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
          <FieldError field={fields.name} />
        </div>
        <span className="count">{pluralize(line.agreementCount, "agreement")}</span>
        <button type="submit" className="button button-quiet">Rename</button>
        <button
          type="submit"
          className="button button-quiet"
          form={`remove-${line.id}`}
          disabled={line.agreementCount > 0}
          title={line.agreementCount ? "Agreements serve this research line, so it cannot be removed" : undefined}
        >
          Remove
        </button>
      </Form>
      <Form method="post" id={`remove-${line.id}`} hidden>
        <input type="hidden" name="intent" value="remove-line" />
        <input type="hidden" name="lineId" value={line.id} />
      </Form>
      <FormErrors id={`remove-${line.id}-error`} errors={[...(form.errors ?? []), ...removeErrors]} />
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
