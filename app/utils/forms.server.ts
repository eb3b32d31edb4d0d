/**
 * Reading a submitted form safely, before any parsing work: a body that is
 * not a form (JSON, plain text, no content type), a broken multipart body,
 * too many fields or a list index far beyond what the form allows
 * (`parties[100000].ref`, which would make the form library build a huge
 * sparse array) is answered at once with a 4xx and a short message, never a
 * 500 and never seconds of work.
 */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** More fields than any form of the app has, many times over. */
export const MAX_FORM_FIELDS = 2_000;
/** Forms without lists of their own accept no list index at or past this. */
export const DEFAULT_MAX_INDEX = 100;
/** A form without files is small; bigger bodies are refused before they are read. */
export const MAX_FORM_BYTES = 1_000_000;

function refuse(status: number, message: string): never {
  throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The highest list index in a field name ("parties[12].ref" -> 12), or -1. */
function highestIndex(name: string): number {
  let highest = -1;
  for (const match of name.matchAll(/\[(\d+)\]/g)) highest = Math.max(highest, match[1]!.length > 9 ? Infinity : Number(match[1]));
  return highest;
}

export async function readForm(request: Request, { maxIndex = DEFAULT_MAX_INDEX }: { maxIndex?: number } = {}): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    refuse(415, "Send this form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_FORM_BYTES) refuse(413, "This form is too large.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    refuse(400, "This form could not be read: its body is malformed.");
  }
  let fields = 0;
  for (const name of form.keys()) {
    if (++fields > MAX_FORM_FIELDS) refuse(400, "This form has too many fields.");
    if (highestIndex(name) >= maxIndex) refuse(400, `This form lists more entries than allowed (at most ${maxIndex}).`);
  }
  return form;
}
