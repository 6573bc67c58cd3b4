import { Actor } from '../actor';
import { Policy } from './policy';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const I = '00000000-0000-4000-8000-0000000000f1';
const facts = (area: string) => ({ coordinatingAreaId: null, responsibleAreaIds: [area] });

/** Abilities are kept between requests: each request's actor must still be judged by its own roles and areas. */
describe('Policy: abilities kept per roles and areas', () => {
  it('judges the same user again by the areas and roles read on each request', () => {
    const policy = new Policy();
    const before: Actor = { id: 'u1', email: 'u1@x.mx', roles: ['responsable'], areaIds: [A], institutionId: I };
    expect(policy.can(before, 'read', 'Action', facts(A))).toBe(true);
    expect(policy.can(before, 'read', 'Action', facts(B))).toBe(false);
    // The administrator moved the user to area B: the next request's actor says so.
    const moved: Actor = { ...before, areaIds: [B] };
    expect(policy.can(moved, 'read', 'Action', facts(A))).toBe(false);
    expect(policy.can(moved, 'read', 'Action', facts(B))).toBe(true);
    expect(policy.scope(moved, 'read', 'Action')).toEqual({ all: false, coordinatingAreaIds: [], responsibleAreaIds: [B], institutionId: I });
    // A role taken away takes effect at once too.
    const demoted: Actor = { ...moved, roles: ['consulta'] };
    expect(policy.mayEver(demoted, 'submit', 'Avance')).toBe(false);
    expect(policy.mayEver(moved, 'submit', 'Avance')).toBe(true);
    // Another user with the same roles and areas gets the same answers.
    const other: Actor = { id: 'u2', email: 'u2@x.mx', roles: ['responsable'], areaIds: [B], institutionId: I };
    expect(policy.can(other, 'read', 'Action', facts(B))).toBe(true);
    expect(policy.can(other, 'read', 'Action', facts(A))).toBe(false);
  });

  it('keeps a bounded number of abilities and still answers for every combination', () => {
    const policy = new Policy();
    const areas = Array.from({ length: 1500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const area of areas)
      expect(policy.can({ id: area, email: 'x@x.mx', roles: ['responsable'], areaIds: [area], institutionId: I }, 'read', 'Action', facts(area))).toBe(true);
    expect((policy as unknown as { cache: Map<string, unknown> }).cache.size).toBeLessThanOrEqual(1000);
    expect(policy.can({ id: 'y', email: 'y@x.mx', roles: ['responsable'], areaIds: [areas[0]], institutionId: I }, 'read', 'Action', facts(areas[1]))).toBe(
      false,
    );
  });
});
