/**
 * The agreement page's documents: each document with its current version
 * (download, view a PDF in the browser, the signatures of a .p7m with "use
 * the last signing time as the signature date"), its older versions with
 * who uploaded them, when and their SHA-256, the text-extraction progress,
 * and, for editors, uploading files (drop them or choose them) and new
 * versions.
 */
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { formatDay } from "~/domain/dates";
import {
  ACCEPT_ATTRIBUTE, ACCEPTED_SUMMARY, DOCUMENT_KINDS, formatBytes, isViewable, lastSigningDay, textProgress, typeLabel,
} from "~/domain/documents";
import type { AgreementPageData } from "~/routes/agreements.$id";
import type { UploadAnswer } from "~/routes/agreements.$id_.documents";
import { useCan } from "~/utils/user";

type Doc = AgreementPageData["documents"][number];
type Version = Doc["versions"][number];

/** Reloads the page's data while any document's text is being read, so its progress moves. */
function usePollWhile(active: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => { if (state === "idle") revalidate(); }, 1500);
    return () => clearInterval(timer);
  }, [active, revalidate, state]);
}

export function DocumentsCard({ agreement, documents, textBusy }: {
  agreement: { id: string; version: number; archivedAt: Date | string | null };
  documents: Doc[];
  textBusy: boolean;
}) {
  const canWrite = useCan("agreement:write") && !agreement.archivedAt;
  usePollWhile(textBusy);
  return (
    <section aria-labelledby="documents" className="card" id="documents-card">
      <div className="card-header">
        <h2 id="documents">Documents</h2>
        <span className="muted">{documents.length ? `${documents.length} document${documents.length === 1 ? "" : "s"}` : ""}</span>
      </div>
      {documents.length ? (
        <ul className="document-list">
          {documents.map((d) => (
            <DocumentItem key={d.id} doc={d} agreement={agreement} canWrite={canWrite} />
          ))}
        </ul>
      ) : (
        <p className="muted">No documents yet.{canWrite ? " Upload the drafts, the signed deed and its annexes below." : ""}</p>
      )}
      {canWrite ? <UploadForm agreementId={agreement.id} /> : null}
    </section>
  );
}

