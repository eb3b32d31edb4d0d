/**
 * The parties section of the agreement form: one row per party (an HT unit
 * or a partner found with the party picker, its role, contact, GDPR role
 * for data sharing, signature), rows added and removed with conform's list
 * intents (after a removal the focus goes to the next row's party, or the
 * previous one, or "Add a party"), and a partner missing from the list
 * created inline (app/components/inline-partner.tsx) and made a party at once.
 */
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, useState } from "react";
import type { FieldNeeds } from "~/domain/agreement-readiness";
import type { PartyOption } from "~/domain/party-search";
import { GDPR_ROLES, PARTY_ROLES, SIGNATURE_STATUSES, type AgreementKind } from "~/domain/vocabulary";
import { useCan } from "~/utils/user";
import type { AgreementFormFields, AgreementFormHandle, AgreementFormOptions } from "./agreement-form";
import { vocabularyOptions as options } from "./agreement-form-sections";
import { Field, FieldError } from "./forms";
import { InlinePartnerFields } from "./inline-partner";
import { PartyPicker } from "./party-picker";

/**
 * After a row is removed, the focus goes to a sensible place: the party box
 * of the row that took its place, else the row before it, else "Add a party".
 */
function useFocusAfterRemoval(count: number) {
  const section = useRef<HTMLFieldSetElement>(null);
  const removed = useRef<number | null>(null);
  useEffect(() => {
    const index = removed.current;
    if (index === null) return;
    removed.current = null;
    const boxes = section.current?.querySelectorAll<HTMLElement>(".party-row .party-ref input:not([type=hidden]), .party-row .party-ref select");
    const target = boxes?.[Math.min(index, boxes.length - 1)] ?? section.current?.querySelector<HTMLElement>(".party-add");
    target?.focus();
  }, [count]);
  return { section, onRemove: (index: number) => (removed.current = index) };
}

export function PartiesSection({
  form,
  fields,
  kind,
  units,
  partners,
  needs,
}: {
  form: AgreementFormHandle;
  fields: AgreementFormFields;
  kind: AgreementKind | "";
  units: AgreementFormOptions["units"];
  partners: AgreementFormOptions["partners"];
  needs: FieldNeeds;
}) {
  const canAddPartner = useCan("directory:write");
  // Partners created inline while filling the form join the choices.
  const [addedPartners, setAddedPartners] = useState<PartyOption[]>([]);
  const partnerChoices = addedPartners.length ? [...partners, ...addedPartners].sort((a, b) => a.label.localeCompare(b.label)) : partners;
  const rows = fields.parties.getFieldList();
  const focus = useFocusAfterRemoval(rows.length);
  // A new partner becomes a party once its option is rendered, so the new row's select can show it.
  const [newParty, setNewParty] = useState<string | null>(null);
  useEffect(() => {
    if (!newParty) return;
    // Clear first: the insert re-renders synchronously, and must find nothing left to insert.
    setNewParty(null);
    form.insert({ name: fields.parties.name, defaultValue: { ref: newParty, role: "PARTICIPANT", signatureStatus: "PENDING" } });
    // Runs once per new partner; `form` changes identity on every insert.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newParty]);
  return (
    <fieldset className="card form-section" ref={focus.section}>
      <legend>Parties</legend>
      <p className="field-hint">
        Type a name or acronym to find an HT unit or partner. For signature: at least one HT unit and one partner, each once, with their role.
      </p>
      <FieldError field={fields.parties} />
      <ol className="party-list">
        {rows.map((party, index) => (
          <PartyRow key={party.key} form={form} listName={fields.parties.name} party={party} index={index} kind={kind}
            units={units} partners={partnerChoices} needs={needs} onRemove={focus.onRemove} />
        ))}
      </ol>
      <div className="form-actions">
        <button {...form.insert.getButtonProps({ name: fields.parties.name, defaultValue: { role: "PARTICIPANT", signatureStatus: "PENDING" } })} className="button button-quiet party-add">
          + Add a party
        </button>
        {canAddPartner ? (
          <InlinePartnerFields
            onCreated={(partner) => {
              setAddedPartners((list) => [...list, { ...partner, name: partner.label, depth: 0 }]);
              setNewParty(partner.value);
            }}
          />
        ) : null}
      </div>
    </fieldset>
  );
}

type PartyField = ReturnType<AgreementFormFields["parties"]["getFieldList"]>[number];

function PartyRow({
  form, listName, party, index, kind, units, partners, needs, onRemove,
}: {
  form: AgreementFormHandle;
  listName: string;
  party: PartyField;
  index: number;
  kind: AgreementKind | "";
  units: PartyOption[];
  partners: PartyOption[];
  needs: FieldNeeds;
  onRemove: (index: number) => void;
}) {
  const p = party.getFieldset() as Record<"ref" | "role" | "gdprRole" | "contactName" | "contactEmail" | "signatureStatus" | "signedAt", FieldMetadata<string>>;
  const removeProps = form.remove.getButtonProps({ name: listName, index });
  return (
    <li className="party-row">
      <div className="field field-span party-ref">
        <label htmlFor={p.ref.id} className="field-label">{`Party ${index + 1}`}</label>
        <PartyPicker
          name={p.ref.name} id={p.ref.id} defaultValue={p.ref.initialValue} units={units} partners={partners}
          invalid={!p.ref.valid} describedBy={p.ref.errors?.length ? p.ref.errorId : undefined}
        />
        <FieldError field={p.ref} />
      </div>
      <Field field={p.role} label="Role" {...needs(p.role.name)}>
        <select {...getSelectProps(p.role)}>
          <option value="">Choose…</option>
          {options(PARTY_ROLES)}
        </select>
      </Field>
      {kind === "DATA_SHARING" ? (
        <Field field={p.gdprRole} label="GDPR role" {...needs(p.gdprRole.name)}>
          <select {...getSelectProps(p.gdprRole)}>
            <option value="">Choose…</option>
            {options(GDPR_ROLES)}
          </select>
        </Field>
      ) : null}
      <Field field={p.contactName} label="Contact">
        <input {...getInputProps(p.contactName, { type: "text" })} />
      </Field>
      <Field field={p.contactEmail} label="Contact email">
        <input {...getInputProps(p.contactEmail, { type: "email" })} />
      </Field>
      <Field field={p.signatureStatus} label="Signature">
        <select {...getSelectProps(p.signatureStatus)}>{options(SIGNATURE_STATUSES)}</select>
      </Field>
      <Field field={p.signedAt} label="Signed on">
        <input {...getInputProps(p.signedAt, { type: "date" })} />
      </Field>
      <button {...removeProps} onClick={() => onRemove(index)} className="button button-quiet party-remove" aria-label={`Remove party ${index + 1}`}>
        Remove
      </button>
    </li>
  );
}
