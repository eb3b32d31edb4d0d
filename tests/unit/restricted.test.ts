import type { LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as agreementLoader } from "~/routes/agreements.$id";
import { loader as partnerLoader } from "~/routes/partners.$id";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement, makePartner, makeUnit, request } from "../setup/factories";

let viewer: string, editor: string;
let open: { id: string }, secret: { id: string; reference: string }, partnerId: string;

async function call(fn: LoaderFunction, path: string, cookie: string): Promise<unknown> {
  try {
    return await fn({ request: request(path, { cookie }), params: { id: path.split("/").pop()! }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  viewer = (await login("VIEWER")).cookie;
  editor = (await login("EDITOR")).cookie;
  const unit = await makeUnit("Medical Genomics");
  const partner = await makePartner("Ospedale San Raffaele", "RESEARCH_HOSPITAL");
  partnerId = partner.id;
  open = await makeAgreement({ title: "Open framework", kind: "FRAMEWORK", unit, partner });
  secret = await makeAgreement({ title: "Secret genomic data transfer", kind: "DATA_SHARING", confidentiality: "RESTRICTED", unit, partner });
  await prisma.agreementLink.create({ data: { type: "AMENDS", fromId: secret.id, toId: open.id } });
});

describe("restricted agreements", () => {
  it("are refused to a viewer by URL, with a 403", async () => {
    const res = await call(agreementLoader, `/agreements/${secret.id}`, viewer);
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(403);
  });

  it("open for editors", async () => {
    const res = (await call(agreementLoader, `/agreements/${secret.id}`, editor)) as { agreement: { title: string } };
    expect(res.agreement.title).toBe("Secret genomic data transfer");
  });

  it("show in an open agreement's links to a viewer as a placeholder, without id or reference", async () => {
    const res = (await call(agreementLoader, `/agreements/${open.id}`, viewer)) as {
      incoming: { type: string; other: unknown }[];
    };
    expect(res.incoming).toEqual([expect.objectContaining({ type: "AMENDS", other: { masked: true, label: "Restricted agreement" } })]);
    expect(JSON.stringify(res)).not.toContain("Secret genomic");
    expect(JSON.stringify(res)).not.toContain(secret.reference);
    expect(JSON.stringify(res)).not.toContain(secret.id);
  });

  it("are refused by a 403 page that does not echo the reference", async () => {
    const res = (await call(agreementLoader, `/agreements/${secret.id}`, viewer)) as Response;
    expect(await res.text()).not.toContain(secret.reference);
  });

  it("are left out of a partner's page for a viewer", async () => {
    const forViewer = (await call(partnerLoader, `/partners/${partnerId}`, viewer)) as { agreements: { title: string }[] };
    const forEditor = (await call(partnerLoader, `/partners/${partnerId}`, editor)) as { agreements: { title: string }[] };
    expect(forViewer.agreements.map((a) => a.title)).toEqual(["Open framework"]);
    expect(forEditor.agreements).toHaveLength(2);
  });
});
