// scripts/web-client.js is plain CommonJS shared with `npm run web:api`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webClient = require('../scripts/web-client.js') as {
  documentWithoutDatabase(): Promise<unknown>;
  render(doc: unknown): Promise<string>;
  current(): string;
};

/*
 * The web application's API types (web/src/api/schema.d.ts) are generated from
 * the OpenAPI document of the compiled API (dist/, what `npm start` serves;
 * the global setup builds it). Regenerated here and compared: a change to a
 * route, a DTO or a response schema without `npm run web:api` fails this test.
 */
describe('the generated API client of the web application', () => {
  it('matches the OpenAPI document of the built API (run npm run web:api after changing the API)', async () => {
    const fresh = await webClient.render(await webClient.documentWithoutDatabase());
    expect(fresh === webClient.current()).toBe(true);
  });

  it('would notice a stale file', async () => {
    const fresh = await webClient.render(await webClient.documentWithoutDatabase());
    expect(fresh.replace('"/api/v1/worklist/actions"', '"/api/v1/otra-ruta"')).not.toBe(webClient.current());
  });
});
