import { Client } from 'pg';
import { AuditChainRepository } from './audit-chain.repository';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first link that does not verify, when any. */
  broken?: { seq: number; reason: string };
  /** Anchors checked against the chain (only when every link verified). */
  anchors?: number;
  /** The newest event, to be kept outside the system as one more anchor. */
  head?: { seq: number; hash: string };
}

/** A head of the chain recorded somewhere: in audit_anchors, or kept by the operator (`--ancla seq:hash`). */
export interface ChainAnchor {
  seq: number;
  hash: string;
  label: string;
}

const GENESIS = '0'.repeat(64);

/**
 * Walks the chain in seq order: each row's hash must equal the recomputed one
 * (catches an altered row), its prev_hash must equal the previous row's hash
 * and seq must be consecutive (catches a deleted or inserted row). Then every
 * anchor must find its event with the hash it recorded (catches a chain
 * rewritten and re-hashed from some point) and none may lie beyond the last
 * event (catches the newest events deleted, which leaves a valid chain).
 */
export async function verifyAuditChain(client: Client, batch = 5000, external: ChainAnchor[] = []): Promise<VerifyResult> {
  const events = new AuditChainRepository(client);
  const chain = await walkChain(events, batch);
  if (!chain.ok) return chain;
  const head = chain.head!;
  const anchors = [...(await recordedAnchors(events)), ...external];
  const hashes = await events.hashesAt(anchors.map((a) => a.seq).filter((s) => s > 0 && s <= head.seq));
  // Rewritten history first (an anchored event that is no longer the same), then a missing tail.
  const rewritten = anchors.filter((a) => a.seq > 0 && a.seq <= head.seq && hashes.get(a.seq) !== a.hash).sort((a, b) => a.seq - b.seq)[0];
  if (rewritten) {
    return {
      ok: false,
      checked: chain.checked,
      head,
      broken: {
        seq: rewritten.seq,
        reason: `no es el evento que registró ${rewritten.label} (hash ${rewritten.hash}): la bitácora se reescribió desde ahí`,
      },
    };
  }
  const beyond = anchors.filter((a) => a.seq > head.seq).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) {
    return {
      ok: false,
      checked: chain.checked,
      head,
      broken: {
        seq: head.seq + 1,
        reason: `faltan los eventos ${head.seq + 1} a ${beyond.seq}: ${beyond.label} registra el evento ${beyond.seq} con hash ${beyond.hash}, pero la bitácora termina en el ${head.seq} (se borraron sus eventos más recientes)`,
      },
    };
  }
  return { ...chain, anchors: anchors.length };
}

const SOURCE_LABEL: Record<string, string> = { corte: 'el ancla del cierre del corte', documento: 'el ancla del documento', diario: 'el ancla diaria del' };

async function recordedAnchors(events: AuditChainRepository): Promise<ChainAnchor[]> {
  return (await events.anchors()).map((r) => ({
    seq: Number(r.seq),
    hash: r.hash,
    label: `${SOURCE_LABEL[r.source] ?? r.source} ${r.reference} (registrada el ${r.recorded_at.toISOString()})`,
  }));
}

async function walkChain(events: AuditChainRepository, batch: number): Promise<VerifyResult> {
  let lastSeq = 0;
  let lastHash = GENESIS;
  let checked = 0;
  for (;;) {
    const rows = await events.links(lastSeq, batch);
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== lastSeq + 1) {
        return {
          ok: false,
          checked,
          broken: { seq, reason: `falta el eslabón ${lastSeq + 1} (el siguiente registro es el ${seq}): se borró o se insertó fuera de la cadena` },
        };
      }
      if (r.prev_hash !== lastHash) {
        return { ok: false, checked, broken: { seq, reason: `su hash anterior no coincide con el hash del eslabón ${lastSeq}` } };
      }
      if (r.hash !== r.expected) {
        return { ok: false, checked, broken: { seq, reason: 'su contenido no corresponde a su hash: el registro fue alterado' } };
      }
      lastSeq = seq;
      lastHash = r.hash;
      checked += 1;
    }
    if (rows.length < batch) return { ok: true, checked, head: { seq: lastSeq, hash: lastHash } };
  }
}
