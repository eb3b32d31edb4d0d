/**
 * The OpenAPI document (issue 14): valid by a real parser
 * (@apidevtools/swagger-parser), generated from the server's own schemas,
 * and every endpoint it documents exercised with a token, its answer
 * checked against the documented schema.
 */
import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { ZodTypeAny } from "zod";
import {
  AgreementListSchema, AgreementSchema, CreatedSchema, DeadlineListSchema, NetworkSchema, PartnerDetailSchema, PartnerSchema, UnitDetailSchema, UnitSchema,
  UpdatedSchema,
} from "~/domain/api-schemas";
import { z } from "zod";
import { addDaysUtc, utcToday } from "~/domain/dates";
import { createToken } from "~/models/api-tokens.server";
import { makeAgreement, makePartner, makeUnit, makeUser } from "../setup/factories";
import { api } from "../setup/api";

let token: string;
let ids: { agreement: string; partner: string; unit: string };
let doc: { paths: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  const editor = await makeUser("EDITOR");
  token = (await createToken(editor, { name: "OpenAPI walk", scope: "WRITE", expiresInDays: 7 })).token;
  const unit = await makeUnit("Computational Life Sciences");
  const partner = await makePartner("Politecnico di Milano");
  // Ends within the deadlines' default window of 90 days: /api/deadlines has something to list.
  const agreement = await makeAgreement({ unit, partner, title: "Walked agreement", endDate: addDaysUtc(utcToday(), 40) });
  ids = { agreement: agreement.id, partner: partner.id, unit: unit.id };
  doc = (await api("/api/openapi.json")).body;
});

const list = (item: ZodTypeAny) => z.object({ total: z.number(), items: z.array(item) });

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3 document", async () => {
    const validated = (await SwaggerParser.validate(structuredClone(doc) as never)) as { openapi: string; components: { schemas: object } };
    expect(validated.openapi).toBe("3.0.3");
    expect(Object.keys(validated.components.schemas)).toEqual(expect.arrayContaining(["AgreementInput", "Agreement", "Error"]));
  });

  it("documents the agreement input from the form's own schema", () => {
    const input = (doc as unknown as { components: { schemas: Record<string, { required: string[]; properties: Record<string, unknown> }> } }).components.schemas.AgreementInput!;
    expect(input.required).toEqual(["title", "kind"]);
    expect(Object.keys(input.properties)).toEqual(expect.arrayContaining(["parties", "details", "version", "confidentiality", "value"]));
  });

  it("has every documented endpoint answer as documented", async () => {
    const { agreement } = (await api("/api/agreements", { token, method: "POST", json: { title: "Created by the walk", kind: "NDA" } })).body;
    const schemas: Record<string, ZodTypeAny> = {
      "get /api/agreements": AgreementListSchema, "post /api/agreements": CreatedSchema,
      "get /api/agreements/{id}": AgreementSchema, "put /api/agreements/{id}": UpdatedSchema,
      "get /api/partners": list(PartnerSchema), "get /api/partners/{id}": PartnerDetailSchema,
      "get /api/units": list(UnitSchema), "get /api/units/{id}": UnitDetailSchema, "get /api/network": NetworkSchema,
      "get /api/deadlines": DeadlineListSchema,
    };
    const idFor: Record<string, string> = { agreements: agreement.id, partners: ids.partner, units: ids.unit };
    const walked: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const key = `${method} ${path}`;
        const url = path.replace("{id}", idFor[path.split("/")[2]!]!);
        const json = method === "post" ? { title: "Posted by the walk", kind: "MOU" } : method === "put" ? { title: "Created by the walk, renamed", kind: "NDA", version: 1 } : undefined;
        const answer = await api(url, { token, method: method.toUpperCase(), json });
        expect(answer.status, key).toBe(method === "post" ? 201 : 200);
        expect(schemas[key], `a schema for ${key}`).toBeDefined();
        schemas[key]!.parse(answer.body);
        if (key === "get /api/deadlines") expect(answer.body.items.map((d: { agreement: { id: string } }) => d.agreement.id)).toContain(ids.agreement);
        walked.push(key);
      }
    }
    expect(walked.sort()).toEqual(Object.keys(schemas).sort());
    expect(ids.agreement).toBeTruthy();
  });
});
