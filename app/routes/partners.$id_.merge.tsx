/**
 * /partners/:id/merge: merge a duplicate partner into the one to keep:
 * choose it, review what moves (agreements, sub-units) and confirm. Editors
 * and admins.
 */
import { parseWithZod } from "@conform-to/zod";
import {
  data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/ui/submit-button";
import { MergePartnerSchema } from "~/domain/directory-schemas";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { mergePartners, mergePreview, mergeTargetOptions } from "~/models/partner-merge.server";
import { getPartnerForEdit } from "~/models/partners.server";
import { messageFailure } from "~/utils/errors.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { pluralize } from "~/utils/format";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Merge ${data?.source.name ?? "partner"} · Partners · HT Collaborations` },
];

const SHOWN = 25;

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Partners", to: "/partners" },
    ...(data ? [{ label: data.source.acronym || data.source.name, to: `/partners/${data.source.id}` }] : []),
    { label: "Merge" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const source = await getPartnerForEdit(params.id ?? "");
  invariantResponse(source, `No partner has the id “${params.id}”.`, { status: 404 });
  const into = new URL(request.url).searchParams.get("into") ?? "";
  const [targets, preview] = await Promise.all([
    mergeTargetOptions(source.id),
    into ? mergePreview(source.id, into, user) : null,
  ]);
  return {
    source,
    targets,
    into,
    preview: preview
      ? {
          ...preview,
          agreements: preview.agreements.slice(0, SHOWN),
          agreementCount: preview.agreements.length + preview.hiddenAgreements,
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const submission = parseWithZod(await readForm(request), { schema: MergePartnerSchema });
  if (submission.status !== "success") {
    return data({ error: "Choose the partner to keep, review what will move, then confirm." }, { status: 400 });
  }
  try {
    const merged = await mergePartners(user, { sourceId: params.id ?? "", targetId: submission.value.into, ...submission.value });
    invariantResponse(merged, "This partner no longer exists: it may have been merged or deleted already.", { status: 404 });
    throw redirect(`/partners/${merged.target.id}?merged=${merged.moved + merged.dropped}`);
  } catch (error) {
    return messageFailure(error);
  }
}

export default function MergePartner() {
  const { source, targets, into, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>Merge {source.name} into another partner</h1>
          <p className="subtitle">
            For duplicates: the agreements and sub-units of {source.name} move to the partner you keep, and {source.name} is deleted.
          </p>
        </div>
      </header>

      <ChooseTarget targets={targets} into={into} missing={Boolean(into && !preview)} />
      {preview ? <ReviewMerge sourceId={source.id} preview={preview} error={actionData?.error ?? null} /> : null}
    </div>
  );
}

type MergeData = SerializeFrom<typeof loader>;

function ChooseTarget({ targets, into, missing }: { targets: MergeData["targets"]; into: string; missing: boolean }) {
  return (
    <section className="card form-card" aria-labelledby="choose-h">
      <h2 id="choose-h">1. Choose the partner to keep</h2>
      <Form method="get" className="form-actions merge-choose">
        <label className="field field-wide">
          <span className="field-label">Partner to keep</span>
          <select name="into" defaultValue={into} required>
            <option value="">Choose a partner…</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>{t.label}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-quiet">Review merge</button>
      </Form>
      {missing ? <p className="notice notice-error" role="alert">That partner no longer exists. Choose another.</p> : null}
    </section>
  );
}

type Preview = NonNullable<MergeData["preview"]>;

function ReviewMerge({ sourceId, preview, error }: { sourceId: string; preview: Preview; error: string | null }) {
  const { source, target } = preview;
  const action = `/partners/${sourceId}/merge?into=${target.id}`;
  return (
    <section className="card form-card" aria-labelledby="review-h">
      <h2 id="review-h">2. What will happen</h2>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      <SideBySide source={source} target={target} />
      <MergeEffects preview={preview} />
      {preview.problem ? (
        <p className="notice notice-error" role="alert">{preview.problem}</p>
      ) : (
        <Form method="post" action={action} className="form-actions merge-confirm">
          <input type="hidden" name="into" value={target.id} />
          <input type="hidden" name="version" value={source.version} />
          <input type="hidden" name="intoVersion" value={target.version} />
          <SubmitButton formAction={action} pendingLabel="Merging…">
            Merge {source.name} into {target.name}
          </SubmitButton>
          <Link to={`/partners/${sourceId}`} className="button button-quiet">Cancel</Link>
        </Form>
      )}
    </section>
  );
}

function SideBySide({ source, target }: Pick<Preview, "source" | "target">) {
  const rows: [string, string, string][] = [
    ["Name", source.name, target.name],
    ["Acronym", source.acronym ?? "", target.acronym ?? ""],
    ["Kind", PARTNER_KINDS.label(source.kind), PARTNER_KINDS.label(target.kind)],
    ["City", place(source), place(target)],
    ["Website", source.website ?? "", target.website ?? ""],
    ["Agreements", String(source._count.parties), String(target._count.parties)],
    ["Sub-units", String(source._count.children), String(target._count.children)],
  ];
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">The two partners side by side</caption>
        <thead>
          <tr>
            <th scope="col"><span className="visually-hidden">Field</span></th>
            <th scope="col">Merged and deleted</th>
            <th scope="col">Kept</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, b]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MergeEffects({ preview }: { preview: Preview }) {
  const { source, target, shared, subUnits, agreements, agreementCount } = preview;
  return (
    <>
      <ul className="merge-effects">
        <li>
          <strong>{pluralize(agreementCount, "agreement")}</strong> move from {source.name} to {target.name}
          {shared
            ? `; ${pluralize(shared, "agreement")} already name${shared === 1 ? "s" : ""} ${target.name}, so there ${target.name}'s party entry is kept and ${source.name}'s is dropped`
            : ""}
          .
        </li>
        {subUnits.length ? (
          <li>
            <strong>{pluralize(subUnits.length, "sub-unit")}</strong> move under {target.name}:{" "}
            {subUnits.map((s) => s.name).join(", ")}.
          </li>
        ) : null}
        <li>{source.name} is deleted. The merge is recorded in the audit trail.</li>
      </ul>
      {agreements.length ? (
        <ul className="plain-list small merge-agreements">
          {agreements.map((a) => (
            <li key={a.id}>
              <Link to={`/agreements/${a.id}`} className="mono">{a.reference}</Link> {a.title}
            </li>
          ))}
          {agreementCount > agreements.length ? (
            <li className="muted">and {pluralize(agreementCount - agreements.length, "more agreement")}</li>
          ) : null}
        </ul>
      ) : null}
    </>
  );
}

const place = (p: { city: string; country: string }) => [p.city, p.country].filter(Boolean).join(", ");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
