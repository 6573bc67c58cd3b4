/**
 * The evidence formats the system accepts, decided from the content (magic
 * bytes, via the file-type package) and checked against the file name's
 * extension. Old Office files (.doc, .xls, .ppt) are Compound File Binary
 * containers, which file-type reports as "cfb".
 */
export interface AcceptedType {
  /** Extensions of the file name that may carry this content. */
  extensions: string[];
  /** What file-type reports for the content. */
  detected: string;
  mime: string;
}

export const TYPES: Record<string, AcceptedType> = {
  pdf: { extensions: ['pdf'], detected: 'pdf', mime: 'application/pdf' },
  docx: { extensions: ['docx'], detected: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { extensions: ['xlsx'], detected: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { extensions: ['pptx'], detected: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  doc: { extensions: ['doc'], detected: 'cfb', mime: 'application/msword' },
  xls: { extensions: ['xls'], detected: 'cfb', mime: 'application/vnd.ms-excel' },
  ppt: { extensions: ['ppt'], detected: 'cfb', mime: 'application/vnd.ms-powerpoint' },
  odt: { extensions: ['odt'], detected: 'odt', mime: 'application/vnd.oasis.opendocument.text' },
  ods: { extensions: ['ods'], detected: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet' },
  odp: { extensions: ['odp'], detected: 'odp', mime: 'application/vnd.oasis.opendocument.presentation' },
  png: { extensions: ['png'], detected: 'png', mime: 'image/png' },
  jpg: { extensions: ['jpg', 'jpeg'], detected: 'jpg', mime: 'image/jpeg' },
};

/** Bytes file-type needs to recognise every accepted format. */
export const SNIFF_BYTES = 4100;

type Detector = (buf: Uint8Array) => Promise<{ ext: string; mime: string } | undefined>;
let detector: Promise<Detector> | undefined;

/** file-type is ESM-only: loaded once, lazily. */
function load(): Promise<Detector> {
  detector ??= import('file-type').then((m) => m.fileTypeFromBuffer as Detector);
  return detector;
}

export type TypeCheck = { ok: true; type: AcceptedType } | { ok: false; reason: string };

/** Decides the stored type from the first bytes and the file name's extension, against the allowed list. */
export async function checkType(head: Buffer, fileName: string, allowed: readonly string[]): Promise<TypeCheck> {
  const detected = await (await load())(head);
  const ext = (/\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  const allowedTypes = allowed.map((a) => TYPES[a]).filter((t): t is AcceptedType => t !== undefined);
  const list = allowed.join(', ');
  if (!detected) return { ok: false, reason: `No se reconoce el tipo del contenido; se aceptan: ${list}.` };
  const byContent = allowedTypes.filter((t) => t.detected === detected.ext);
  if (byContent.length === 0) {
    return { ok: false, reason: `El contenido es de tipo ${detected.ext} (${detected.mime}), que no se acepta como evidencia; se aceptan: ${list}.` };
  }
  const match = byContent.find((t) => t.extensions.includes(ext));
  if (!match) {
    return {
      ok: false,
      reason: `El nombre termina en .${ext || '(sin extensión)'} pero el contenido es ${byContent[0].extensions[0].toUpperCase()}; renombra el archivo con la extensión correcta.`,
    };
  }
  return { ok: true, type: match };
}
