/**
 * The parties section of the agreement form: one row per party (an HT unit
 * or a partner, its role, contact, GDPR role for data sharing, signature),
 * rows added and removed with conform's list intents, and a partner missing
 * from the list created inline (app/components/inline-partner.tsx) and made
 * a party at once.
 */
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import { GDPR_ROLES, PARTY_ROLES, SIGNATURE_STATUSES, type AgreementKind } from "~/domain/vocabulary";
import { useCan } from "~/utils/user";
import type { AgreementFormFields, AgreementFormHandle, AgreementFormOptions } from "./agreement-form";
import { vocabularyOptions as options } from "./agreement-form-sections";
import { Field, FieldError } from "./forms";
import { InlinePartnerFields } from "./inline-partner";

type Choice = { value: string; label: string };

export function PartiesSection({
  form,
  fields,
  kind,
  units,
  partners,
}: {
  form: AgreementFormHandle;
  fields: AgreementFormFields;
  kind: AgreementKind | "";
  units: AgreementFormOptions["units"];
  partners: AgreementFormOptions["partners"];
}) {
  const canAddPartner = useCan("directory:write");
  // Partners created inline while filling the form join the choices.
  const [addedPartners, setAddedPartners] = useState<Choice[]>([]);
  const partnerChoices = [...partners, ...addedPartners].sort((a, b) => a.label.localeCompare(b.label));
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
    <fieldset className="card form-section">
      <legend>Parties</legend>
      <p className="field-hint">At least one HT unit and one partner, each once, with their role.</p>
      <FieldError field={fields.parties} />
      <ol className="party-list">
        {fields.parties.getFieldList().map((party, index) => (
          <PartyRow key={party.key} form={form} listName={fields.parties.name} party={party} index={index} kind={kind} units={units} partners={partnerChoices} />
        ))}
      </ol>
      <div className="form-actions">
        <button {...form.insert.getButtonProps({ name: fields.parties.name, defaultValue: { role: "PARTICIPANT", signatureStatus: "PENDING" } })} className="button button-quiet">
          + Add a party
        </button>
        {canAddPartner ? (
          <InlinePartnerFields
            onCreated={(partner) => {
              setAddedPartners((list) => [...list, partner]);
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
  form,
  listName,
  party,
  index,
  kind,
  units,
  partners,
}: {
  form: AgreementFormHandle;
  listName: string;
  party: PartyField;
  index: number;
  kind: AgreementKind | "";
  units: Choice[];
  partners: Choice[];
}) {
  const p = party.getFieldset() as Record<"ref" | "role" | "gdprRole" | "contactName" | "contactEmail" | "signatureStatus" | "signedAt", FieldMetadata<string>>;
  return (
    <li className="party-row">
      <Field field={p.ref} label={`Party ${index + 1}`} wide>
        <select {...getSelectProps(p.ref)}>
          <option value="">Choose an HT unit or partner…</option>
          <optgroup label="HT units">
            {units.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
          <optgroup label="Partners">
            {partners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        </select>
      </Field>
      <Field field={p.role} label="Role">
        <select {...getSelectProps(p.role)}>
          <option value="">Choose…</option>
          {options(PARTY_ROLES)}
        </select>
      </Field>
      {kind === "DATA_SHARING" ? (
        <Field field={p.gdprRole} label="GDPR role">
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
      <button
        {...form.remove.getButtonProps({ name: listName, index })}
        className="button button-quiet party-remove"
        aria-label={`Remove party ${index + 1}`}
      >
        Remove
      </button>
    </li>
  );
}
