import { Writable } from 'node:stream';
import { writeChunk } from './csv.writer';

/** A destination that takes one byte at a time and answers later: every write waits for 'drain'. */
function slowSink(fail?: Error): Writable {
  return new Writable({
    highWaterMark: 1,
    write(_chunk, _encoding, done) {
      setImmediate(() => done(fail));
    },
  });
}

describe('writeChunk', () => {
  it('waits for every drain and leaves no listener behind', async () => {
    const out = slowSink();
    const before = { drain: out.listenerCount('drain'), error: out.listenerCount('error') };
    let waited = 0;
    out.on('drain', () => (waited += 1));
    for (let i = 0; i < 200; i++) await writeChunk(out, `línea ${i}\r\n`);
    expect(waited).toBe(200);
    expect(out.listenerCount('drain')).toBe(before.drain + 1);
    expect(out.listenerCount('error')).toBe(before.error);
  });

  it('rejects when the destination fails while it waits, and leaves no listener behind', async () => {
    const out = slowSink(new Error('disco lleno'));
    const before = { drain: out.listenerCount('drain'), error: out.listenerCount('error') };
    await expect(writeChunk(out, 'línea\r\n')).rejects.toThrow('disco lleno');
    expect(out.listenerCount('drain')).toBe(before.drain);
    expect(out.listenerCount('error')).toBe(before.error);
  });
});
