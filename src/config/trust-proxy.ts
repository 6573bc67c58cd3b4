import { isIP } from 'node:net';
import { z } from 'zod';

const PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

function validItem(item: string): boolean {
  if (PRESETS.includes(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: which reverse proxies may tell the client's address in
 * X-Forwarded-For. Empty (the default): none, the connection's address is
 * the client's. A number: that many proxies in front. Otherwise a comma
 * separated list of addresses, CIDR ranges or loopback / linklocal /
 * uniquelocal. `true` (trust anyone) is refused: any client could then pick
 * its own address. Parsed to what Express's "trust proxy" setting takes.
 */
export const trustProxySchema = z
  .string()
  .default('')
  .transform((raw, ctx): false | number | string[] => {
    const v = raw.trim();
    if (v === '' || v === 'false') return false;
    if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10) return Number(v);
    const items = v.split(',').map((s) => s.trim());
    if (v !== 'true' && items.every(validItem)) return items;
    ctx.addIssue({
      code: 'custom',
      message:
        'debe ser el número de proxies delante de la API (1 a 10) o una lista de sus direcciones o rangos (p. ej. 10.0.0.5,172.16.0.0/12 o loopback); vacía si no hay proxy',
    });
    return z.NEVER;
  });
