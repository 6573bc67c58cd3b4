import { trustProxySchema } from './trust-proxy';

describe('TRUST_PROXY', () => {
  const parse = (v: string | undefined) => trustProxySchema.safeParse(v);

  it('trusts no proxy unless told', () => {
    expect(parse(undefined).data).toBe(false);
    expect(parse('').data).toBe(false);
    expect(parse('false').data).toBe(false);
  });

  it('takes a hop count or a list of addresses, ranges and presets', () => {
    expect(parse('1').data).toBe(1);
    expect(parse('10.0.0.5, 172.16.0.0/12,loopback').data).toEqual(['10.0.0.5', '172.16.0.0/12', 'loopback']);
    expect(parse('::1,fd00::/8').data).toEqual(['::1', 'fd00::/8']);
  });

  it('refuses trusting anyone and anything it cannot read', () => {
    for (const bad of ['true', '0', '11', '10.0.0.256', '10.0.0.0/33', 'proxy.local', '10.0.0.1/8/2', '*']) expect(parse(bad).success).toBe(false);
  });
});
