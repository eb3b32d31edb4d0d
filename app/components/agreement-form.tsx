/**
 * The agreement form for creating, editing, renewing and amending. One zod
 * schema (app/domain/agreement-schema.ts) validates it here and on the
 * server, in the agreement's mode: a draft saves with title and kind alone
 * (what signature will need is marked "needed for signature"), an agreement
 * awaiting signature or signed needs everything (marked required). Every
 * problem is listed above the form and shown next to its field, and
 * everything typed is kept; possible duplicates are shown with "Save
 * anyway". Ctrl+Enter (⌘+Enter) saves from anywhere in the form, and Enter
 * in a text field saves too (never adds or removes a party).
 * The sections live in agreement-form-sections.tsx and agreement-form-parties.tsx.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { KeyboardEvent, ReactNode } from "react";
import { fieldNeeds, type FormMode } from "~/domain/agreement-readiness";
import { agreementFormSchema, parseAgreementForm, type AgreementFormInput, type PossibleDuplicate } from "~/domain/agreement-schema";
import type { PartyOption } from "~/domain/party-search";
import { AGREEMENT_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { useCan } from "~/utils/user";
import { PartiesSection } from "./agreement-form-parties";
import {
  AgreementSection, DatesSection, DetailsSection, LinkedAgreementSection, ResearchLinesSection, ValueSection,
} from "./agreement-form-sections";
import { DuplicatesPanel } from "./duplicates-panel";
import { RequiredMark, SignatureMark } from "./forms";
import { InlinePartnerForm } from "./inline-partner";
import { SubmitButton } from "./ui/submit-button";

export interface AgreementFormOptions {
  units: PartyOption[];
  partners: PartyOption[];
  frameworks: { value: string; label: string; term: string }[];
  researchLines: { value: string; label: string; group: string }[];
  /** Active accounts that can own an agreement; a restricted one needs someone who reads restricted agreements. */
  owners: { value: string; label: string; readsRestricted: boolean }[];
}

function useAgreementForm(mode: FormMode, defaultValue: Partial<AgreementFormInput> | undefined, lastResult: SubmissionResult<string[]> | null | undefined) {
  const [form, fields] = useForm({
    id: "agreement-form",
    lastResult,
    defaultValue: { renewalType: "NONE", valueDirection: "NONE", confidentiality: "INTERNAL", ...defaultValue },
    constraint: getZodConstraint(agreementFormSchema(mode)),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseAgreementForm(formData, mode),
  });
  return { form, fields };
}

export type AgreementFormHandle = ReturnType<typeof useAgreementForm>["form"];
export type AgreementFormFields = ReturnType<typeof useAgreementForm>["fields"];

/** Ctrl+Enter / ⌘+Enter saves the form from any field. */
function saveOnCtrlEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit(event.currentTarget.querySelector<HTMLButtonElement>("button.save-button") ?? undefined);
  }
}

export function AgreementForm({
  options, defaultValue, lastResult, submitLabel, version, mode = "draft", duplicates, children,
}: {
  options: AgreementFormOptions;
  defaultValue?: Partial<AgreementFormInput>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  /** The version being edited; absent when creating. */
  version?: number;
  /** draft: before signature (lenient); signature: awaiting signature or signed (strict). */
  mode?: FormMode;
  /** Possible duplicates the server found on the last save. */
  duplicates?: PossibleDuplicate[] | null;
  children?: ReactNode;
}) {
  const canAddPartner = useCan("directory:write");
  const { form, fields } = useAgreementForm(mode, defaultValue, lastResult);
  // A value outside the vocabulary (a crafted post) shows as no kind chosen.
  const kind: AgreementKind | "" = AGREEMENT_KINDS.includes(fields.kind.value) ? fields.kind.value : "";
  const needs = fieldNeeds(mode, kind || undefined);
  const problems = Object.entries(form.allErrors).filter(([, e]) => e.length);
  return (
    <>
      {canAddPartner ? <InlinePartnerForm /> : null}
      <Form method="post" {...getFormProps(form)} className="agreement-form" onKeyDown={saveOnCtrlEnter}
        aria-describedby={problems.length ? "form-problems" : undefined}>
        {/* The form's default button: Enter in a text field saves, it never adds or removes a party. */}
        <button type="submit" className="default-button" hidden tabIndex={-1} aria-hidden="true" />
        {problems.length && lastResult ? <Problems problems={problems} /> : null}
        {duplicates?.length ? <DuplicatesPanel duplicates={duplicates} submitLabel={submitLabel} /> : null}
        {children}
        <p className="form-legend">
          <RequiredMark /> required.{" "}
          {mode === "draft" ? <><SignatureMark />: may stay empty in a draft; the agreement cannot go for signature without it. </> : null}
          <a href="#agreement-save">Go to Save</a> (or press Ctrl+Enter).
        </p>
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
        {fields.renewsId.initialValue ? <input type="hidden" name="renewsId" value={fields.renewsId.initialValue} /> : null}
        <AgreementSection fields={fields} creating={version === undefined} />
        <LinkedAgreementSection fields={fields} kind={kind} frameworks={options.frameworks} needs={needs} />
        <DatesSection fields={fields} needs={needs} />
        <ValueSection fields={fields} owners={options.owners} />
        <DetailsSection fields={fields} kind={kind} needs={needs} />
        <PartiesSection form={form} fields={fields} kind={kind} units={options.units} partners={options.partners} needs={needs} />
        <ResearchLinesSection fields={fields} researchLines={options.researchLines} />
        <div className="form-actions sticky-actions" id="agreement-save" tabIndex={-1}>
          <SubmitButton pendingLabel="Saving…" className="button save-button">{submitLabel}</SubmitButton>
        </div>
      </Form>
    </>
  );
}

/** Every problem at once, above the form, after a refused save. */
function Problems({ problems }: { problems: [string, string[]][] }) {
  return (
    <div className="notice notice-error" role="alert" id="form-problems">
      <strong>{problems.length === 1 ? "One thing needs fixing" : `${problems.length} things need fixing`} before this can be saved:</strong>
      <ul>
        {problems.map(([name, errors]) => (
          <li key={name}>{errors.join(" ")}</li>
        ))}
      </ul>
    </div>
  );
}