function DocumentItem({ doc, agreement, canWrite }: {
  doc: Doc;
  agreement: { id: string; version: number };
  canWrite: boolean;
}) {
  const [current, ...older] = doc.versions;
  const [replacing, setReplacing] = useState(false);
  if (!current) return null;
  return (
    <li className="document">
      <div className="document-head">
        <div>
          <span className="badge">{DOCUMENT_KINDS.label(doc.kind)}</span>{" "}
          <strong className="document-name" dir="auto">{doc.title}</strong>
          {doc.versions.length > 1 ? <span className="muted"> · version {current.number}</span> : null}
        </div>
        <VersionLinks version={current} />
      </div>
      <VersionFacts version={current} />
      {current.signatures.length ? <Signatures version={current} agreement={agreement} canWrite={canWrite} /> : null}
      {older.length ? (
        <details className="older-versions">
          <summary>Earlier versions ({older.length})</summary>
          <ol className="plain-list">
            {older.map((v) => (
              <li key={v.id}>
                <span dir="auto">Version {v.number}: {v.fileName}</span> <VersionLinks version={v} />
                <VersionFacts version={v} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {canWrite ? (
        replacing ? (
          <UploadForm agreementId={agreement.id} documentId={doc.id} onDone={() => setReplacing(false)} />
        ) : (
          <button type="button" className="button button-quiet button-small" onClick={() => setReplacing(true)}>
            Upload a new version
          </button>
        )
      ) : null}
    </li>
  );
}

function VersionLinks({ version: v }: { version: Version }) {
  const viewable = isViewable(v.mimeType) || isViewable(v.signedContentType);
  return (
    <span className="document-links">
      {viewable ? <a href={`/documents/${v.id}/view`} target="_blank" rel="noopener">View</a> : null}
      <a href={`/documents/${v.id}/download`} download>Download</a>
      {v.signedContentType ? <a href={`/documents/${v.id}/content`} download>Download the signed document</a> : null}
    </span>
  );
}

function VersionFacts({ version: v }: { version: Version }) {
  return (
    <p className="document-facts">
      <span>{typeLabel(v.mimeType)}{v.signedContentType ? ` containing a ${typeLabel(v.signedContentType)}` : ""}, {formatBytes(v.size)}</span>
      <span>uploaded by {v.uploadedByEmail} on {formatDay(v.uploadedAt)}</span>
      <span className="sha" title="SHA-256 of the file">SHA-256 <code>{v.sha256}</code></span>
      <span className={`text-status text-status-${v.textStatus.toLowerCase()}`} role="status">
        {textProgress(v)}
        {v.textStatus === "RUNNING" && v.pageCount ? (
          <progress max={v.pageCount} value={v.textPagesDone} aria-label="Text extraction progress" />
        ) : null}
        {v.textStatus === "FAILED" && v.textError ? <span className="muted"> {v.textError}</span> : null}
      </span>
    </p>
  );
}

function Signatures({ version: v, agreement, canWrite }: { version: Version; agreement: { id: string; version: number }; canWrite: boolean }) {
  const fetcher = useFetcher<{ error?: string; done?: boolean }>();
  const last = lastSigningDay(v.signatures);
  return (
    <div className="signatures">
      <h3>Digital signatures</h3>
      <ul className="plain-list">
        {v.signatures.map((s, i) => (
          <li key={i}>
            <strong>{s.name}</strong>
            {s.signingTime ? ` signed on ${formatDay(s.signingTime)} at ${s.signingTime.slice(11, 16)} UTC` : " (no signing time in the signature)"}
            {s.issuer ? <span className="muted"> · certificate issued by {s.issuer}</span> : null}
          </li>
        ))}
      </ul>
      <p className="field-hint">
        The app reads the signers and signing times from the signature. It does not validate the certificates against the
        national trust list: check that with a signature verification service before relying on it.
      </p>
      {canWrite && last ? (
        <fetcher.Form method="post" action={`/agreements/${agreement.id}/approvals`}>
          <input type="hidden" name="version" value={agreement.version} />
          <input type="hidden" name="versionId" value={v.id} />
          <button type="submit" name="intent" value="use-signing-time" className="button button-quiet button-small" disabled={fetcher.state !== "idle"}>
            Use the last signing time ({formatDay(last)}) as the signature date
          </button>
          {fetcher.data?.error ? <p className="field-error" role="alert">{fetcher.data.error}</p> : null}
          {fetcher.data?.done ? <p className="notice notice-success" role="status">Signature date set to {formatDay(last)}.</p> : null}
        </fetcher.Form>
      ) : null}
    </div>
  );
}

/** Files chosen or dropped, then uploaded with the page's fetcher (streamed by the server). */
function UploadForm({ agreementId, documentId, onDone }: { agreementId: string; documentId?: string; onDone?: () => void }) {
  const fetcher = useFetcher<UploadAnswer>();
  const input = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [chosen, setChosen] = useState<{ name: string; size: number }[]>([]);
  const [dragging, setDragging] = useState(false);
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) {
      form.current?.reset();
      setChosen([]);
      onDone?.();
    }
  }, [fetcher.state, fetcher.data, onDone]);
  const pick = (files: FileList | null) => setChosen([...(files ?? [])].map((f) => ({ name: f.name, size: f.size })));
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!input.current || !event.dataTransfer.files.length) return;
    input.current.files = event.dataTransfer.files;
    pick(event.dataTransfer.files);
  };
  const id = documentId ? `upload-${documentId}` : "upload";
  return (
    <fetcher.Form ref={form} method="post" encType="multipart/form-data" action={`/agreements/${agreementId}/documents`} className="upload">
      {documentId ? <input type="hidden" name="documentId" value={documentId} /> : null}
      {scripted ? <input type="hidden" name="respond" value="json" /> : null}
      <div
        className={dragging ? "drop-zone drop-zone-active" : "drop-zone"}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label htmlFor={id} className="drop-label">
          {documentId ? "Drop the new version here, or " : "Drop files here, or "}
          <span className="link-like">choose {documentId ? "a file" : "files"}</span>
        </label>
        <input ref={input} id={id} type="file" name="files" multiple={!documentId} accept={ACCEPT_ATTRIBUTE} required
          onChange={(e) => pick(e.currentTarget.files)} className="file-input" />
        <p className="field-hint">{ACCEPTED_SUMMARY}. The type is read from the content, not from the name.</p>
        {chosen.length ? (
          <ul className="plain-list chosen-files">
            {chosen.map((f, i) => <li key={i} dir="auto">{f.name} <span className="muted">({formatBytes(f.size)})</span></li>)}
          </ul>
        ) : null}
      </div>
      <div className="form-actions">
        {documentId ? <input type="hidden" name="kind" value="OTHER" /> : <KindSelect id={`${id}-kind`} />}
        <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
          {busy ? `Uploading ${chosen.length > 1 ? `${chosen.length} files` : "…"}` : documentId ? "Upload the new version" : "Upload"}
        </button>
        {onDone ? <button type="button" className="button button-quiet" onClick={onDone}>Cancel</button> : null}
      </div>
      <UploadAnswerNotice answer={busy ? undefined : fetcher.data} />
    </fetcher.Form>
  );
}

function KindSelect({ id }: { id: string }) {
  return (
    <label className="field field-inline" htmlFor={id}>
      <span className="field-label">Kind</span>
      <select id={id} name="kind" defaultValue="DRAFT">
        {DOCUMENT_KINDS.values.map((k) => <option key={k} value={k}>{DOCUMENT_KINDS.label(k)}</option>)}
      </select>
    </label>
  );
}

function UploadAnswerNotice({ answer }: { answer: UploadAnswer | undefined }) {
  if (!answer) return null;
  if (answer.ok) {
    return <p className="notice notice-success" role="status">Uploaded. Its text is being read for search.</p>;
  }
  return (
    <div className="notice notice-error" role="alert">
      <p>{answer.error}</p>
      {answer.refused?.length ? (
        <ul>{answer.refused.map((r, i) => <li key={i} dir="auto">{r.reason}</li>)}</ul>
      ) : null}
    </div>
  );
}
