/**
 * Reading a CAdES envelope (.p7m, CMS SignedData, docs/decisions/053) with
 * PKIjs: the signed content inside it, and each signature's signer (the
 * certificate's subject) and signing time. It reads the signatures; it does
 * NOT check the certificates against the national trust list (AgID), nor
 * verify the signature values: the page says so.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { SignatureInfo } from "~/domain/documents";

const SIGNED_DATA = "1.2.840.113549.1.7.2";
const SIGNING_TIME = "1.2.840.113549.1.9.5";
const OID_NAMES: Record<string, string> = {
  "2.5.4.3": "CN", "2.5.4.4": "SN", "2.5.4.42": "GN", "2.5.4.10": "O", "2.5.4.6": "C", "2.5.4.5": "serialNumber",
};

/** The DER prefix of a ContentInfo holding SignedData: SEQUENCE, then the signedData OID. */
export function looksLikeSignedData(head: Uint8Array): boolean {
  if (head[0] !== 0x30) return false;
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  return Buffer.from(head.subarray(0, 24)).includes(oid);
}

function nameParts(name: pkijs.RelativeDistinguishedNames): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const tv of name.typesAndValues) {
    const key = OID_NAMES[tv.type] ?? tv.type;
    parts[key] ??= String((tv.value.valueBlock as { value?: unknown }).value ?? "");
  }
  return parts;
}

function describe(name: pkijs.RelativeDistinguishedNames): string {
  const p = nameParts(name);
  return p.CN || [p.GN, p.SN].filter(Boolean).join(" ") || p.O || "Unknown signer";
}

function hex(value: asn1js.Integer): string {
  return Buffer.from(value.valueBlock.valueHexView).toString("hex").toUpperCase();
}

function signerCertificate(signed: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = info.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  return certs[0] ?? null;
}

function signingTimeOf(info: pkijs.SignerInfo): string | null {
  const attribute = info.signedAttrs?.attributes.find((a) => a.type === SIGNING_TIME);
  const value = attribute?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate().toISOString();
  return null;
}

/** The content and signatures of a CAdES envelope; throws when it is not one. */
export function readCades(der: Uint8Array): { content: Uint8Array | null; signatures: SignatureInfo[] } {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new Error("not DER");
  const info = new pkijs.ContentInfo({ schema: parsed.result });
  if (info.contentType !== SIGNED_DATA) throw new Error("not a signed-data envelope");
  const signed = new pkijs.SignedData({ schema: info.content });
  const eContent = signed.encapContentInfo.eContent;
  const content = eContent ? new Uint8Array(eContent.getValue()) : null;
  const signatures = signed.signerInfos.map((signer): SignatureInfo => {
    const cert = signerCertificate(signed, signer);
    return {
      name: cert ? describe(cert.subject) : "Unknown signer",
      signingTime: signingTimeOf(signer),
      issuer: cert ? describe(cert.issuer) : "",
      serialNumber: cert ? hex(cert.serialNumber) : "",
    };
  });
  return { content, signatures };
}
