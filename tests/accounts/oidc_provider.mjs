// A real OpenID Connect provider for the sign-in test (the `oidc-provider` npm package, installed into
// tests/accounts/.vendor by scripts/test-vendor.sh), with its development login and consent pages.
// Configuration from the environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI and ACCOUNTS (JSON:
// {login: {email, email_verified, name}}). Prints "ready" once it listens on 127.0.0.1:PORT.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, ".vendor", "node_modules", "oidc-provider", "lib", "index.js");
const { default: Provider } = await import(pathToFileURL(entry).href);

const port = Number(process.env.PORT);
const accounts = JSON.parse(process.env.ACCOUNTS || "{}");
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["huiwu-test-provider"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, ...(accounts[id] || {}) }; } };
  },
});
provider.listen(port, "127.0.0.1", () => console.log("ready"));
