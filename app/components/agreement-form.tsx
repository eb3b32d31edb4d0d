/**
 * The agreement form for creating, editing, renewing and amending. One zod
 * schema (app/domain/agreement-schema.ts) validates it here and on the
 * server; every problem is listed above the form and shown next to its
 * field, and everything typed is kept. The sections live in
 * agreement-form-sections.tsx and agreement-form-parties.tsx.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { AgreementFormSchema, parseAgreementForm, type AgreementFormInput } from "~/domain/agreement-schema";
import type { AgreementKind } from "~/domain/vocabulary";
import { useCan } from "~/utils/user";
import { PartiesSection } from "./agreement-form-parties";
import {
  AgreementSection, DatesSection, DetailsSection, LinkedAgreementSection, ResearchLinesSection, ValueSection,
} from "./agreement-form-sections";
import { InlinePartnerForm } from "./inline-partner";
import { SubmitButton } from "./ui/submit-button";

export interface AgreementFormOptions {
  units: { value: string; label: string }[];
  partners: { value: string; label: string }[];
  frameworks: { value: string; label: string; term: string }[];
  researchLines: { value: string; label: string; group: string }[];
  /** Active accounts that can own an agreement; a restricted one needs someone who reads restricted agreements. */
  owners: { value: string; label: string; readsRestricted: boolean }[];
}

function useAgreementForm(defaultValue: Partial<AgreementFormInput> | undefined, lastResult: SubmissionResult<string[]> | null | undefined) {
  const [form, fields] = useForm({
    id: "agreement-form",
    lastResult,
    defaultValue: { renewalType: "NONE", valueDirection: "NONE", confidentiality: "INTERNAL", ...defaultValue },
    constraint: getZodConstraint(AgreementFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseAgreementForm(formData),
  });
  return { form, fields };
}

export type AgreementFormHandle = ReturnType<typeof useAgreementForm>["form"];
export type AgreementFormFields = ReturnType<typeof useAgreementForm>["fields"];

export function AgreementForm({
  options,
  defaultValue,
  lastResult,
  submitLabel,
  version,
  children,
}: {
  options: AgreementFormOptions;
  defaultValue?: Partial<AgreementFormInput>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  /** The version being edited; absent when creating. */
  version?: number;
  children?: ReactNode;
}) {
  const canAddPartner = useCan("directory:write");
  const { form, fields } = useAgreementForm(defaultValue, lastResult);
  const kind = (fields.kind.value ?? "") as AgreementKind | "";
  const problems = Object.entries(form.allErrors).filter(([, e]) => e.length);
  return (
    <>
      {canAddPartner ? <InlinePartnerForm /> : null}
      <Form method="post" {...getFormProps(form)} className="agreement-form" aria-describedby={problems.length ? "form-problems" : undefined}>
        {problems.length && lastResult ? <Problems problems={problems} /> : null}
        {children}
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
        {fields.renewsId.initialValue ? <input type="hidden" name="renewsId" value={fields.renewsId.initialValue} /> : null}
        <AgreementSection fields={fields} creating={version === undefined} />
        <LinkedAgreementSection fields={fields} kind={kind} frameworks={options.frameworks} />
        <DatesSection fields={fields} />
        <ValueSection fields={fields} owners={options.owners} />
        <DetailsSection fields={fields} kind={kind} />
        <PartiesSection form={form} fields={fields} kind={kind} units={options.units} partners={options.partners} />
        <ResearchLinesSection fields={fields} researchLines={options.researchLines} />
        <div className="form-actions sticky-actions">
          <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
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
